/**
 * Bad input: for every route that reads a body, a query or a path id, malformed JSON,
 * wrong shapes and types, missing or unknown fields, oversize bodies and bad parameters
 * get a 4xx JSON error `{ error: { code, message, issues? } }` — never a 500 — and store
 * nothing. The rows live in bad-input-routes.ts, bad-input-widget-routes.ts and
 * bad-input-query-routes.ts; the console's routes are in bad-input-console.test.ts, bad
 * socket frames in bad-input-frames.test.ts, and the machinery all share in bad-input-kit.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { casesFor, describeBodyRoutes, describeQueryRoutes, expectCase, huge, sendCase, storedState } from "./bad-input-kit";
import { CONVERSATION_ROUTES, QUERY_ROUTES } from "./bad-input-query-routes";
import { ACCOUNT_BODY_ROUTES, CONVERSATION_BODY_ROUTES, SETUP, type InstallWorld } from "./bad-input-routes";
import { WIDGET_BODY_ROUTES } from "./bad-input-widget-routes";
import { ROUTING_BODY_ROUTES } from "./bad-input-routing-routes";
import { BOT_BODY_ROUTES } from "./bad-input-bot-routes";
import { expectApiError } from "./assertions";
import { owner, projected, visitor, webchatInbox } from "./fixtures";
import { bearer, call } from "./http-client";
import { upgrade } from "./socket-harness";
import { storedRows } from "./stored-rows";

// --- before the owner exists ---------------------------------------------------------

describe("POST /api/v1/setup before the owner exists", () => {
  // No owner yet, so these run against the one state where a setup could write.
  const world = { boss: {}, conversationId: "", token: "", publicKey: "", contactId: "", inboxId: "", teamId: "" } satisfies InstallWorld;
  let rowsBefore: Record<string, number>;

  beforeAll(async () => {
    expect(await call("/api/v1/setup")).toMatchObject({ status: 200, body: { needsSetup: true } });
    rowsBefore = await storedRows();
  });

  it.each(casesFor(SETUP).map((c) => [c.label, c.status, c.code, c] as const))("answers %s with %i %s", async (_, _status, _code, c) => {
    expectCase(await sendCase(world, "/api/v1/setup", c, {}), c);
  });

  it("has created no owner, team or session after all of them", async () => {
    expect(await call("/api/v1/setup")).toMatchObject({ status: 200, body: { needsSetup: true } });
    expect(await storedRows()).toEqual(rowsBefore);
  });
});

// --- with an owner, an inbox and a visitor's conversation ----------------------------

describe("with a working installation", () => {
  const w = {} as InstallWorld;

  beforeAll(async () => {
    w.boss = await owner();
    const inbox = await webchatInbox(w.boss);
    const v = await visitor(inbox.publicKey);
    Object.assign(w, { conversationId: v.conversationId, token: v.token, publicKey: inbox.publicKey, contactId: v.contactId, inboxId: inbox.id, teamId: (await call("/api/v1/teams", { client: w.boss })).body.teams[0].id });
    const first = await call("/api/v1/widget/messages", { method: "POST", json: { body: "First message", clientId: "first" }, headers: bearer(v.token) });
    expect(first.status).toBe(201);
    // "Stored nothing" compares D1 before and after: the world's own message must be in it first.
    await projected(v.conversationId, 1);
  });

  describeBodyRoutes(w, [...ACCOUNT_BODY_ROUTES, ...CONVERSATION_BODY_ROUTES, ...WIDGET_BODY_ROUTES, ...ROUTING_BODY_ROUTES, ...BOT_BODY_ROUTES]);
  describeQueryRoutes(w, QUERY_ROUTES);

  describe.each(CONVERSATION_ROUTES.map((r) => [r.name, r] as const))("%s", (_, route) => {
    const request = (id: string) => {
      const path = `/api/v1/conversations/${id}${route.suffix}`;
      return route.socket ? upgrade(path, { client: w.boss }) : call(path, { method: route.method, json: route.json, client: { ...w.boss } });
    };

    it("answers an id over 64 characters with 400 validation_failed at id", async () => {
      const before = await storedState(w);
      const res = await request(huge(65));
      expectApiError(res, 400, "validation_failed");
      expect(res.body.error.issues[0].path).toEqual(["id"]);
      expect(await storedState(w)).toEqual(before);
    });

    it("answers an unknown conversation id with 404 conversation_not_found", async () => {
      const before = await storedState(w);
      expectApiError(await request(crypto.randomUUID()), 404, "conversation_not_found");
      expectApiError(await request("..%2F..%2Fagents"), 404, "conversation_not_found");
      expect(await storedState(w)).toEqual(before);
    });
  });

  describe("unknown routes", () => {
    it.each([
      ["GET", "/api/v1/nope"],
      ["POST", "/api/v1/nope"],
      ["GET", "/api/v2/conversations"],
      ["GET", "/api/nope"],
    ])("answers %s %s with 404 not_found JSON", async (method, path) => {
      const before = await storedState(w);
      const res = await call(path, { method, client: { ...w.boss }, json: method === "GET" ? undefined : {} });
      expectApiError(res, 404, "not_found");
      expect(await storedState(w)).toEqual(before);
    });

    it.each([
      ["DELETE", "/api/v1/agents", "GET, HEAD, OPTIONS, POST"],
      ["PUT", "/api/v1/inboxes", "GET, HEAD, OPTIONS, POST"],
      ["POST", "/api/v1/me", "GET, HEAD, OPTIONS, PATCH"],
    ])("answers %s %s (a path with other methods) with 405 method_not_allowed and Allow", async (method, path, allow) => {
      const before = await storedState(w);
      const res = await call(path, { method, client: { ...w.boss }, json: {} });
      expectApiError(res, 405, "method_not_allowed");
      expect(res.headers.get("Allow")).toBe(allow);
      expect(await storedState(w)).toEqual(before);
    });
  });
});
