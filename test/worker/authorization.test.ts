/**
 * Authorization: every agent route refuses anonymous, revoked and under-privileged
 * callers; setup runs once; cookie-authenticated writes need our own Origin; sign-in is
 * rate-limited; a visitor token reaches only its own conversation; secrets never leave.
 *
 * `ROUTES` lists every operation under /api with the least access it needs, and the
 * per-route tests are generated from it. The first test compares it with the OpenAPI
 * document, so a route added without a line here (and so without these tests) fails.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerFrame } from "../../worker/protocol";
import {
  AGENT_PASSWORD,
  agentWithRole,
  bearer,
  call,
  clientAddress,
  expectApiError,
  lastSeq,
  login,
  ORIGIN,
  OWNER,
  owner,
  storedRows,
  upgrade,
  visitor,
  webchatInbox,
  type Client,
} from "./helpers";

type Access = "public" | "visitor" | "agent" | "admin";

/** The real records the routes' requests point at. */
interface Fixture {
  conversationId: string;
  publicKey: string;
  visitorToken: string;
  /** The seq of the visitor's first message in the conversation. */
  messageSeq: number;
  contactId: string;
  tagId: string;
  typeId: string;
  cannedId: string;
}

type PathParams = Record<string, string | number>;

interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** As the OpenAPI document spells it. */
  path: string;
  /** What fills the path's `{…}` (default: `{id}` is the fixture's conversation). */
  params?: (f: Fixture) => PathParams;
  /** For a success that consumes its target (a delete): a fresh one per request, made by
   * the owner. Refused requests keep using `params`, so they can be shown to change nothing. */
  fresh?: () => Promise<PathParams>;
  /** A query string the request needs. */
  query?: string;
  /** The least a caller needs: nothing, a visitor token, a session, or an admin's session. */
  access: Access;
  /** A WebSocket upgrade: success is 101. */
  socket?: boolean;
  /** The JSON body of a request that succeeds for a caller with enough rights. */
  body?: (f: Fixture) => unknown;
  /** The success status of that request (absent where success needs a fresh database). */
  ok?: number;
}

const unique = () => crypto.randomUUID().slice(0, 8);

const ROUTES: Route[] = [
  { method: "GET", path: "/api/health", access: "public", ok: 200 },
  { method: "GET", path: "/api/v1/openapi.json", access: "public", ok: 200 },
  { method: "GET", path: "/api/v1/setup", access: "public", ok: 200 },
  { method: "POST", path: "/api/v1/setup", access: "public" },
  { method: "POST", path: "/api/v1/auth/login", access: "public", body: () => ({ email: OWNER.email, password: OWNER.password }), ok: 200 },
  { method: "POST", path: "/api/v1/auth/logout", access: "public", ok: 200 },
  { method: "GET", path: "/api/v1/demo", access: "public", ok: 200 },
  { method: "POST", path: "/api/v1/widget/sessions", access: "public", body: (f) => ({ inbox: f.publicKey }), ok: 200 },
  // Needs ?inbox= (covered in webchat.test.ts).
  { method: "GET", path: "/api/v1/widget/config", access: "public" },

  { method: "GET", path: "/api/v1/widget/messages", access: "visitor", ok: 200 },
  { method: "POST", path: "/api/v1/widget/messages", access: "visitor", body: () => ({ body: "Hello from the route table", clientId: `rt-${unique()}` }), ok: 201 },
  { method: "GET", path: "/api/v1/widget/ws", access: "visitor", socket: true, ok: 101 },
  { method: "POST", path: "/api/v1/widget/identify", access: "visitor", body: () => ({ id: `rt-user-${unique()}`, name: "Route Table" }), ok: 200 },
  { method: "PATCH", path: "/api/v1/widget/contact", access: "visitor", body: () => ({ name: "Route Table" }), ok: 200 },
  { method: "POST", path: "/api/v1/widget/handoff", access: "visitor", ok: 200 },
  // Success needs a resolved conversation, a file body, a stored file (webchat.test.ts).
  { method: "POST", path: "/api/v1/widget/csat", access: "visitor", body: () => ({ rating: 5 }) },
  { method: "POST", path: "/api/v1/widget/uploads", access: "visitor" },
  { method: "GET", path: "/api/v1/widget/files/{id}", access: "visitor" },

  { method: "GET", path: "/api/v1/me", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/agents", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/teams", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/inboxes", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/conversations", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}/messages", access: "agent", ok: 200 },
  { method: "POST", path: "/api/v1/conversations/{id}/messages", access: "agent", body: () => ({ body: "A reply from the route table" }), ok: 201 },
  { method: "POST", path: "/api/v1/conversations/{id}/assign", access: "agent", body: () => ({ assigneeId: null }), ok: 200 },
  { method: "POST", path: "/api/v1/conversations/{id}/status", access: "agent", body: () => ({ status: "open" }), ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}/ws", access: "agent", socket: true, ok: 101 },
  { method: "GET", path: "/api/v1/queue/ws", access: "agent", socket: true, ok: 101 },
  // Success needs a file body or a stored file (webchat.test.ts).
  { method: "POST", path: "/api/v1/conversations/{id}/uploads", access: "agent" },
  { method: "GET", path: "/api/v1/files/{id}", access: "agent" },
  { method: "POST", path: "/api/v1/conversations/{id}/star", access: "agent", body: () => ({ starred: true }), ok: 200 },
  { method: "POST", path: "/api/v1/conversations/{id}/read", access: "agent", body: () => ({ seq: 1 }), ok: 200 },
  { method: "PUT", path: "/api/v1/conversations/{id}/tags", access: "agent", body: (f) => ({ tagIds: [f.tagId] }), ok: 200 },
  { method: "PUT", path: "/api/v1/conversations/{id}/type", access: "agent", body: (f) => ({ typeId: f.typeId }), ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}/message-tags", access: "agent", ok: 200 },
  {
    method: "PUT",
    path: "/api/v1/conversations/{id}/messages/{seq}/tags",
    access: "agent",
    params: (f) => ({ id: f.conversationId, seq: f.messageSeq }),
    body: (f) => ({ tagIds: [f.tagId] }),
    ok: 200,
  },
  { method: "GET", path: "/api/v1/search", access: "agent", query: "q=route+table", ok: 200 },
  { method: "GET", path: "/api/v1/tags", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/conversation-types", access: "agent", ok: 200 },
  { method: "GET", path: "/api/v1/canned-responses", access: "agent", query: "q=rt", ok: 200 },
  { method: "GET", path: "/api/v1/contacts/{id}", access: "agent", params: (f) => ({ id: f.contactId }), ok: 200 },
  { method: "PATCH", path: "/api/v1/contacts/{id}", access: "agent", params: (f) => ({ id: f.contactId }), body: () => ({ name: "Route Table" }), ok: 200 },

  {
    method: "POST",
    path: "/api/v1/agents",
    access: "admin",
    body: () => ({ name: "Route Table Agent", email: `table-${unique()}@example.com`, password: AGENT_PASSWORD, role: "agent" }),
    ok: 201,
  },
  { method: "POST", path: "/api/v1/inboxes", access: "admin", body: () => ({ kind: "webchat", name: `Route table ${unique()}` }), ok: 201 },
  // Need an inbox id where the table has a conversation id (webchat.test.ts).
  { method: "PATCH", path: "/api/v1/inboxes/{id}", access: "admin", body: () => ({ name: "Renamed by the route table" }) },
  { method: "POST", path: "/api/v1/inboxes/{id}/identity-secret", access: "admin" },
  { method: "POST", path: "/api/v1/tags", access: "admin", body: () => ({ name: `rt-${unique()}` }), ok: 201 },
  { method: "PATCH", path: "/api/v1/tags/{id}", access: "admin", params: (f) => ({ id: f.tagId }), body: () => ({ color: "#123456" }), ok: 200 },
  { method: "DELETE", path: "/api/v1/tags/{id}", access: "admin", params: (f) => ({ id: f.tagId }), fresh: async () => ({ id: (await created("/api/v1/tags", { name: `rt-${unique()}` })).id }), ok: 200 },
  { method: "POST", path: "/api/v1/conversation-types", access: "admin", body: () => ({ name: `rt-${unique()}` }), ok: 201 },
  { method: "PATCH", path: "/api/v1/conversation-types/{id}", access: "admin", params: (f) => ({ id: f.typeId }), body: () => ({ name: `rt-${unique()}` }), ok: 200 },
  {
    method: "DELETE",
    path: "/api/v1/conversation-types/{id}",
    access: "admin",
    params: (f) => ({ id: f.typeId }),
    fresh: async () => ({ id: (await created("/api/v1/conversation-types", { name: `rt-${unique()}` })).id }),
    ok: 200,
  },
  { method: "POST", path: "/api/v1/canned-responses", access: "admin", body: () => ({ shortcode: `rt-${unique()}`, body: "Hello" }), ok: 201 },
  { method: "PATCH", path: "/api/v1/canned-responses/{id}", access: "admin", params: (f) => ({ id: f.cannedId }), body: () => ({ body: "Edited" }), ok: 200 },
  {
    method: "DELETE",
    path: "/api/v1/canned-responses/{id}",
    access: "admin",
    params: (f) => ({ id: f.cannedId }),
    fresh: async () => ({ id: (await created("/api/v1/canned-responses", { shortcode: `rt-${unique()}`, body: "Bye" })).id }),
    ok: 200,
  },
];

/** A record the owner creates through the API (for the fixture and `fresh`). */
async function created(path: string, json: unknown): Promise<{ id: string }> {
  const res = await call(path, { method: "POST", json, client: boss });
  if (res.status !== 201) throw new Error(`create ${path} failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

const PUBLIC = ROUTES.filter((r) => r.access === "public");
const VISITOR = ROUTES.filter((r) => r.access === "visitor");
const SIGNED_IN = ROUTES.filter((r) => r.access === "agent" || r.access === "admin");
const AGENT_LEVEL = ROUTES.filter((r) => r.access === "agent");
const ADMIN_ONLY = ROUTES.filter((r) => r.access === "admin");
/** POSTs the CSRF guard covers: everything but the widget's, which carry a bearer token. */
const COOKIE_WRITES = ROUTES.filter((r) => r.method !== "GET" && !r.path.startsWith("/api/v1/widget/"));
const AGENT_SOCKETS = SIGNED_IN.filter((r) => r.socket);

const FOREIGN_ORIGIN = "https://evil.example";

/** `[name, route]` rows for `it.each`, so test names read "… GET /api/v1/me …". */
const named = (routes: Route[]) => routes.map((r) => [`${r.method} ${r.path}`, r] as const);

interface As {
  client?: Client;
  headers?: Record<string, string>;
  /** A visitor token: in the query on the socket route, as a Bearer header elsewhere. */
  token?: string;
  /** Origin header; `null` sends none. Defaults: our origin on POSTs, none on GETs and handshakes. */
  origin?: string | null;
}

/** Sends `route`'s request (its success body, if any) as `as`, to the records `params`
 * names (default: the route's own). A socket that opens is closed again. */
async function send(route: Route, f: Fixture, as: As = {}, params: PathParams = route.params?.(f) ?? { id: f.conversationId }) {
  let path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
  if (route.query) path += `?${route.query}`;
  let headers = as.headers ?? {};
  if (as.token !== undefined) {
    if (route.socket) path += `?token=${encodeURIComponent(as.token)}`;
    else headers = { ...headers, ...bearer(as.token) };
  }
  if (route.socket) {
    const res = await upgrade(path, { client: as.client, headers, origin: as.origin ?? undefined });
    res.socket?.close();
    return res;
  }
  const res = await call(path, { method: route.method, client: as.client ? { ...as.client } : undefined, headers, origin: as.origin, json: route.body?.(f) });
  return { ...res, socket: undefined };
}

/** Everything a refused request must leave as it was: D1's rows and the room's log. */
async function storedState(reader: Client, f: Fixture) {
  return { rows: await storedRows(), lastSeq: await lastSeq(reader, f.conversationId) };
}

/** Signs the owner in on a new session, signs it out, and returns the dead cookie. */
async function revokedSession(): Promise<Client> {
  const client: Client = {};
  expect((await login(OWNER, client)).status).toBe(200);
  const cookie = client.cookie;
  expect((await call("/api/v1/auth/logout", { method: "POST", client })).status).toBe(200);
  return { cookie };
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Changes the character at `index` so that the bits it decodes to change too (flipping
 * the 6-bit value's top bit: a low-bit change in a final character can be padding). */
function flipChar(text: string, index: number): string {
  const i = index < 0 ? text.length + index : index;
  const value = BASE64URL.indexOf(text[i]!);
  return text.slice(0, i) + BASE64URL[value ^ 32] + text.slice(i + 1);
}

function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysDeep(v, into);
    }
  }
  return into;
}

// --- the file's shared world: storage is per file, so every test shares these ---------

let needsSetupBefore: boolean;
let racingSetups: Array<Awaited<ReturnType<typeof call>>>;
let boss: Client;
let admin: Client;
let agent: Client & { id: string; email: string };
let revoked: Client;
let f: Fixture;

beforeAll(async () => {
  needsSetupBefore = (await call("/api/v1/setup")).body.needsSetup;
  // Two setups race on the empty database; at most one may create an owner.
  racingSetups = await Promise.all([OWNER, { ...OWNER, name: "Mallory Racer" }].map((json) => call("/api/v1/setup", { method: "POST", json, client: {} })));
  boss = await owner();
  admin = await agentWithRole("admin");
  agent = await agentWithRole("agent");
  revoked = await revokedSession();
  const inbox = await webchatInbox(boss);
  const v = await visitor(inbox.publicKey);
  const first = await call("/api/v1/widget/messages", { method: "POST", json: { body: "Hello, route table", clientId: "rt-first" }, headers: bearer(v.token) });
  expect(first.status).toBe(201);
  f = {
    conversationId: v.conversationId,
    publicKey: inbox.publicKey,
    visitorToken: v.token,
    messageSeq: first.body.seq,
    contactId: v.contactId,
    tagId: (await created("/api/v1/tags", { name: "route-table" })).id,
    typeId: (await created("/api/v1/conversation-types", { name: "route-table" })).id,
    cannedId: (await created("/api/v1/canned-responses", { shortcode: "rt", body: "Route table" })).id,
  };
});

describe("the route table", () => {
  it("lists exactly the operations of the OpenAPI document, so a new route cannot ship untested", async () => {
    const doc = await call("/api/v1/openapi.json");
    expect(doc.status).toBe(200);
    const verbs = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => verbs.has(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const tabled = ROUTES.filter((r) => r.path !== "/api/v1/openapi.json")
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(tabled).toEqual(documented);
  });

  it("matches the document's security: the session cookie on exactly the signed-in routes", async () => {
    const doc = await call("/api/v1/openapi.json");
    for (const route of ROUTES.filter((r) => r.path !== "/api/v1/openapi.json")) {
      const security = JSON.stringify(doc.body.paths[route.path][route.method.toLowerCase()].security ?? []);
      expect(security.includes("cookieAuth"), `${route.method} ${route.path}: ${security}`).toBe(route.access === "agent" || route.access === "admin");
    }
  });

  it.each(named(PUBLIC.filter((r) => r.ok)))("serves %s to an anonymous caller", async (_, route) => {
    const res = await send(route, f);
    expect(res.status, JSON.stringify(res.body)).toBe(route.ok);
  });
});

describe("signed-in routes", () => {
  it.each(named(SIGNED_IN))("rejects an anonymous caller on %s with 401 unauthenticated", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f), 401, "unauthenticated");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(SIGNED_IN))("rejects a signed-out (revoked) session on %s with 401 unauthenticated", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f, { client: revoked }), 401, "unauthenticated");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(SIGNED_IN))("rejects a made-up session cookie on %s with 401 unauthenticated", async (_, route) => {
    expectApiError(await send(route, f, { client: { cookie: "sb_session=not-a-session" } }), 401, "unauthenticated");
  });

  it.each(named(SIGNED_IN))("rejects a visitor token, as Bearer or as the session cookie, on %s with 401", async (_, route) => {
    expectApiError(await send(route, f, { headers: bearer(f.visitorToken) }), 401, "unauthenticated");
    expectApiError(await send(route, f, { client: { cookie: `sb_session=${f.visitorToken}` } }), 401, "unauthenticated");
  });

  it.each(named(AGENT_LEVEL.filter((r) => r.ok)))("lets an agent-role caller use %s", async (_, route) => {
    const res = await send(route, f, { client: agent }, await route.fresh?.());
    expect(res.status, JSON.stringify(res.body)).toBe(route.ok);
  });

  it.each(named(ADMIN_ONLY))("rejects an agent-role caller on %s with 403 forbidden", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f, { client: agent }), 403, "forbidden");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(SIGNED_IN.filter((r) => r.ok)).flatMap(([name, route]) => (["admin", "owner"] as const).map((role) => [role, name, route] as const)))(
    "lets an %s use %s",
    async (role, _, route) => {
      const res = await send(route, f, { client: role === "admin" ? admin : boss }, await route.fresh?.());
      expect(res.status, JSON.stringify(res.body)).toBe(route.ok);
    },
  );

  it("rejects an agent-role caller on POST /api/v1/inboxes with 403 and writes nothing", async () => {
    const before = (await call("/api/v1/inboxes", { client: boss })).body.inboxes;
    const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Sneaky inbox" }, client: agent });
    expectApiError(res, 403, "forbidden");
    expect((await call("/api/v1/inboxes", { client: boss })).body.inboxes).toEqual(before);
  });

  it("rejects an agent-role caller on POST /api/v1/agents with 403 and writes nothing (no self-made admin)", async () => {
    const before = (await call("/api/v1/agents", { client: boss })).body.agents;
    const email = `escalate-${unique()}@example.com`;
    const res = await call("/api/v1/agents", { method: "POST", json: { name: "Sneaky Admin", email, password: AGENT_PASSWORD, role: "admin" }, client: agent });
    expectApiError(res, 403, "forbidden");
    expect((await call("/api/v1/agents", { client: boss })).body.agents).toEqual(before);
    expectApiError(await login({ email, password: AGENT_PASSWORD }), 401, "invalid_credentials");
  });

  it("refuses to create a second owner through POST /api/v1/agents, even for the owner", async () => {
    const before = (await call("/api/v1/agents", { client: boss })).body.agents;
    const res = await call("/api/v1/agents", { method: "POST", json: { name: "Second Owner", email: `owner2-${unique()}@example.com`, password: AGENT_PASSWORD, role: "owner" }, client: boss });
    expectApiError(res, 400, "validation_failed");
    expect((await call("/api/v1/agents", { client: boss })).body.agents).toEqual(before);
  });

  it("ends the session server-side on logout: the old cookie no longer works anywhere", async () => {
    const client: Client = {};
    expect((await login(OWNER, client)).status).toBe(200);
    const cookie = client.cookie;
    expect((await call("/api/v1/me", { client })).status).toBe(200);
    const out = await call("/api/v1/auth/logout", { method: "POST", client });
    expect(out.status).toBe(200);
    expect(out.headers.get("Set-Cookie")).toMatch(/sb_session=;.*Max-Age=0/i);
    expectApiError(await call("/api/v1/me", { client: { cookie } }), 401, "unauthenticated");
  });
});

describe("setup", () => {
  it("reported needsSetup true before the owner existed, and lets exactly one of two racing setups win", () => {
    expect(needsSetupBefore).toBe(true);
    expect(racingSetups.map((r) => r.status).sort()).toEqual([201, 409]);
    expectApiError(racingSetups.find((r) => r.status === 409)!, 409, "setup_already_done");
  });

  it("answers a second POST /api/v1/setup with 409 setup_already_done and leaves the agent count unchanged", async () => {
    const agentsBefore = (await call("/api/v1/agents", { client: boss })).body.agents;
    const rows = await storedRows();
    const client: Client = {};
    const res = await call("/api/v1/setup", { method: "POST", json: { name: "Mallory", email: `mallory-${unique()}@example.com`, password: "mallory's own password" }, client });
    expectApiError(res, 409, "setup_already_done");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(client.cookie).toBeUndefined();
    expect((await call("/api/v1/agents", { client: boss })).body.agents).toEqual(agentsBefore);
    expect(await storedRows()).toEqual(rows);
  });

  it("keeps exactly one owner", async () => {
    const agents = (await call("/api/v1/agents", { client: boss })).body.agents as Array<{ role: string }>;
    expect(agents.filter((a) => a.role === "owner")).toHaveLength(1);
  });

  it("reports needsSetup false once the owner exists", async () => {
    expect(await call("/api/v1/setup")).toMatchObject({ status: 200, body: { needsSetup: false } });
  });

  it("does not let a refused setup's credentials sign in", async () => {
    const email = `latecomer-${unique()}@example.com`;
    expectApiError(await call("/api/v1/setup", { method: "POST", json: { name: "Latecomer", email, password: "latecomer password" } }), 409, "setup_already_done");
    expectApiError(await login({ email, password: "latecomer password" }), 401, "invalid_credentials");
  });
});

describe("cross-site requests (CSRF)", () => {
  it.each(named(COOKIE_WRITES))("refuses %s from a foreign Origin with 403 csrf_rejected and writes nothing", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f, { client: boss, origin: FOREIGN_ORIGIN }), 403, "csrf_rejected");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(COOKIE_WRITES))("refuses %s with neither Origin nor Sec-Fetch-Site with 403 csrf_rejected", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f, { client: boss, origin: null }), 403, "csrf_rejected");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(["null", "https://localhost", "http://localhost:8787", "http://localhost.evil.example", "http://evil.example/http://localhost"])(
    "treats Origin %s as foreign",
    async (origin) => {
      const before = (await call("/api/v1/inboxes", { client: boss })).body.inboxes;
      expectApiError(await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Cross-site" }, client: boss, origin }), 403, "csrf_rejected");
      expect((await call("/api/v1/inboxes", { client: boss })).body.inboxes).toEqual(before);
    },
  );

  it("refuses Sec-Fetch-Site: cross-site when Origin is absent", async () => {
    const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Cross-site" }, client: boss, origin: null, headers: { "Sec-Fetch-Site": "cross-site" } });
    expectApiError(res, 403, "csrf_rejected");
  });

  it("accepts Sec-Fetch-Site: same-origin when Origin is absent", async () => {
    const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: `Same-site ${unique()}` }, client: boss, origin: null, headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it("does not let a cross-site page sign the agent out", async () => {
    const client: Client = {};
    expect((await login(OWNER, client)).status).toBe(200);
    expectApiError(await call("/api/v1/auth/logout", { method: "POST", client: { ...client }, origin: FOREIGN_ORIGIN }), 403, "csrf_rejected");
    expect((await call("/api/v1/me", { client })).status).toBe(200);
  });

  it.each(named(AGENT_SOCKETS))("refuses a %s handshake from a foreign Origin with 403 csrf_rejected", async (_, route) => {
    const res = await send(route, f, { client: boss, origin: FOREIGN_ORIGIN });
    expectApiError(res, 403, "csrf_rejected");
    expect(res.socket).toBeUndefined();
  });

  it.each(named(AGENT_SOCKETS))("accepts a %s handshake from our own Origin", async (_, route) => {
    expect((await send(route, f, { client: boss, origin: ORIGIN })).status).toBe(101);
  });

  it("accepts the widget's socket and POSTs from the customer's site: the visitor token, not a cookie, authenticates them", async () => {
    for (const route of VISITOR.filter((r) => r.ok)) {
      const res = await send(route, f, { token: f.visitorToken, origin: "https://shop.example" });
      expect(res.status, `${route.method} ${route.path}: ${JSON.stringify(res.body)}`).toBe(route.ok);
    }
  });
});

describe("sign-in", () => {
  it("answers a wrong password with 401 invalid_credentials and no session", async () => {
    const client: Client = {};
    const res = await login({ email: OWNER.email, password: "not the password" }, client);
    expectApiError(res, 401, "invalid_credentials");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(client.cookie).toBeUndefined();
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const unknown = await login({ email: `nobody-${unique()}@example.com`, password: "not the password" });
    const wrong = await login({ email: OWNER.email, password: "not the password" });
    expectApiError(unknown, 401, "invalid_credentials");
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
  });

  it("refuses the right password with 429 rate_limited after 10 failures for one e-mail, from any address", async () => {
    const victim = await agentWithRole("agent");
    for (let i = 0; i < 10; i++) expectApiError(await login({ email: victim.email, password: `guess number ${i}` }), 401, "invalid_credentials");
    const client: Client = {};
    const res = await login({ email: victim.email, password: AGENT_PASSWORD }, client);
    expectApiError(res, 429, "rate_limited");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(client.cookie).toBeUndefined();
  });

  it("counts an e-mail's failures however it is capitalised or padded", async () => {
    const victim = await agentWithRole("agent");
    const variants = [victim.email.toUpperCase(), ` ${victim.email} `, victim.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 0; i < 10; i++) expectApiError(await login({ email: variants[i % variants.length]!, password: `guess number ${i}` }), 401, "invalid_credentials");
    expectApiError(await login({ email: victim.email, password: AGENT_PASSWORD }), 429, "rate_limited");
  });

  it("resets an e-mail's failure count on a successful sign-in", async () => {
    const person = await agentWithRole("agent");
    for (let i = 0; i < 9; i++) expectApiError(await login({ email: person.email, password: `typo ${i}` }), 401, "invalid_credentials");
    expect((await login({ email: person.email, password: AGENT_PASSWORD })).status).toBe(200);
    for (let i = 0; i < 9; i++) expectApiError(await login({ email: person.email, password: `typo again ${i}` }), 401, "invalid_credentials");
    expect((await login({ email: person.email, password: AGENT_PASSWORD })).status).toBe(200);
  });

  it("limits one client address to 30 attempts however many e-mails it tries", async () => {
    const address = clientAddress();
    for (let i = 0; i < 30; i++) expectApiError(await login({ email: `spray-${i}-${unique()}@example.com`, password: "password123456" }, {}, address), 401, "invalid_credentials");
    expectApiError(await login(OWNER, {}, address), 429, "rate_limited");
    expect((await login(OWNER)).status).toBe(200);
  });

  it("sets the session cookie HttpOnly, SameSite=Lax, on path /, and not Secure on http://localhost", async () => {
    const res = await login(OWNER);
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^sb_session=[A-Za-z0-9_-]{40,}/);
    const attributes = cookie.split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    const winner = racingSetups.find((r) => r.status === 201)!;
    expect(winner.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(winner.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
  });

  it("marks the session cookie Secure on any other host", async () => {
    const site = "https://support.example.com";
    const res = await exports.default.fetch(
      new Request(`${site}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: site, "CF-Connecting-IP": clientAddress() },
        body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
      }),
    );
    expect(res.status).toBe(200);
    const attributes = res.headers.get("Set-Cookie")!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
  });
});

describe("visitor isolation", () => {
  let a: { token: string; conversationId: string; contactId: string };
  let b: { token: string; conversationId: string; contactId: string };
  const widgetPost = (token: string, body: string) => call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${unique()}` }, headers: bearer(token) });
  const widgetHistory = async (token: string) => {
    const res = await call("/api/v1/widget/messages", { headers: bearer(token) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { events: Array<{ conversationId: string; type: string; body?: string; kind?: string }>; lastSeq: number };
  };

  beforeAll(async () => {
    a = await visitor(f.publicKey);
    b = await visitor(f.publicKey);
    expect(a.conversationId).not.toBe(b.conversationId);
    expect((await widgetPost(a.token, "A: where is my order?")).status).toBe(201);
    expect((await widgetPost(b.token, "B: my card number is 4111")).status).toBe(201);
  });

  it("shows visitor A only A's own events on GET /api/v1/widget/messages", async () => {
    const history = await widgetHistory(a.token);
    expect(history.events.length).toBeGreaterThan(0);
    expect(new Set(history.events.map((e) => e.conversationId))).toEqual(new Set([a.conversationId]));
    expect(history.events.map((e) => e.body)).toContain("A: where is my order?");
    expect(JSON.stringify(history)).not.toContain("4111");
  });

  it("keeps a message B posts later out of A's history and off A's socket", async () => {
    const socket = await upgrade(`/api/v1/widget/ws?token=${encodeURIComponent(a.token)}&after=0`);
    const ws = socket.socket!;
    try {
      await ws.until((frames) => frames.some((x) => x.type === "hello"));
      expect((await widgetPost(b.token, "B: a second secret 5500")).status).toBe(201);
      expect((await widgetPost(a.token, "A: marker")).status).toBe(201);
      await ws.until((frames) => frames.some((x) => x.type === "event" && x.event.type === "message" && x.event.body === "A: marker"));
      const hello = ws.frames.find((x): x is Extract<ServerFrame, { type: "hello" }> => x.type === "hello")!;
      expect(hello.conversationId).toBe(a.conversationId);
      for (const frame of ws.frames) if (frame.type === "event") expect(frame.event.conversationId).toBe(a.conversationId);
      expect(JSON.stringify(ws.frames)).not.toMatch(/4111|5500/);
      expect(JSON.stringify(await widgetHistory(a.token))).not.toMatch(/4111|5500/);
    } finally {
      ws.close();
    }
  });

  it("resumes A's conversation only for A's own token on POST /api/v1/widget/sessions", async () => {
    const again = await visitor(f.publicKey, a.token);
    expect(again).toMatchObject({ contactId: a.contactId, conversationId: a.conversationId });
    const forged = await visitor(f.publicKey, flipChar(a.token, 3));
    expect(forged.contactId).not.toBe(a.contactId);
    expect(forged.conversationId).not.toBe(a.conversationId);
  });

  const TAMPERINGS: Array<{ label: string; tamper: (token: string, other: string) => string }> = [
    { label: "the payload's first character flipped", tamper: (t) => flipChar(t, 0) },
    { label: "a character in the middle of the payload flipped", tamper: (t) => flipChar(t, Math.floor(t.indexOf(".") / 2)) },
    { label: "the signature's first character flipped", tamper: (t) => flipChar(t, t.indexOf(".") + 1) },
    { label: "the signature's last character flipped", tamper: (t) => flipChar(t, -1) },
    {
      // Same signature bytes, different text: the last character's two unused bits set.
      label: "the signature re-spelled non-canonically",
      tamper: (t) => t.slice(0, -1) + BASE64URL[BASE64URL.indexOf(t.at(-1)!) ^ 1],
    },
    { label: "no signature", tamper: (t) => t.slice(0, t.indexOf(".") + 1) },
    { label: "B's signature on A's payload", tamper: (t, other) => t.slice(0, t.indexOf(".")) + other.slice(other.indexOf(".")) },
    {
      label: "its claims rewritten to B's contact without re-signing",
      tamper: (t, other) => {
        const decode = (s: string) => JSON.parse(atob(s.slice(0, s.indexOf(".")).replace(/-/g, "+").replace(/_/g, "/")));
        const claims = { ...decode(t), contactId: decode(other).contactId };
        const payload = btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        return payload + t.slice(t.indexOf("."));
      },
    },
    { label: "an extra segment", tamper: (t) => `${t}.x` },
    { label: "nothing but garbage", tamper: () => "not-a-token" },
  ];

  it.each(TAMPERINGS.map((t) => [t.label, t.tamper] as const))("refuses a token with %s with 401 invalid_token on messages, POST messages and the socket, storing nothing", async (_, tamper) => {
    const token = tamper(a.token, b.token);
    expect(token).not.toBe(a.token);
    const before = { a: await lastSeq(boss, a.conversationId), b: await lastSeq(boss, b.conversationId), rows: await storedRows() };
    for (const route of VISITOR) expectApiError(await send(route, f, { token }), 401, "invalid_token");
    expect({ a: await lastSeq(boss, a.conversationId), b: await lastSeq(boss, b.conversationId), rows: await storedRows() }).toEqual(before);
  });

  it("refuses the widget routes without a token with 401 invalid_token", async () => {
    expectApiError(await call("/api/v1/widget/messages"), 401, "invalid_token");
    expectApiError(await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "c1" } }), 401, "invalid_token");
    expectApiError(await call("/api/v1/widget/messages", { headers: { Authorization: `Basic ${a.token}` } }), 401, "invalid_token");
  });

  it("never shows a private note in the widget's history, replay or live socket", async () => {
    const ws = (await upgrade(`/api/v1/widget/ws?token=${encodeURIComponent(a.token)}&after=0`)).socket!;
    try {
      const note = await call(`/api/v1/conversations/${a.conversationId}/messages`, { method: "POST", json: { body: "NOTE: customer seems angry", kind: "note" }, client: boss });
      expect(note.status).toBe(201);
      const reply = await call(`/api/v1/conversations/${a.conversationId}/messages`, { method: "POST", json: { body: "Happy to help!" }, client: boss });
      expect(reply.status).toBe(201);
      await ws.until((frames) => frames.some((x) => x.type === "event" && x.event.seq === reply.body.seq));
      expect(ws.eventSeqs()).not.toContain(note.body.seq);

      const agentView = await call(`/api/v1/conversations/${a.conversationId}/messages`, { client: boss });
      expect(agentView.body.events.map((e: { seq: number }) => e.seq)).toContain(note.body.seq);
      const history = await widgetHistory(a.token);
      expect(history.events.map((e) => e.body)).toContain("Happy to help!");
      expect(history.events.some((e) => e.kind === "note")).toBe(false);
      expect(JSON.stringify(history)).not.toContain("customer seems angry");

      const replay = (await upgrade(`/api/v1/widget/ws?token=${encodeURIComponent(a.token)}&after=0`)).socket!;
      try {
        await replay.until((frames) => frames.some((x) => x.type === "event" && x.event.seq === reply.body.seq));
        expect(replay.eventSeqs()).not.toContain(note.body.seq);
        expect(JSON.stringify(replay.frames)).not.toContain("customer seems angry");
      } finally {
        replay.close();
      }
    } finally {
      ws.close();
    }
  });

  it("does not let a visitor write a private note, over HTTP or over its socket", async () => {
    const before = await lastSeq(boss, a.conversationId);
    const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: "I am a note", clientId: `n-${unique()}`, kind: "note" }, headers: bearer(a.token) });
    expectApiError(res, 400, "validation_failed");
    expect(await lastSeq(boss, a.conversationId)).toBe(before);

    const ws = (await upgrade(`/api/v1/widget/ws?token=${encodeURIComponent(a.token)}&after=${before}`)).socket!;
    try {
      ws.send({ type: "send", clientId: `n-${unique()}`, body: "sneaky note", kind: "note" });
      await ws.until((frames) => frames.some((x) => x.type === "ack"));
    } finally {
      ws.close();
    }
    const agentView = await call(`/api/v1/conversations/${a.conversationId}/messages?after=${before}`, { client: boss });
    const stored = agentView.body.events.find((e: { body?: string }) => e.body === "sneaky note");
    expect(stored).toMatchObject({ kind: "text", actor: { type: "contact", id: a.contactId } });
  });
});

describe("secrets", () => {
  const SECRET_KEYS = ["password", "passwordHash", "passwordSalt", "passwordIterations", "salt", "hash", "tokenHash"];

  it("never returns a password, hash or salt from setup, login, me or agents", async () => {
    const bodies: Array<[string, unknown]> = [];
    bodies.push(["setup", racingSetups.find((r) => r.status === 201)!.body]);
    const client: Client = {};
    bodies.push(["login", (await login(OWNER, client)).body]);
    bodies.push(["me", (await call("/api/v1/me", { client })).body]);
    bodies.push(["agents", (await call("/api/v1/agents", { client })).body]);
    const email = `fresh-${unique()}@example.com`;
    bodies.push(["create agent", (await call("/api/v1/agents", { method: "POST", json: { name: "Fresh", email, password: AGENT_PASSWORD, role: "agent" }, client })).body]);
    bodies.push(["agent login", (await login({ email, password: AGENT_PASSWORD })).body]);
    for (const [name, body] of bodies) {
      expect(body, name).toBeTruthy();
      const keys = keysDeep(body);
      for (const key of SECRET_KEYS) expect(keys.has(key), `${name} returns "${key}"`).toBe(false);
      const text = JSON.stringify(body);
      expect(text, name).not.toContain(OWNER.password);
      expect(text, name).not.toContain(AGENT_PASSWORD);
      expect(text, name).not.toContain(client.cookie!.split("=")[1]);
    }
  });
});
