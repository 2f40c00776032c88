/**
 * The HTTP calls a benchmark needs to get a running Switchboard into shape: the owner's
 * session, a web chat inbox, visitor sessions. Same requests the console and the widget
 * make (cookie + Origin for agents, the public key and then a bearer token for visitors).
 */

export const BENCH_OWNER = { name: "Bench Owner", email: "bench-owner@example.com", password: "bench password 0123456789" };

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

export async function api(base: string, path: string, init: { method?: string; json?: unknown; cookie?: string; clientAddress?: string } = {}): Promise<ApiResponse> {
  const method = init.method ?? (init.json === undefined ? "GET" : "POST");
  const headers: Record<string, string> = {};
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  // Cookie-authenticated writes must carry our own origin (worker/auth/csrf.ts).
  if (method !== "GET") headers["Origin"] = base;
  if (init.cookie) headers["Cookie"] = init.cookie;
  // Cloudflare's edge sets CF-Connecting-IP; locally the bench sets it so its hundreds of
  // visitors look like hundreds of people, not one address hitting the abuse limits.
  if (init.clientAddress) headers["CF-Connecting-IP"] = init.clientAddress;
  const res = await fetch(base + path, { method, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json), signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers };
}

function sessionCookie(res: ApiResponse): string {
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("sb_session="));
  if (!cookie) throw new Error(`no sb_session cookie in the response (status ${res.status})`);
  return cookie;
}

/** Creates the owner on a fresh server (or signs in on one already set up); returns the
 * `Cookie` header value of the owner's session. */
export async function ownerSession(base: string, owner = BENCH_OWNER): Promise<string> {
  const setup = await api(base, "/api/v1/setup", { json: owner });
  if (setup.status === 201) return sessionCookie(setup);
  if (setup.status !== 409) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const login = await api(base, "/api/v1/auth/login", { json: { email: owner.email, password: owner.password } });
  if (login.status !== 200) throw new Error(`owner login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return sessionCookie(login);
}

export async function createWebchatInbox(base: string, cookie: string, name: string): Promise<{ id: string; publicKey: string }> {
  const res = await api(base, "/api/v1/inboxes", { json: { kind: "webchat", name }, cookie });
  if (res.status !== 201) throw new Error(`create inbox failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Visitor {
  token: string;
  contactId: string;
  conversationId: string;
}

let visitorCount = 0;

/** A distinct address per visitor, from 198.18.0.0/15 (RFC 2544, reserved for benchmarks). */
export function benchAddress(): string {
  const n = visitorCount++;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

/** A new visitor (contact + conversation) on the inbox with this public key. */
export async function createVisitor(base: string, publicKey: string): Promise<Visitor> {
  const res = await api(base, "/api/v1/widget/sessions", { json: { inbox: publicKey }, clientAddress: benchAddress() });
  if (res.status !== 200) throw new Error(`widget session failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The widget socket's URL for a visitor: a socket ticket minted with its token (the
 * token itself never goes in a URL). */
export async function widgetSocketUrl(base: string, token: string, after = 0): Promise<string> {
  const res = await fetch(`${base}/api/v1/widget/socket-tickets`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  if (res.status !== 200) throw new Error(`socket ticket failed: ${res.status} ${await res.text()}`);
  const { ticket } = (await res.json()) as { ticket: string };
  return `${base.replace(/^http/, "ws")}/api/v1/widget/ws?ticket=${encodeURIComponent(ticket)}&after=${after}`;
}

/** Runs `task` over `items` with at most `limit` at a time; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
