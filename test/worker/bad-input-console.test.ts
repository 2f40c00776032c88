/**
 * Bad input on the console's routes (stars, read marks, tags, types, canned responses,
 * search, contacts): malformed and oversize bodies, wrong types, missing and unknown
 * fields, bad values, unknown ids and bad path parameters each get a 4xx JSON error and
 * store nothing. The rows are in bad-input-console-routes.ts; the cases are derived as in
 * bad-input.test.ts (see bad-input-kit.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { CONSOLE_BODY_ROUTES, CONSOLE_ID_ROUTES, CONSOLE_QUERY_ROUTES, type ConsoleWorld } from "./bad-input-console-routes";
import { describeBodyRoutes, describeQueryRoutes, huge, storedState } from "./bad-input-kit";
import { customerWrites, owner } from "./fixtures";
import { call } from "./http-client";

const w = {} as ConsoleWorld;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = (await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Bad input console" }, client: w.boss })).body;
  const c = await customerWrites(inbox.publicKey, "First message");
  const made = async (path: string, json: unknown) => (await call(path, { method: "POST", json, client: w.boss })).body.id as string;
  Object.assign(w, {
    conversationId: c.conversationId,
    token: c.token,
    publicKey: inbox.publicKey,
    contactId: c.contactId,
    messageSeq: c.seq,
    tagId: await made("/api/v1/tags", { name: "Existing tag" }),
    typeId: await made("/api/v1/conversation-types", { name: "Existing type" }),
    cannedId: await made("/api/v1/canned-responses", { shortcode: "existing", body: "Already here" }),
  });
  // Other records for the PATCH 409 cases to collide with.
  await made("/api/v1/tags", { name: "Another tag" });
  await made("/api/v1/conversation-types", { name: "Another type" });
  await made("/api/v1/canned-responses", { shortcode: "another", body: "Another" });
});

describeBodyRoutes(w, CONSOLE_BODY_ROUTES);
describeQueryRoutes(w, CONSOLE_QUERY_ROUTES);

describe.each(CONSOLE_ID_ROUTES.map((r) => [r.name, r] as const))("%s", (_, route) => {
  const request = (id: string) => call(route.path(id), { method: route.method, json: route.json, client: { ...w.boss } });

  it("answers an id over 64 characters with 400 validation_failed at id, and stores nothing", async () => {
    const before = await storedState(w);
    const res = await request(huge(65));
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["id"]);
    expect(await storedState(w)).toEqual(before);
  });

  it("answers an unknown id with 404 and its record's code, and stores nothing", async () => {
    const before = await storedState(w);
    expectApiError(await request(crypto.randomUUID()), 404, route.notFound as never);
    expectApiError(await request("..%2F..%2Fagents"), 404, route.notFound as never);
    expect(await storedState(w)).toEqual(before);
  });
});

describe("PUT /api/v1/conversations/{id}/messages/{seq}/tags with a bad seq", () => {
  it.each(["0", "-1", "1.5", "abc", "1e400", huge(30)])("answers seq %s with 400 validation_failed at seq", async (seq) => {
    const before = await storedState(w);
    const res = await call(`/api/v1/conversations/${w.conversationId}/messages/${seq}/tags`, { method: "PUT", json: { tagIds: [] }, client: { ...w.boss } });
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["seq"]);
    expect(await storedState(w)).toEqual(before);
  });

  it("answers a seq past the end, or one that is not a message, with 404 message_not_found", async () => {
    const before = await storedState(w);
    for (const seq of [w.messageSeq + 1000, 2 ** 40]) {
      expectApiError(await call(`/api/v1/conversations/${w.conversationId}/messages/${seq}/tags`, { method: "PUT", json: { tagIds: [] }, client: { ...w.boss } }), 404, "message_not_found");
    }
    expect(await storedState(w)).toEqual(before);
  });
});
