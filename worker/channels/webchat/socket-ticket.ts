/**
 * @module Socket tickets: browsers cannot put headers on a WebSocket handshake, so the
 * widget's socket URL carries a ticket instead of the visitor token. A ticket is minted
 * with the Bearer token just before connecting, names one visitor, is valid for 60 s
 * (long enough for a slow handshake, short enough that a logged URL is worthless) and
 * is signed with a key of its own, so it opens a socket and nothing else.
 */
import type { Db } from "../../db/client";
import { fromBase64Url, toBase64Url } from "../../auth/encoding";
import { checkGrant, signGrant, type GrantCheck } from "../../auth/signed-grants";
import type { Visitor } from "./visitor";

export const SOCKET_TICKET_TTL_MS = 60_000;

type TicketClaims = Visitor["claims"];

/** `<exp>.<base64url(JSON [contactId, inboxId])>.<sig>` */
export async function mintSocketTicket(db: Db, claims: TicketClaims, now = Date.now()): Promise<{ ticket: string; expiresAt: number }> {
  const exp = now + SOCKET_TICKET_TTL_MS;
  const subject = toBase64Url(new TextEncoder().encode(JSON.stringify([claims.contactId, claims.inboxId])));
  return { ticket: `${exp}.${subject}.${await signGrant(db, "widget-socket", subject, exp)}`, expiresAt: exp };
}

export async function readSocketTicket(db: Db, ticket: string, now = Date.now()): Promise<{ check: GrantCheck; claims: TicketClaims | null }> {
  const [expText, subject, sig, extra] = ticket.split(".");
  const exp = Number(expText);
  if (!subject || !sig || extra !== undefined || !/^\d{1,16}$/.test(expText ?? "")) return { check: "invalid", claims: null };
  const check = await checkGrant(db, "widget-socket", subject, exp, sig, now);
  if (check !== "ok") return { check, claims: null };
  const [contactId, inboxId] = JSON.parse(new TextDecoder().decode(fromBase64Url(subject)!)) as [string, string];
  return { check, claims: { contactId, inboxId } };
}
