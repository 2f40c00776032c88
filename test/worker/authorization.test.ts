/**
 * Authorization: every agent route refuses anonymous, revoked and under-privileged
 * callers; setup runs once; cookie-authenticated writes need our own Origin; sign-in is
 * rate-limited; a visitor token reaches only its own conversation; secrets never leave.
 *
 * `ROUTES` lists every operation under /api with the least access it needs, and the
 * per-route tests are generated from it. The first test compares it with the OpenAPI
 * document, so a route added without a line here (and so without these tests) fails.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerFrame } from "../../worker/protocol";
import { expectApiError } from "./assertions";
import { AGENT_PASSWORD, agentWithRole, lastSeq, login, OWNER, owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client, ORIGIN } from "./http-client";
import { upgrade, widgetSocketPath } from "./socket-harness";
import { storedRows } from "./stored-rows";
import {
  type Fixture,
  type Route,
  unique,
  ROUTES,
  created,
  PUBLIC,
  VISITOR,
  SIGNED_IN,
  AGENT_LEVEL,
  ADMIN_ONLY,
  COOKIE_WRITES,
  AGENT_SOCKETS,
  FOREIGN_ORIGIN,
  named,
  send,
  storedState,
  revokedSession,
  BASE64URL,
  flipChar,
  keysDeep,
  tableOwner,
} from "./route-table";

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
  tableOwner.client = boss;
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

describe("visitor isolation", () => {
  let a: { token: string; conversationId: string; contactId: string };
  let b: { token: string; conversationId: string; contactId: string };
  const widgetPost = (token: string, body: string) => call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${unique()}` }, headers: bearer(token) });
  const widgetHistory = async (token: string) => {
    const res = await call("/api/v1/widget/messages", { headers: bearer(token) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { events: Array<{ conversationId: string; seq: number; type: string; body?: string; kind?: string }>; lastSeq: number };
  };

  beforeAll(async () => {
    a = await visitor(f.publicKey);
    b = await visitor(f.publicKey);
    expect(a.conversationId).not.toBe(b.conversationId);
    expect((await widgetPost(a.token, "A: where is my order?")).status).toBe(201);
    expect((await widgetPost(b.token, "B: my card number is CARD-4111")).status).toBe(201);
  });

  it("shows visitor A only A's own events on GET /api/v1/widget/messages", async () => {
    const history = await widgetHistory(a.token);
    expect(history.events.length).toBeGreaterThan(0);
    expect(new Set(history.events.map((e) => e.conversationId))).toEqual(new Set([a.conversationId]));
    expect(history.events.map((e) => e.body)).toContain("A: where is my order?");
    expect(JSON.stringify(history)).not.toContain("CARD-4111");
  });

  it("keeps a message B posts later out of A's history and off A's socket", async () => {
    const socket = await upgrade(await widgetSocketPath(a.token, 0));
    const ws = socket.socket!;
    try {
      await ws.until((frames) => frames.some((x) => x.type === "hello"));
      expect((await widgetPost(b.token, "B: a second secret SECRET-5500")).status).toBe(201);
      expect((await widgetPost(a.token, "A: marker")).status).toBe(201);
      await ws.until((frames) => frames.some((x) => x.type === "event" && x.event.type === "message" && x.event.body === "A: marker"));
      const hello = ws.frames.find((x): x is Extract<ServerFrame, { type: "hello" }> => x.type === "hello")!;
      expect(hello.conversationId).toBe(a.conversationId);
      for (const frame of ws.frames) if (frame.type === "event") expect(frame.event.conversationId).toBe(a.conversationId);
      expect(JSON.stringify(ws.frames)).not.toMatch(/CARD-4111|SECRET-5500/);
      expect(JSON.stringify(await widgetHistory(a.token))).not.toMatch(/CARD-4111|SECRET-5500/);
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
    const ws = (await upgrade(await widgetSocketPath(a.token, 0))).socket!;
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

      const replay = (await upgrade(await widgetSocketPath(a.token, 0))).socket!;
      try {
        await replay.until((frames) => frames.some((x) => x.type === "event" && x.event.seq === reply.body.seq));
        expect(replay.eventSeqs()).not.toContain(note.body.seq);
        expect(JSON.stringify(replay.frames)).not.toContain("customer seems angry");
      } finally {
        replay.close();
      }
      // Resuming right before the note: the customer's stream skips its seq, and the seam
      // still holds exactly what their history shows after that point.
      const resumed = (await upgrade(await widgetSocketPath(a.token, note.body.seq - 1))).socket!;
      try {
        await resumed.until((frames) => frames.some((x) => x.type === "event" && x.event.seq === reply.body.seq));
        const shown = history.events.map((e) => e.seq).filter((seq) => seq >= note.body.seq);
        expect(shown).toContain(reply.body.seq);
        expect(resumed.eventSeqs()).toEqual(shown);
      } finally {
        resumed.close();
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

    const ws = (await upgrade(await widgetSocketPath(a.token, before))).socket!;
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
