/**
 * Test helpers: talk to the real Worker (inside workerd) the way clients do — HTTP with
 * cookies and Origin, WebSockets through the upgrade routes.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { ErrorBody, type ErrorCode, type ServerFrame } from "../../worker/protocol";

export const ORIGIN = "http://localhost";

export interface Client {
  cookie?: string;
}

export async function call(path: string, init: RequestInit & { json?: unknown; client?: Client; origin?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
  }
  if (init.origin !== null && (init.method ?? "GET") !== "GET") headers.set("Origin", init.origin ?? ORIGIN);
  if (init.client?.cookie) headers.set("Cookie", init.client.cookie);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body }));
  const setCookie = res.headers.get("Set-Cookie");
  if (setCookie && init.client) init.client.cookie = setCookie.split(";")[0];
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

export const OWNER = { name: "Olivia Owner", email: "owner@example.com", password: "correct horse battery" };

/** Creates the owner (once per test file: storage is per file) and returns a signed-in client. */
export async function owner(): Promise<Client> {
  const client: Client = {};
  const setup = await call("/api/v1/setup", { method: "POST", json: OWNER, client });
  if (setup.status === 409) {
    const res = await login(OWNER, client);
    if (res.status !== 200) throw new Error(`owner login failed: ${JSON.stringify(res.body)}`);
  } else if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  return client;
}

/** The password every agent made by `agentWithRole` signs in with. */
export const AGENT_PASSWORD = "a long enough password";

let agentCounter = 0;
/** An extra signed-in agent with `role`, created by the owner. */
export async function agentWithRole(role: "admin" | "agent"): Promise<Client & { id: string; email: string }> {
  const boss = await owner();
  const email = `${role}${++agentCounter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const created = await call("/api/v1/agents", { method: "POST", json: { name: `${role} ${agentCounter}`, email, password: AGENT_PASSWORD, role }, client: boss });
  if (created.status !== 201) throw new Error(`create agent failed: ${JSON.stringify(created.body)}`);
  const client: Client = {};
  const res = await login({ email, password: AGENT_PASSWORD }, client);
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return { ...client, id: created.body.id, email };
}

let addressCounter = 0;
/** A client address no other request in this file has used. Sign-ins are rate-limited per
 * address (`CF-Connecting-IP`, which Cloudflare's edge sets and tests may set themselves),
 * and without one every test request shares the address "local", so helpers that sign in
 * would spend the file's budget and make unrelated tests fail with 429. */
export function clientAddress(): string {
  return `2001:db8::${(++addressCounter).toString(16)}`;
}

/** `POST /api/v1/auth/login` from `address` (a fresh one unless given); a 200 signs `client` in. */
export function login(credentials: { email: string; password: string }, client: Client = {}, address = clientAddress()) {
  return call("/api/v1/auth/login", { method: "POST", json: { email: credentials.email, password: credentials.password }, client, headers: { "CF-Connecting-IP": address } });
}

export async function webchatInbox(client: Client, name = "Website"): Promise<{ id: string; publicKey: string }> {
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name }, client });
  if (res.status !== 201) throw new Error(`create inbox failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function visitor(publicKey: string, token?: string): Promise<{ token: string; contactId: string; conversationId: string }> {
  // A fresh client address each time, so the per-address limit on new visitors never
  // trips in files that create many.
  const res = await call("/api/v1/widget/sessions", { method: "POST", json: token ? { inbox: publicKey, token } : { inbox: publicKey }, headers: { "CF-Connecting-IP": clientAddress() } });
  if (res.status !== 200) throw new Error(`widget session failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A new visitor on the inbox with key `publicKey` who has written `body`, so their
 * conversation is listed for agents (it waits for the projection). */
export async function customerWrites(publicKey: string, body: string): Promise<{ token: string; contactId: string; conversationId: string; seq: number }> {
  const v = await visitor(publicKey);
  const res = await call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${crypto.randomUUID()}` }, headers: bearer(v.token) });
  if (res.status !== 201) throw new Error(`widget message failed: ${JSON.stringify(res.body)}`);
  await projected(v.conversationId, res.body.seq);
  return { ...v, seq: res.body.seq };
}

/** Waits until D1 (lists, search, the contact panel) has the conversation at `seq` or
 * later. The room acks once the event is stored; the event pipeline projects it into D1
 * a moment later (worker/pipeline), so tests that read D1 right after a write wait here. */
export async function projected(conversationId: string, seq: number): Promise<void> {
  await eventually(async () => {
    const row = await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(conversationId).first<{ last_seq: number }>();
    if (!row || row.last_seq < seq) throw new Error(`conversation ${conversationId} projected up to ${row?.last_seq ?? "nothing"}, waiting for ${seq}`);
  });
}

/** The widget socket's path for a visitor: a fresh socket ticket minted with its token
 * (the token itself never goes in the URL). */
export async function widgetSocketPath(token: string, after: number | string = 0): Promise<string> {
  const res = await call("/api/v1/widget/socket-tickets", { method: "POST", headers: bearer(token) });
  if (res.status !== 200) throw new Error(`socket ticket failed: ${JSON.stringify(res.body)}`);
  return `/api/v1/widget/ws?ticket=${encodeURIComponent(res.body.ticket)}&after=${after}`;
}

/** A live socket that records every frame it receives. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<() => void> = [];
  closed = false;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      if (typeof e.data === "string" && e.data !== "pong") this.frames.push(JSON.parse(e.data) as ServerFrame);
      else if (e.data === "pong") this.frames.push({ type: "error", code: "pong", message: "pong" });
      this.wake();
    });
    ws.addEventListener("close", () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Resolves when `predicate` holds over the frames received so far. */
  async until(predicate: (frames: ServerFrame[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.frames)) {
      if (this.closed) throw new Error("socket closed while waiting");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; frames: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  eventSeqs(): number[] {
    return this.frames.flatMap((f) => (f.type === "event" ? [f.event.seq] : []));
  }

  acks(): Array<{ clientId: string; seq: number }> {
    return this.frames.flatMap((f) => (f.type === "ack" ? [{ clientId: f.clientId, seq: f.seq }] : []));
  }

  close() {
    try {
      this.ws.close(1000, "done");
    } catch {
      // already closed
    }
  }
}

export async function openSocket(path: string, client?: Client): Promise<TestSocket> {
  const res = await upgrade(path, { client });
  if (!res.socket) throw new Error(`upgrade failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.socket;
}

/** A WebSocket handshake that may be refused: `socket` is set on 101, `body` (parsed JSON
 * when it is JSON) otherwise. Browsers always send `Origin` on a handshake; pass one to
 * test the cross-site check, or leave it out as non-browser clients do. */
export async function upgrade(path: string, init: { client?: Client; origin?: string; headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.set("Upgrade", "websocket");
  if (init.client?.cookie) headers.set("Cookie", init.client.cookie);
  if (init.origin !== undefined) headers.set("Origin", init.origin);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { headers }));
  if (res.status === 101 && res.webSocket) {
    res.webSocket.accept();
    return { status: res.status, body: null as any, socket: new TestSocket(res.webSocket) };
  }
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text so a failing assertion shows it
  }
  return { status: res.status, body, socket: undefined };
}

/** Retries `check` until it stops throwing: for reads of D1, which trails the rooms by one
 * projection (asynchronous by design). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** The `Authorization` header a widget sends with its visitor token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Asserts the one error shape every API answers with, `{ error: { code, message, issues? } }`;
 * validation errors must say where (`issues` with paths). */
export function expectApiError(res: { status: number; body: any; headers?: Headers }, status: number, code: ErrorCode) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expect(ErrorBody.safeParse(res.body).success, `not the error shape: ${JSON.stringify(res.body)}`).toBe(true);
  if (res.headers) expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  if (code === "validation_failed") expect(res.body.error.issues?.length, "validation errors carry issues").toBeGreaterThan(0);
}

/** The conversation's last stored seq, read from its room (the single writer), not from D1. */
export async function lastSeq(client: Client, conversationId: string): Promise<number> {
  const res = await call(`/api/v1/conversations/${conversationId}/messages?limit=1`, { client });
  if (res.status !== 200) throw new Error(`history failed: ${JSON.stringify(res.body)}`);
  return res.body.lastSeq;
}

/** Row counts of the D1 tables a request could write synchronously (sign-in attempts
 * counted by their sum), for asserting that a refused request stored nothing. Messages
 * are left out: D1 receives them through the rooms' asynchronous projection. */
export async function storedRows(): Promise<Record<string, number>> {
  const tables = [
    "agents",
    "sessions",
    "teams",
    "team_members",
    "inboxes",
    "contacts",
    "contact_identities",
    "conversations",
    "tags",
    "conversation_tags",
    "message_tags",
    "contact_tags",
    "conversation_types",
    "canned_responses",
    "conversation_stars",
    "conversation_reads",
    "visitor_contexts",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  }
  counts.rate_limit_attempts = (await env.DB.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM rate_limits").first<{ n: number }>())!.n;
  return counts;
}
