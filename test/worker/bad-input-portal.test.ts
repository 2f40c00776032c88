/**
 * Bad input on the customer portal's routes: malformed and oversize bodies, wrong types,
 * missing and unknown fields and bad values each get a 4xx JSON error and store nothing.
 * Rows in bad-input-portal-routes.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes } from "./bad-input-kit";
import { PORTAL_BODY_ROUTES, type PortalWorld } from "./bad-input-portal-routes";
import { customerWrites, owner, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { portalSession } from "./route-world";

const w = {} as PortalWorld;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = await webchatInbox(w.boss, "Bad input portal");
  const c = await customerWrites(inbox.publicKey, "First message");
  Object.assign(w, { inboxId: inbox.id, conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId });
  w.customer = { cookie: await portalSession(w.boss, inbox.id, c.contactId) };
});

describeBodyRoutes(w, PORTAL_BODY_ROUTES);

describe("the portal's path ids", () => {
  it("answer an id over 64 characters with 400 at id, on the API; the page answers 404", async () => {
    const long = "x".repeat(65);
    const res = await call(`/api/v1/portal/conversations/${long}`, { client: { ...w.customer } });
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["id"]);
    expect((await call(`/portal/conversations/${long}`, { client: { ...w.customer } })).status).toBe(404);
  });

  it("refuse a web chat inbox as the e-mail inbox, and an e-mail inbox as the requests' inbox", async () => {
    const res = await call("/api/v1/portal-settings", { method: "PUT", json: { inboxId: w.inboxId, emailInboxId: w.inboxId, categories: [] }, client: w.boss });
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["emailInboxId"]);
  });
});
