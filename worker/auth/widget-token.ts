/**
 * @module Visitor tokens for the web chat widget: `base64url(payload).base64url(HMAC)`.
 * The token names the contact and inbox; the server looks up the conversation, so a
 * visitor can only ever reach its own.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { fromBase64Url, toBase64Url } from "./encoding";
import { hmacKey } from "./server-keys";

const KEY_NAME = "widget-token";

const Payload = z.object({ v: z.literal(1), contactId: z.string(), inboxId: z.string(), iat: z.number() });
export type VisitorClaims = z.infer<typeof Payload>;

export async function signVisitorToken(db: Db, claims: Omit<VisitorClaims, "v" | "iat">): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ v: 1, ...claims, iat: Date.now() })));
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(db, KEY_NAME), new TextEncoder().encode(payload));
  return `${payload}.${toBase64Url(new Uint8Array(sig))}`;
}

/** Returns the claims of a genuine token, or null. `crypto.subtle.verify` on HMAC
 * compares in constant time. */
export async function verifyVisitorToken(db: Db, token: string): Promise<VisitorClaims | null> {
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined || token.length > 2048) return null;
  const sigBytes = fromBase64Url(sig);
  if (!sigBytes) return null;
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(db, KEY_NAME), sigBytes, new TextEncoder().encode(payload));
  if (!ok) return null;
  const json = fromBase64Url(payload);
  if (!json) return null;
  try {
    const parsed = Payload.safeParse(JSON.parse(new TextDecoder().decode(json)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
