/**
 * Authorization of the customer portal's routes, row by row from the route table
 * (access "customer"): each refuses anonymous callers, agents' sessions (every role, and
 * an agent's token copied into the portal cookie), visitor tokens, API tokens and a
 * signed-out portal session with 401, storing nothing; the fixture's customer gets through.
 * What a customer reaches once in (their own conversations only) is in
 * test/worker/portal/portal-access.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { bearer, call, type Client } from "./http-client";
import { CUSTOMER, named, send, storedState, type Fixture } from "./route-table";
import { portalSession, routeWorld } from "./route-world";
import { created } from "./route-table";

let boss: Client;
let admin: Client;
let agent: Client;
let f: Fixture;
let signedOut: Client;
let apiToken: string;

beforeAll(async () => {
  ({ boss, admin, agent, f } = await routeWorld());
  // A second portal session of the same customer, ended: its cookie must open nothing.
  signedOut = { cookie: await portalSession(boss, f.inboxId, f.contactId) };
  expect((await call("/api/v1/portal/sign-out", { method: "POST", client: { ...signedOut } })).status).toBe(200);
  apiToken = ((await created("/api/v1/tokens", { name: "portal rt", scopes: ["conversations:read", "messages:write", "admin"] })) as unknown as { secret: string }).secret;
});

describe("customer portal routes", () => {
  it("are the route table's customer rows (a portal route cannot be tabled under another access)", () => {
    const portalPaths = CUSTOMER.map((r) => r.path);
    expect(portalPaths.length).toBeGreaterThanOrEqual(8);
    for (const path of portalPaths) expect(path).toMatch(/^\/api\/v1\/portal\//);
  });

  it.each(named(CUSTOMER))("refuse an anonymous caller on %s with 401 unauthenticated", async (_, route) => {
    const before = await storedState(boss, f);
    expectApiError(await send(route, f), 401, "unauthenticated");
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(CUSTOMER))("refuse agents' sessions (owner, admin, agent) on %s with 401", async (_, route) => {
    const before = await storedState(boss, f);
    for (const client of [boss, admin, agent]) {
      expectApiError(await send(route, f, { client }), 401, "unauthenticated");
      const value = client.cookie!.split("=")[1];
      expectApiError(await send(route, f, { client: { cookie: `sb_portal=${value}` } }), 401, "unauthenticated");
    }
    expect(await storedState(boss, f)).toEqual(before);
  });

  it.each(named(CUSTOMER))("refuse a visitor token and an API token on %s with 401", async (_, route) => {
    expectApiError(await send(route, f, { headers: bearer(f.visitorToken) }), 401, "unauthenticated");
    expectApiError(await send(route, f, { headers: bearer(apiToken) }), 401, "unauthenticated");
  });

  it.each(named(CUSTOMER))("refuse a signed-out portal session on %s with 401", async (_, route) => {
    expectApiError(await send(route, f, { client: signedOut }), 401, "unauthenticated");
  });

  it.each(named(CUSTOMER.filter((r) => r.ok)))("let the customer use %s", async (_, route) => {
    const res = await send(route, f, { client: { cookie: f.portalCookie } });
    expect(res.status, JSON.stringify(res.body)).toBe(route.ok);
  });
});
