/**
 * Bad input on the token administration routes: malformed and oversize bodies, wrong
 * types, missing and unknown fields and bad values (scopes, inboxes, expiry) each get a
 * 4xx JSON error and store nothing (no token row). Rows in bad-input-token-routes.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { describeBodyRoutes, huge } from "./bad-input-kit";
import { TOKEN_BODY_ROUTES, type TokenWorld } from "./bad-input-token-routes";
import { customerWrites, owner, webchatInbox } from "./fixtures";
import { call } from "./http-client";

const w = {} as TokenWorld;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = await webchatInbox(w.boss, "Bad input tokens");
  const c = await customerWrites(inbox.publicKey, "First message");
  Object.assign(w, { inboxId: inbox.id, conversationId: c.conversationId, token: c.token, publicKey: inbox.publicKey, contactId: c.contactId });
});

describeBodyRoutes(w, TOKEN_BODY_ROUTES);

describe("DELETE /api/v1/tokens/{id}", () => {
  it("answers an id over 64 characters with 400 at id, and an unknown id with 404 api_token_not_found", async () => {
    const long = await call(`/api/v1/tokens/${huge(65)}`, { method: "DELETE", client: { ...w.boss } });
    expectApiError(long, 400, "validation_failed");
    expect(long.body.error.issues[0].path).toEqual(["id"]);
    expectApiError(await call(`/api/v1/tokens/${crypto.randomUUID()}`, { method: "DELETE", client: { ...w.boss } }), 404, "api_token_not_found");
  });

  it("left no token behind from any refused create", async () => {
    expect((await call("/api/v1/tokens", { client: { ...w.boss } })).body.tokens).toEqual([]);
  });
});
