/**
 * Bad input on the segment-rule routes (contact priority): malformed and oversize bodies,
 * wrong types, missing and unknown fields, bad values, unknown and bad ids each get a 4xx
 * JSON error and store nothing, and leave every rule as it was. The rows are in
 * bad-input-priority-routes.ts; the cases are derived as in bad-input.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, huge, storedState } from "./bad-input-kit";
import { PRIORITY_BODY_ROUTES, PRIORITY_ID_ROUTES, type PriorityWorld } from "./bad-input-priority-routes";
import { customerWrites, owner } from "./fixtures";
import { call } from "./http-client";

const w = {} as PriorityWorld;
const rules = async () => (await call("/api/v1/priority-rules", { client: { ...w.boss } })).body.rules;
let rulesBefore: unknown;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = (await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Bad input priority" }, client: w.boss })).body;
  const c = await customerWrites(inbox.publicKey, "First message");
  const made = async (path: string, json: unknown) => {
    const res = await call(path, { method: "POST", json, client: w.boss });
    if (res.status !== 201) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  Object.assign(w, {
    conversationId: c.conversationId,
    token: c.token,
    publicKey: inbox.publicKey,
    contactId: c.contactId,
    tagId: await made("/api/v1/tags", { name: "Existing tag" }),
    ruleId: await made("/api/v1/priority-rules", { kind: "attribute", key: "plan", value: "existing", priority: 40 }),
  });
  // The rule the 409 cases collide with.
  await made("/api/v1/priority-rules", { kind: "attribute", key: "plan", value: "other", priority: 30 });
  rulesBefore = await rules();
});

describeBodyRoutes(w, PRIORITY_BODY_ROUTES);

describe("PATCH /api/v1/priority-rules/{id} with nothing to change", () => {
  it("answers {} with 400 validation_failed and changes nothing", async () => {
    expectApiError(await call(`/api/v1/priority-rules/${w.ruleId}`, { method: "PATCH", json: {}, client: { ...w.boss } }), 400, "validation_failed");
  });
});

describe.each(PRIORITY_ID_ROUTES.map((r) => [r.name, r] as const))("%s", (_, route) => {
  const request = (id: string) => call(route.path(id), { method: route.method, json: route.json, client: { ...w.boss } });

  it("answers an id over 64 characters with 400 validation_failed at id, and stores nothing", async () => {
    const before = await storedState(w);
    const res = await request(huge(65));
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["id"]);
    expect(await storedState(w)).toEqual(before);
  });

  it("answers an unknown id with 404 priority_rule_not_found, and stores nothing", async () => {
    const before = await storedState(w);
    expectApiError(await request(crypto.randomUUID()), 404, "priority_rule_not_found");
    expectApiError(await request("..%2F..%2Fagents"), 404, "priority_rule_not_found");
    expect(await storedState(w)).toEqual(before);
  });
});

describe("after every refused request", () => {
  it("every rule is as it was", async () => {
    expect(await rules()).toEqual(rulesBefore);
  });
});
