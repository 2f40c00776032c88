/**
 * Bad input on the automation rules API: malformed and oversize bodies, wrong types,
 * missing and unknown fields, bad triggers, conditions and actions, internal webhook URLs,
 * unknown references and bad ids each get a 4xx JSON error, store nothing, and leave
 * every rule as it was. The rows are in bad-input-automation-routes.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, huge, storedState } from "./bad-input-kit";
import { AUTOMATION_BODY_ROUTES, type AutomationWorld } from "./bad-input-automation-routes";
import { customerWrites, owner } from "./fixtures";
import { call } from "./http-client";

const w = {} as AutomationWorld;
const rules = async () => (await call("/api/v1/automation-rules", { client: { ...w.boss } })).body.rules;
let rulesBefore: unknown;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = (await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Bad input automation" }, client: w.boss })).body;
  const c = await customerWrites(inbox.publicKey, "First message");
  const rule = await call("/api/v1/automation-rules", { method: "POST", json: { name: "Existing", enabled: false, trigger: { type: "customer_message" }, actions: [{ type: "resolve" }] }, client: w.boss });
  expect(rule.status, JSON.stringify(rule.body)).toBe(201);
  Object.assign(w, { conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId, ruleId: rule.body.id });
  rulesBefore = await rules();
});

describeBodyRoutes(w, AUTOMATION_BODY_ROUTES);

describe("PATCH /api/v1/automation-rules/{id} with nothing to change", () => {
  it("answers {} with 400 validation_failed", async () => {
    expectApiError(await call(`/api/v1/automation-rules/${w.ruleId}`, { method: "PATCH", json: {}, client: { ...w.boss } }), 400, "validation_failed");
  });
});

describe.each([
  ["PATCH", (id: string) => call(`/api/v1/automation-rules/${id}`, { method: "PATCH", json: { enabled: true }, client: { ...w.boss } })],
  ["DELETE", (id: string) => call(`/api/v1/automation-rules/${id}`, { method: "DELETE", client: { ...w.boss } })],
] as const)("%s /api/v1/automation-rules/{id}", (_, request) => {
  it("answers an id over 64 characters with 400 at id, and an unknown id with 404, storing nothing", async () => {
    const before = await storedState(w);
    const res = await request(huge(65));
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["id"]);
    expectApiError(await request(crypto.randomUUID()), 404, "automation_rule_not_found");
    expect(await storedState(w)).toEqual(before);
  });
});

describe("after every refused request", () => {
  it("every rule is as it was", async () => {
    expect(await rules()).toEqual(rulesBefore);
  });
});
