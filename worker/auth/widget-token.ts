/**
 * @module Visitor tokens for the web chat widget: `base64url(payload).base64url(HMAC)`.
 * The token names the contact and inbox; the server looks up the conversation, so a
 * visitor can only ever reach its own.
 *
 * Lifetime: a token is good for API calls for 24 hours, and can be exchanged for a fresh
 * one (POST /api/v1/widget/sessions with `token`) for 30 days after that. The widget renews
 * silently before expiry, so an open chat never notices; a returning visitor within a month
 * keeps its conversation; a copied token stops working by itself within a day unless it is
 * renewed, and renewal re-checks revocation. 24 h rather than minutes because the token
 * lives in the host page's storage, not in URLs (file links and the socket use their own
 * short-lived grants, see signed-grants.ts), so its exposure is the page's own.
 *
 * Revocation: the token carries the contact's token generation (`gen`) and, for a verified
 * visitor, the inbox's (`ig`); bumping either in D1 revokes every earlier token (see
 * db/visitor-tokens.ts). Tokens of version 1 (before expiry existed) are read as expired at
 * their issue time with generation 0: they can be renewed within the window, once, unless
 * the contact's tokens were revoked since; after that they are refused.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { fromBase64Url, toBase64Url } from "./encoding";
import { hmacKey } from "./server-keys";

const KEY_NAME = "widget-token";

/** How long a token is accepted by the API. */
export const VISITOR_TOKEN_TTL_MS = 24 * 60 * 60_000;
/** How long after expiry a genuine, unrevoked token may still be renewed. */
export const VISITOR_TOKEN_RENEWABLE_MS = 30 * 24 * 60 * 60_000;

const V1 = z.object({ v: z.literal(1), contactId: z.string(), inboxId: z.string(), iat: z.number() });
const V2 = z.object({
  v: z.literal(2),
  contactId: z.string(),
  inboxId: z.string(),
  iat: z.number(),
  exp: z.number(),
  gen: z.number().int(),
  ig: z.number().int().optional(),
});

export interface VisitorClaims {
  contactId: string;
  inboxId: string;
  iat: number;
  exp: number;
  /** The contact's token generation when signed. */
  gen: number;
  /** The inbox's visitor-token generation, on tokens of verified visitors only. */
  ig?: number;
}

export type TokenGrant = Pick<VisitorClaims, "contactId" | "inboxId" | "gen" | "ig">;

export async function signVisitorToken(db: Db, grant: TokenGrant, now = Date.now()): Promise<{ token: string; exp: number }> {
  const exp = now + VISITOR_TOKEN_TTL_MS;
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ v: 2, ...grant, iat: now, exp })));
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(db, KEY_NAME), new TextEncoder().encode(payload));
  return { token: `${payload}.${toBase64Url(new Uint8Array(sig))}`, exp };
}

/** Returns the claims of a genuine token (expired or not, revoked or not: callers decide),
 * or null. `crypto.subtle.verify` on HMAC compares in constant time. */
export async function verifyVisitorToken(db: Db, token: string): Promise<VisitorClaims | null> {
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined || token.length > 2048) return null;
  const sigBytes = fromBase64Url(sig);
  if (!sigBytes) return null;
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(db, KEY_NAME), sigBytes, new TextEncoder().encode(payload));
  if (!ok) return null;
  const json = fromBase64Url(payload);
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return null;
  }
  const v2 = V2.safeParse(raw);
  if (v2.success) {
    const { v: _v, ...claims } = v2.data;
    return claims;
  }
  const v1 = V1.safeParse(raw);
  return v1.success ? { contactId: v1.data.contactId, inboxId: v1.data.inboxId, iat: v1.data.iat, exp: v1.data.iat, gen: 0 } : null;
}
