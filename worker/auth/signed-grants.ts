/**
 * @module Short-lived, single-purpose grants: an HMAC over `subject.exp` under a server key
 * of its own per purpose, so a file link cannot open a socket and a socket ticket cannot
 * read a file. Stateless on purpose: checking one costs no D1 read, and the short expiry
 * bounds what a leaked one is worth (a forwarded image link, a proxy log line).
 */
import type { Db } from "../db/client";
import { fromBase64Url, toBase64Url } from "./encoding";
import { hmacKey } from "./server-keys";

/** `list-unsubscribe`: an e-mail's one-click unsubscribe link (../unsubscribe/link.ts),
 * the one long-lived grant: it only ever revokes, and a mail client may use it months on. */
export type GrantPurpose = "widget-file" | "widget-socket" | "list-unsubscribe";

export type GrantCheck = "ok" | "expired" | "invalid";

const keyName = (purpose: GrantPurpose) => `grant:${purpose}`;
const message = (subject: string, exp: number) => new TextEncoder().encode(`${subject}.${exp}`);

/** The signature granting `subject` until `exp` (ms since the epoch), base64url. */
export async function signGrant(db: Db, purpose: GrantPurpose, subject: string, exp: number): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(db, keyName(purpose)), message(subject, exp));
  return toBase64Url(new Uint8Array(sig));
}

/** Checks the signature first (so "expired" is only ever said of a genuine grant), in
 * constant time (`crypto.subtle.verify` on HMAC), then the expiry. */
export async function checkGrant(db: Db, purpose: GrantPurpose, subject: string, exp: number, sig: string, now = Date.now()): Promise<GrantCheck> {
  const bytes = fromBase64Url(sig);
  if (!bytes || !Number.isSafeInteger(exp)) return "invalid";
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(db, keyName(purpose)), bytes, message(subject, exp));
  if (!ok) return "invalid";
  return exp > now ? "ok" : "expired";
}
