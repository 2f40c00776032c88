/**
 * @module The consent ledger's side of what customers say on a channel (issue 16): an
 * opt-out revokes that channel's consent for every marketing purpose and is acknowledged
 * once; an opt-in button tap records a grant. Run by the consent-ledger listener of the
 * event pipeline (../pipeline/listeners/consent-ledger.ts), which may deliver a batch
 * again, so everything here is idempotent:
 *
 * - A record's id is derived from the message it rests on (`kw:<conversation>:<seq>:<purpose>`,
 *   `btn:<conversation>:<seq>`) and inserted ON CONFLICT DO NOTHING.
 * - An opt-out records a revocation only for purposes not already revoked on the channel,
 *   so a second SAIR records nothing. It is acknowledged when records of *this* message
 *   exist — written now or by an earlier delivery of the batch — so a crash between the
 *   write and the reply still gets the reply on the redelivery, and a second SAIR (no
 *   records of its own) gets none. The room stores the ack once per message
 *   (`optOutAckClientId`), so a redelivery never says it twice.
 */
import type { Env } from "../env";
import type { Db } from "../db/client";
import { consentRecordStatement, currentConsent, storedConsentRecordIds } from "../db/consent";
import { findPurposeByKey } from "../db/consent-purposes";
import { findContact } from "../db/contacts";
import { seedOf, type RoomSeed } from "../conversation/commands";
import type { RoomEvents } from "../pipeline/types";
import type { OptInSignal, OptOutSignal } from "./customer-signals";
import { CONSENT_VOICE, optOutAck, optOutAckClientId } from "./keyword-ack";

/** The customer recorded it themself. */
const recorderOf = (s: { contactId: string }) => ({ type: "contact" as const, id: s.contactId, name: null });

/** Revokes the channel's marketing consent for the opt-out's message; answers whether
 * this message revoked anything (now or on an earlier delivery), i.e. whether it is owed
 * an acknowledgement. */
export async function revokeMarketing(db: Db, signal: OptOutSignal, purposeIds: readonly string[]): Promise<boolean> {
  const ids = purposeIds.map((p) => `kw:${signal.conversationId}:${signal.seq}:${p}`);
  const current = await Promise.all(purposeIds.map((p) => currentConsent(db, signal.contactId, signal.channel, p)));
  const statements = purposeIds.flatMap((purposeId, i) => {
    // Already revoked here (this message's own record, a redelivery, counts too): nothing new.
    if (current[i]?.action === "revoke") return [];
    const record = { contactId: signal.contactId, channel: signal.channel, purposeId, action: "revoke" as const, source: "keyword" as const, recordedBy: recorderOf(signal), evidence: signal.messageId, at: signal.at };
    return [consentRecordStatement(db, record, ids[i], { ifAbsent: true })];
  });
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return (await storedConsentRecordIds(db, ids)).length > 0;
}

/** Records the grant an opt-in button tap gives; false when no purpose has the key. */
export async function grantFromButton(db: Db, signal: OptInSignal): Promise<boolean> {
  const purpose = await findPurposeByKey(db, signal.purposeKey);
  if (!purpose) return false;
  const record = { contactId: signal.contactId, channel: signal.channel, purposeId: purpose.id, action: "grant" as const, source: "template_button" as const, recordedBy: recorderOf(signal), evidence: signal.messageId, at: signal.at };
  await consentRecordStatement(db, record, `btn:${signal.conversationId}:${signal.seq}`, { ifAbsent: true });
  return true;
}

/** Says the acknowledgement in the conversation, as a reply the delivery queue takes to
 * the channel. Not said where the customer cannot be written to (an SMS STOP also opts
 * out of the channel itself, and the carrier or Twilio confirms it there; a closed
 * WhatsApp window): the revocation stands either way. Other refusals and failures throw,
 * so the pipeline retries the batch. */
export async function acknowledgeOptOut(env: Env, state: RoomEvents["state"], signal: OptOutSignal): Promise<"said" | "unreachable"> {
  if (state.unreachable) return "unreachable";
  const seed: RoomSeed = seedOf({ ...state, contactName: null, contactPriority: 0 });
  const outcome = await env.CONVERSATION_ROOM.getByName(state.id).command(seed, {
    type: "message",
    actor: CONSENT_VOICE,
    kind: "text",
    body: optOutAck(signal.locale),
    clientId: optOutAckClientId(signal.seq),
  });
  if (!("refused" in outcome)) return "said";
  if (outcome.refused.code === "recipient_unreachable" || outcome.refused.code === "outside_service_window") return "unreachable";
  throw new Error(`consent ack refused: ${outcome.refused.code}`);
}

/** Whether the contact still exists (an erased contact's replayed batch records nothing:
 * consent_records.contact_id references contacts). */
export async function contactExists(db: Db, contactId: string): Promise<boolean> {
  return (await findContact(db, contactId)) !== undefined;
}
