/**
 * Bad input on the outbound webhook routes: malformed and oversize bodies, wrong types,
 * missing and unknown fields, URLs the SSRF guard refuses, bad events, unknown and bad
 * ids, bad cursors: each a 4xx JSON error that stores nothing. Rows in
 * bad-input-webhook-routes.ts; the cases are derived as in bad-input.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, huge, storedState } from "./bad-input-kit";
import { WEBHOOK_BODY_ROUTES, WEBHOOK_ID_ROUTES, type WebhookWorld } from "./bad-input-webhook-routes";
import { customerWrites, owner } from "./fixtures";
import { call } from "./http-client";

const w = {} as WebhookWorld;
const endpoints = async () => (await call("/api/v1/webhooks", { client: { ...w.boss } })).body.endpoints;
let endpointsBefore: unknown;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = (await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Bad input webhooks" }, client: w.boss })).body;
  const c = await customerWrites(inbox.publicKey, "First message");
  const made = await call("/api/v1/webhooks", { method: "POST", json: { url: "https://hooks.example.com/existing", events: ["csat.received"] }, client: w.boss });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  Object.assign(w, { conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId, endpointId: made.body.endpoint.id });
  endpointsBefore = await endpoints();
});

describeBodyRoutes(w, WEBHOOK_BODY_ROUTES);

describe("PATCH /api/v1/webhooks/{id} with nothing to change", () => {
  it("answers {} with 400 validation_failed", async () => {
    expectApiError(await call(`/api/v1/webhooks/${w.endpointId}`, { method: "PATCH", json: {}, client: { ...w.boss } }), 400, "validation_failed");
  });
});

describe.each(WEBHOOK_ID_ROUTES.map((r) => [r.name, r] as const))("%s", (_, route) => {
  const request = (id: string) => call(route.path(id), { method: route.method, json: route.json, client: { ...w.boss } });

  it("answers an id over 64 characters with 400 validation_failed at id, and stores nothing", async () => {
    const before = await storedState(w);
    const res = await request(huge(65));
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["id"]);
    expect(await storedState(w)).toEqual(before);
  });

  it("answers an unknown id with 404 webhook_not_found", async () => {
    expectApiError(await request(crypto.randomUUID()), 404, "webhook_not_found");
  });
});

describe("GET /api/v1/webhooks/{id}/deliveries", () => {
  it.each([["a cursor we did not issue", "cursor=bm9wZQ"], ["a limit of 0", "limit=0"], ["a limit over 100", "limit=101"], ["an unknown parameter", "sort=asc"]])("answers %s with 400 validation_failed", async (_, query) => {
    expectApiError(await call(`/api/v1/webhooks/${w.endpointId}/deliveries?${query}`, { client: { ...w.boss } }), 400, "validation_failed");
  });
});

describe("POST /api/v1/webhooks/deliveries/{deliveryId}/resend", () => {
  it("answers an unknown delivery with 404 and a bad one with 400", async () => {
    expectApiError(await call("/api/v1/webhooks/deliveries/whd_unknown/resend", { method: "POST", client: { ...w.boss } }), 404, "webhook_delivery_not_found");
    expectApiError(await call(`/api/v1/webhooks/deliveries/${huge(65)}/resend`, { method: "POST", client: { ...w.boss } }), 400, "validation_failed");
  });
});

describe("after every refused request", () => {
  it("every endpoint is as it was", async () => {
    expect(await endpoints()).toEqual(endpointsBefore);
  });
});
