/**
 * @module The RFC 8058 one-click unsubscribe link of a marketing e-mail
 * (https://www.rfc-editor.org/rfc/rfc8058): `https://<origin>/u/<contact>.<exp>.<sig>`,
 * a signed grant (../auth/signed-grants.ts) naming the contact. It can do one thing —
 * revoke that contact's e-mail consent for the marketing purposes — so it lives long: a
 * mail client offers the button for as long as the mail sits in the inbox.
 */
import { checkGrant, signGrant } from "../auth/signed-grants";
import type { Db } from "../db/client";

/** A year: mail read months later still unsubscribes in one click. */
export const UNSUBSCRIBE_LINK_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** The path the link's token is read from (routes/unsubscribe.ts). */
export const UNSUBSCRIBE_PATH = "/u";

/** Contact ids are UUIDs; the bound keeps junk out of the HMAC and the logs. */
const TOKEN = /^([A-Za-z0-9-]{1,64})\.(\d{1,16})\.([A-Za-z0-9_-]{20,100})$/;

/** The link for `contactId`, or null when `origin` is not https: Email Service rejects a
 * List-Unsubscribe with an http URI (https://developers.cloudflare.com/email-service/reference/headers/),
 * so under `wrangler dev` marketing mail goes without the header. */
export async function unsubscribeUrl(db: Db, origin: string | null, contactId: string, now: number): Promise<string | null> {
  if (!origin?.startsWith("https://")) return null;
  const exp = now + UNSUBSCRIBE_LINK_TTL_MS;
  const sig = await signGrant(db, "list-unsubscribe", contactId, exp);
  return `${origin}${UNSUBSCRIBE_PATH}/${contactId}.${exp}.${sig}`;
}

export type UnsubscribeToken = { ok: true; contactId: string } | { ok: false; why: "invalid" | "expired" };

/** Reads a link's token: its contact, if the signature is ours and still valid. */
export async function readUnsubscribeToken(db: Db, token: string, now = Date.now()): Promise<UnsubscribeToken> {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, why: "invalid" };
  const [, contactId, exp, sig] = m as unknown as [string, string, string, string];
  const check = await checkGrant(db, "list-unsubscribe", contactId, Number(exp), sig, now);
  return check === "ok" ? { ok: true, contactId } : { ok: false, why: check };
}
