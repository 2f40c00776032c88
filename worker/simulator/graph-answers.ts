/**
 * @module How the stand-in Graph API answers what it cannot do, and whom it serves: Graph
 * API's error body (https://developers.facebook.com/docs/graph-api/guides/error-handling)
 * and its access-token check, so an adapter bug (a wrong token, a wrong object id, a
 * missing field) fails here as it would at Meta, not only in production.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { constantTimeEqual } from "../auth/encoding";
import type { GraphAccount } from "./accounts";

/** Graph API's error body. `fbtrace_id` is random, as Meta's support ids are. */
export function graphError(c: Context, status: ContentfulStatusCode, code: number, message: string, type = "OAuthException", subcode?: number) {
  const fbtrace = crypto.randomUUID().replace(/-/g, "").slice(0, 22);
  return c.json({ error: { message, type, code, ...(subcode !== undefined ? { error_subcode: subcode } : {}), fbtrace_id: fbtrace } }, status);
}

/** Meta's answer for an object id it does not know (code 100, subcode 33). */
export function unknownObject(c: Context, id: string) {
  return graphError(c, 400, 100, `Unsupported request - method type: ${c.req.method.toLowerCase()}. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, "GraphMethodException", 33);
}

/** The token the call carries: `Authorization: Bearer …` (WhatsApp, current Graph API
 * clients) or `?access_token=…` (the Send API's classic form). */
function tokenOf(c: Context): string | null {
  const header = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "");
  return header?.[1] ?? new URL(c.req.url).searchParams.get("access_token");
}

function tokenFor(account: GraphAccount): string {
  return account.kind === "whatsapp" ? account.credentials.accessToken : account.credentials.pageAccessToken;
}

/** Whether the call carries the account's token; Meta answers code 190 otherwise. */
export function tokenMatches(c: Context, account: GraphAccount): boolean {
  const given = tokenOf(c);
  if (!given) return false;
  const encode = (s: string) => new Uint8Array(new TextEncoder().encode(s));
  return constantTimeEqual(encode(given), encode(tokenFor(account)));
}

export function invalidToken(c: Context) {
  return graphError(c, 401, 190, "Invalid OAuth access token - Cannot parse access token");
}
