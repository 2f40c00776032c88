/**
 * API tokens for worker tests: made by an owner through the admin API (the real path),
 * plus the one thing the API will not do, backdating a token's expiry, done in D1.
 */
import { env } from "cloudflare:workers";
import { TOKEN_SCOPES, type CreateTokenBody, type TokenScope } from "../../worker/protocol";
import { bearer, call, type Client } from "./http-client";

export interface MadeToken {
  id: string;
  secret: string;
}

export async function makeToken(boss: Client, body: Partial<CreateTokenBody> = {}): Promise<MadeToken> {
  const res = await call("/api/v1/tokens", { method: "POST", json: { name: `t-${crypto.randomUUID().slice(0, 8)}`, scopes: [...TOKEN_SCOPES], ...body }, client: boss });
  if (res.status !== 201) throw new Error(`create token failed: ${JSON.stringify(res.body)}`);
  return { id: res.body.token.id, secret: res.body.secret };
}

export const allBut = (scope: TokenScope): TokenScope[] => TOKEN_SCOPES.filter((s) => s !== scope);

export async function revoked(boss: Client): Promise<MadeToken> {
  const t = await makeToken(boss);
  const res = await call(`/api/v1/tokens/${t.id}`, { method: "DELETE", client: boss });
  if (res.status !== 200) throw new Error(`revoke failed: ${JSON.stringify(res.body)}`);
  return t;
}

/** A token whose expiry has passed. The API only accepts future expiries, so the row is
 * backdated in D1 (the token was valid when made). */
export async function expired(boss: Client): Promise<MadeToken> {
  const t = await makeToken(boss, { expiresAt: Date.now() + 3_600_000 });
  await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, t.id).run();
  return t;
}

/** Headers for a token call, without the Origin a browser would add (sent with `origin: null`). */
export const asToken = (t: MadeToken) => bearer(t.secret);
