/**
 * @module API tokens on the wire: minting a secret, recognising `Authorization: Bearer
 * sb_live_…`, and turning it into a live token (401 when unknown, revoked or expired;
 * 429 past the per-token rate limit). Every call reads D1, never a cache, so a revoke
 * takes effect on the very next request.
 */
import type { Context } from "hono";
import { findTokenBySecretHash, LAST_USED_RESOLUTION_MS, touchApiToken, type ApiTokenRow } from "../db/api-tokens";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../env";
import { TOKEN_DISPLAY_CHARS, TOKEN_PREFIX, TOKEN_RATE_LIMIT, TOKEN_SECRET_PATTERN } from "../protocol";
import { randomToken, sha256Base64Url } from "./encoding";
import { takeTokenTimed } from "./rate-limit";

/** A fresh secret, its SHA-256 (all D1 keeps) and its display prefix. */
export async function mintSecret(): Promise<{ secret: string; hash: string; prefix: string }> {
  const secret = TOKEN_PREFIX + randomToken(32);
  return { secret, hash: await sha256Base64Url(secret), prefix: secret.slice(0, TOKEN_DISPLAY_CHARS) };
}

/** The API token a request presents, or null when it presents none. Only bearers with our
 * prefix are API tokens: the widget's visitor tokens ride the same header and stay theirs.
 * A request that carries one is a token call: its cookie, if any, is never looked at. */
export function presentedSecret(request: Request): string | null {
  const header = request.headers.get("Authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match && match[1]!.startsWith(TOKEN_PREFIX) ? match[1]! : null;
}

/** The live token behind `secret`; throws 401 (unknown, revoked, expired) or 429. */
export async function authenticateToken(c: Context<AppEnv>, secret: string): Promise<ApiTokenRow> {
  const db = c.var.db;
  const now = Date.now();
  const row = TOKEN_SECRET_PATTERN.test(secret) ? await findTokenBySecretHash(db, await sha256Base64Url(secret)) : undefined;
  if (!row || row.revokedAt !== null) throw new ApiError(401, "invalid_token", "This API token is unknown or has been revoked.");
  if (row.expiresAt !== null && row.expiresAt <= now) throw new ApiError(401, "token_expired", "This API token has expired.");
  const { allowed, retryAfterMs } = await takeTokenTimed(db, `api-token:${row.id}`, { limit: TOKEN_RATE_LIMIT, windowMs: 60_000 }, now);
  if (!allowed) {
    // onApiError builds the JSON body on this context, so the header set here goes out with it.
    c.header("Retry-After", String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    throw new ApiError(429, "rate_limited", `At most ${TOKEN_RATE_LIMIT} requests a minute per token; wait and retry.`);
  }
  if (row.lastUsedAt === null || row.lastUsedAt < now - LAST_USED_RESOLUTION_MS) await touchApiToken(db, row.id, now);
  return row;
}
