/**
 * Cross-site requests: cookie-authenticated writes and agent socket handshakes need our
 * own Origin (or Sec-Fetch-Site: same-origin); the widget's routes, authenticated by the
 * visitor token rather than a cookie, are served to the customer's site.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { login, OWNER } from "./fixtures";
import { call, type Client, ORIGIN } from "./http-client";
import { AGENT_SOCKETS, COOKIE_WRITES, FOREIGN_ORIGIN, named, send, storedState, unique, VISITOR, type Fixture } from "./route-table";
import { routeWorld } from "./route-world";

let boss: Client;
let f: Fixture;

beforeAll(async () => {
  ({ boss, f } = await routeWorld());
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
