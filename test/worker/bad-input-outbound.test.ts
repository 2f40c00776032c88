/**
 * Bad input on company-initiated messages and campaigns: malformed and oversize bodies,
 * wrong types, missing and unknown fields and bad values each get a 4xx JSON error and
 * store nothing (no conversation, identity, campaign or recipient row). Rows in
 * bad-input-outbound-routes.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, describeQueryRoutes, huge } from "./bad-input-kit";
import { OUTBOUND_BODY_ROUTES, OUTBOUND_QUERY_ROUTES, type OutboundWorld } from "./bad-input-outbound-routes";
import { customerWrites, owner, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { waInbox } from "./channels/whatsapp-webhook-kit";
import { consent, newContact, newPhone } from "./outbound/outbound-kit";

const w = {} as OutboundWorld;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = await webchatInbox(w.boss, "Bad input outbound");
  const c = await customerWrites(inbox.publicKey, "First message");
  const wa = await waInbox();
  const contactId = await newContact({ phone: newPhone() });
  await consent(contactId, "grant");
  const draft = await call("/api/v1/campaigns", {
    method: "POST",
    json: { name: "Rascunho", inboxId: wa.inbox.id, purposeId: "purpose_marketing", message: { template: { name: "x", language: "pt_BR", parameters: [] } }, segment: { all: [{ kind: "tag", tagId: "none" }] } },
    client: w.boss,
  });
  expect(draft.status).toBe(201);
  Object.assign(w, { conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId, whatsappInboxId: wa.inbox.id, consentingContactId: contactId, campaignId: draft.body.id });
});

describeBodyRoutes(w, OUTBOUND_BODY_ROUTES);
describeQueryRoutes(w, OUTBOUND_QUERY_ROUTES);

describe("campaign ids", () => {
  it("answers an id over 64 characters with 400 at id, and an unknown id with 404 campaign_not_found", async () => {
    for (const path of ["", "/recipients"]) {
      const long = await call(`/api/v1/campaigns/${huge(65)}${path}`, { client: { ...w.boss } });
      expectApiError(long, 400, "validation_failed");
      expectApiError(await call(`/api/v1/campaigns/${crypto.randomUUID()}${path}`, { client: { ...w.boss } }), 404, "campaign_not_found");
    }
    expectApiError(await call(`/api/v1/campaigns/${crypto.randomUUID()}/start`, { method: "POST", client: { ...w.boss } }), 404, "campaign_not_found");
  });
});
