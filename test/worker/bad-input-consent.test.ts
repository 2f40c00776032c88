/**
 * Bad input on the consent ledger's routes (issue 16): malformed and oversize bodies,
 * wrong types, missing and unknown fields, bad keys, sources a client may not claim,
 * unknown purposes, bad ids: each a 4xx JSON error that stores nothing (no purpose, no
 * record, no audit entry). Rows in bad-input-consent-routes.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, huge, storedState, type World } from "./bad-input-kit";
import { CONSENT_BODY_ROUTES } from "./bad-input-consent-routes";
import { customerWrites, owner, webchatInbox } from "./fixtures";
import { call } from "./http-client";

const w = {} as World;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = await webchatInbox(w.boss, "Bad input consent");
  const c = await customerWrites(inbox.publicKey, "First message");
  Object.assign(w, { conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId });
});

describeBodyRoutes(w, CONSENT_BODY_ROUTES);

const ID_ROUTES = [
  { name: "PATCH /api/v1/consent/purposes/{id}", method: "PATCH", path: (id: string) => `/api/v1/consent/purposes/${id}`, json: { name: "x" }, missing: "purpose_not_found" },
  { name: "GET /api/v1/contacts/{id}/consent", method: "GET", path: (id: string) => `/api/v1/contacts/${id}/consent`, missing: "contact_not_found" },
  {
    name: "POST /api/v1/contacts/{id}/consent",
    method: "POST",
    path: (id: string) => `/api/v1/contacts/${id}/consent`,
    json: { channel: "any", purposeId: "purpose_marketing", action: "grant", source: "api" },
    missing: "contact_not_found",
  },
] as const;

describe.each(ID_ROUTES.map((r) => [r.name, r] as const))("%s", (_, route) => {
  const request = (id: string) => call(route.path(id), { method: route.method, json: "json" in route ? route.json : undefined, client: { ...w.boss } });

  it("answers an id over 64 characters with 400 at id, and an unknown id with 404, storing nothing", async () => {
    const before = await storedState(w);
    const long = await request(huge(65));
    expectApiError(long, 400, "validation_failed");
    expect(long.body.error.issues[0].path).toEqual(["id"]);
    expectApiError(await request(crypto.randomUUID()), 404, route.missing);
    expect(await storedState(w)).toEqual(before);
  });
});

describe("PATCH /api/v1/consent/purposes/{id} with nothing to change", () => {
  it("answers {} with 400 validation_failed", async () => {
    expectApiError(await call("/api/v1/consent/purposes/purpose_avisos", { method: "PATCH", json: {}, client: { ...w.boss } }), 400, "validation_failed");
  });
});
