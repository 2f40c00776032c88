/**
 * Bad input on the contact's-rights routes (issue 16): malformed and oversize bodies,
 * wrong types, missing and unknown fields, bad values and the wrong confirmation word,
 * unknown and bad ids: each a 4xx JSON error that stores nothing — above all, erases
 * nothing. Rows in bad-input-rights-routes.ts; the cases are derived as in bad-input.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, huge, storedState } from "./bad-input-kit";
import { RIGHTS_BODY_ROUTES, RIGHTS_ID_ROUTES, type RightsWorld } from "./bad-input-rights-routes";
import { customerWrites, owner } from "./fixtures";
import { call } from "./http-client";

const w = {} as RightsWorld;
const contact = async () => (await call(`/api/v1/contacts/${w.contactId}`, { client: { ...w.boss } })).body;
let contactBefore: unknown;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = (await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: "Bad input rights" }, client: w.boss })).body;
  const c = await customerWrites(inbox.publicKey, "Meu pedido não chegou");
  Object.assign(w, { conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId, inboxId: inbox.id });
  contactBefore = await contact();
});

describeBodyRoutes(w, RIGHTS_BODY_ROUTES);

describe.each(RIGHTS_ID_ROUTES.map((r) => [r.name, r] as const))("%s", (_, route) => {
  const request = (id: string) => call(route.path(id), { method: route.method, json: route.json, client: { ...w.boss } });

  it("answers an id over 64 characters with 400 validation_failed at id, and stores nothing", async () => {
    const before = await storedState(w);
    const res = await request(huge(65));
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["id"]);
    expect(await storedState(w)).toEqual(before);
  });

  it(`answers an unknown id with 404 ${route.code}, and stores nothing`, async () => {
    const before = await storedState(w);
    expectApiError(await request(crypto.randomUUID()), 404, route.code);
    expect(await storedState(w)).toEqual(before);
  });
});

describe("after every refused request", () => {
  it("the contact is as it was (nothing erased) and the inbox keeps no period", async () => {
    expect(await contact()).toEqual(contactBefore);
    expect((await call(`/api/v1/inboxes/${w.inboxId}/retention`, { client: { ...w.boss } })).body).toEqual({ retentionDays: null });
  });
});
