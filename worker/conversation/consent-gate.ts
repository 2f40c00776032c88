/**
 * @module The room's side of the consent gate for company-initiated messages (issue 16,
 * worker/outbound): a message sent for a purpose goes only with the contact's current
 * consent for it, or — with no record either way — inside the customer's 24-hour window:
 * a reply to someone who just wrote needs no consent of its own (LGPD art. 7 V, a request
 * of the data subject). A revocation is never overridden (the route refuses it outright).
 *
 * The route reads the ledger (D1) and says whether it granted; the room adds what only it
 * knows for certain, when the customer last wrote (its log is the source of truth; D1 may
 * trail it). The delivery queue applies the same rule again when it sends
 * (`consentStillHolds`), so a revocation between queueing and sending stops the message.
 */
import type { RoomCommand, Refusal, RoomState } from "./commands";
import { dedupKeyOf } from "./commands";
import type { EventLog } from "./event-log";
import type { Db } from "../db/client";
import { currentConsent } from "../db/consent";

/** The customer-service window that makes a company message a reply: the customer wrote
 * within the last 24 hours (issue 16; the same span as WhatsApp's window). */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether the customer wrote within the reply window before `now`. */
export function replyWindowOpen(lastInboundAt: number | null | undefined, now: number): boolean {
  return lastInboundAt !== null && lastInboundAt !== undefined && now - lastInboundAt <= REPLY_WINDOW_MS;
}

/** The refusal of a company-initiated message without consent outside the window; null
 * for anything else (and for a resend of a stored message, answered with its seq). */
export function consentRefusal(state: RoomState | null, cmd: RoomCommand, log: EventLog, now = Date.now()): Refusal | null {
  if (!state || cmd.type !== "message" || !cmd.consent || cmd.consent.granted) return null;
  const key = dedupKeyOf(cmd);
  if (key && log.seqForKey(key) !== null) return null;
  if (replyWindowOpen(state.lastInboundAt, now)) return null;
  return { code: "consent_required", message: consentRequiredMessage(state.channel) };
}

/** What an agent is told when the contact revoked consent for the purpose. */
export function consentRevokedMessage(channel: string): string {
  return `This contact revoked their consent for this purpose on ${channel}: nothing can be sent for it until they consent again.`;
}

/** What an agent is told (the console shows it in the dialog, translated by code). */
export function consentRequiredMessage(channel: string): string {
  return `No current consent from this contact for this purpose on ${channel}, and they have not written in the last 24 hours: record their consent first.`;
}

/** At send time: whether a message sent for `purposeId` may still go — the ledger's
 * current state for this channel grants it, or holds no record and the customer wrote
 * within the window; a revocation stops it. A D1 failure throws (the queue retries:
 * better late than sent against a revocation). */
export async function consentStillHolds(db: Db, state: Pick<RoomState, "contactId" | "channel" | "lastInboundAt">, purposeId: string, now: number): Promise<boolean> {
  const record = await currentConsent(db, state.contactId, state.channel, purposeId);
  if (record) return record.action === "grant";
  return replyWindowOpen(state.lastInboundAt, now);
}
