/**
 * Authorization, route by route: `ROUTES` (route-table.ts) lists every operation under
 * /api with the least access it needs, and the per-route tests are generated from it. The
 * first test compares it with the OpenAPI document, so a route added without a line there
 * (and so without these tests) fails. Every signed-in route refuses anonymous, revoked and
 * under-privileged callers; every provider webhook refuses deliveries it cannot verify.
 * Setup and secrets, cross-site requests and visitor isolation have their own
 * authorization-*.test.ts files.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { AGENT_PASSWORD, login, OWNER } from "./fixtures";
import { bearer, call, type Client, ORIGIN } from "./http-client";
import { ADMIN_ONLY, AGENT_LEVEL, isSignedIn, named, OWNER_ONLY, pathOf, PUBLIC, ROUTES, send, SIGNED_IN, SIGNED_WEBHOOKS, storedState, unique, type Fixture } from "./route-table";
import { routeWorld } from "./route-world";
import { signatureFailures } from "./webhook-signatures";

let boss: Client;
let admin: Client;
let agent: Client & { id: string; email: string };
let revoked: Client;
let f: Fixture;

beforeAll(async () => {
  ({ boss, admin, agent, revoked, f } = await routeWorld());
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
      expect(security.includes("cookieAuth"), `${route.method} ${route.path}: ${security}`).toBe(isSignedIn(route));
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

  it.each(named([...ADMIN_ONLY, ...OWNER_ONLY]))("rejects an agent-role caller on %s with 403 forbidden", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f, { client: agent }), 403, "forbidden");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(OWNER_ONLY))("rejects an admin-role caller on %s with 403 forbidden", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f, { client: admin }), 403, "forbidden");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(SIGNED_IN.filter((r) => r.ok)).flatMap(([name, route]) => (route.access === "owner" ? (["owner"] as const) : (["admin", "owner"] as const)).map((role) => [role, name, route] as const)))(
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

describe("signed provider webhooks", () => {
  it("say how their provider signs on exactly the rows with access signed-webhook", () => {
    for (const route of ROUTES) expect(route.webhook !== undefined, `${route.method} ${route.path}`).toBe(route.access === "signed-webhook");
  });

  // No route is signed yet (the channels will add them), so this generates no test until a
  // row with access "signed-webhook" exists; webhook-signatures.test.ts shows the check
  // passes a sound verifier and catches broken ones, using a test-only app.
  it.each(named(SIGNED_WEBHOOKS))("refuses %s unsigned, badly signed or with a session or visitor token instead, with 401/403 (never 5xx), storing nothing", async (_, route) => {
    const target = { method: route.method as "POST" | "PUT", url: ORIGIN + pathOf(route, f), signing: route.webhook!, fixture: f };
    const impostors = [
      { label: "the owner's session cookie", headers: { Cookie: boss.cookie! } },
      { label: "a visitor token", headers: bearer(f.visitorToken) },
    ];
    expect(await signatureFailures((req) => exports.default.fetch(req), target, { stored: () => storedState(boss, f), impostors })).toEqual([]);
  });
});
