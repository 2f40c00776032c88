/**
 * @module Token administration (issue 15): admins and owners list, create and revoke API
 * tokens from a console session. No token may call these (a token cannot mint tokens).
 * The secret is in the create answer only; D1 keeps its SHA-256.
 */
import { createRoute } from "@hono/zod-openapi";
import { newId } from "../db/client";
import { insertApiToken, listApiTokens, revokeApiToken, toApiToken } from "../db/api-tokens";
import { listInboxes } from "../db/inboxes";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { ApiToken, ApiTokenList, CreatedToken, CreateTokenBody, MAX_TOKEN_TTL_MS } from "../protocol";
import { mintSecret } from "../auth/api-token";
import { adminOnly, writeErrors } from "./access";
import { IdParam } from "./params";
import { audited } from "../audit/entry";

const list = createRoute({
  method: "get",
  path: "/api/v1/tokens",
  ...adminOnly,
  responses: { 200: jsonResponse(ApiTokenList, "Every token, newest first (never a secret)"), 401: errors[401], 403: errors[403] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/tokens",
  ...adminOnly,
  request: jsonBody(CreateTokenBody),
  responses: { 201: jsonResponse(CreatedToken, "The token and its secret, shown this once"), ...writeErrors },
});
const revoke = createRoute({
  method: "delete",
  path: "/api/v1/tokens/{id}",
  ...adminOnly,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ApiToken, "Revoked (revoking again keeps the first time)"), ...writeErrors },
});

const invalid = (path: string, message: string) => new ApiError(400, "validation_failed", message, [{ path: [path], message }]);

export const apiTokenRoutes = router()
  .openapi(list, async (c) => c.json({ tokens: await listApiTokens(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = c.var.db;
    const now = Date.now();
    const expiresAt = body.expiresAt ?? null;
    if (expiresAt !== null && expiresAt <= now) throw invalid("expiresAt", "must be in the future");
    if (expiresAt !== null && expiresAt > now + MAX_TOKEN_TTL_MS) throw invalid("expiresAt", "must be within 2 years");
    const inboxIds = body.inboxIds ?? null;
    // The admin scope manages inboxes, teams and rules across the whole account: an inbox
    // limit on it would promise a boundary the admin routes do not have.
    if (inboxIds && body.scopes.includes("admin")) throw invalid("scopes", "the admin scope covers every inbox: leave inboxIds out");
    if (inboxIds) {
      const live = new Set((await listInboxes(db)).map((i) => i.id));
      const unknown = inboxIds.findIndex((id) => !live.has(id));
      if (unknown >= 0) throw new ApiError(404, "inbox_not_found", `No inbox with id ${inboxIds[unknown]}.`, [{ path: ["inboxIds", unknown], message: "unknown inbox" }]);
    }
    const { secret, hash, prefix } = await mintSecret();
    const row = { id: newId(), name: body.name, secretHash: hash, prefix, scopes: body.scopes, inboxIds, createdBy: c.var.agent.id, createdAt: now, expiresAt, lastUsedAt: null, revokedAt: null };
    // The token's name, scopes and inbox limit; never its secret or hash.
    await insertApiToken(db, row, audited(c, "token.created", { type: "token", id: row.id }, { name: row.name, scopes: row.scopes, inboxIds: row.inboxIds, expiresAt }));
    return c.json({ token: toApiToken(row), secret }, 201);
  })
  .openapi(revoke, async (c) => {
    const { id } = c.req.valid("param");
    const token = await revokeApiToken(c.var.db, id, Date.now(), audited(c, "token.revoked", { type: "token", id }));
    if (!token) throw new ApiError(404, "api_token_not_found", "No API token with that id.");
    return c.json(token, 200);
  });
