/**
 * @module One tick of a running campaign: the next pending recipients, each sent through
 * the same path as an agent's first message (../outbound/start.ts) under a client id
 * derived from (campaign, contact), then marked. The mark comes after the send, so a
 * crash between the two leaves the row pending and the next tick sends it again — and
 * the room answers that resend with the message it stored the first time (it dedups by
 * client id, also after eviction), so no one is queued twice.
 */
import { database } from "../db/client";
import { completeCampaign, findCampaign, markRecipient, pendingRecipients, type CampaignRow, type RecipientMark } from "../db/campaigns";
import { findContact } from "../db/contacts";
import { listPurposes } from "../db/consent";
import { findInbox } from "../db/inboxes";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import type { Actor, ErrorCode } from "../protocol";
import { startOutbound } from "../outbound/start";
import { paceFor } from "./pace";

/** The idempotency key of a campaign's message to one contact. */
export function campaignClientId(campaignId: string, contactId: string): string {
  return `campaign:${campaignId}:${contactId}`;
}

/** Who a campaign's messages are from: the campaign itself, the company's automatic
 * voice (a bot actor: it speaks for the company, and its client ids are its own). */
export function campaignActor(campaign: Pick<CampaignRow, "id" | "name">): Actor {
  return { type: "bot", id: `campaign:${campaign.id}`, name: campaign.name };
}

/** How a refusal marks the recipient; a code not listed is passing (D1, a room, a
 * rate limit): the tick stops and the runner tries again later. */
const REFUSAL_MARKS: Partial<Record<ErrorCode, RecipientMark>> = {
  consent_required: { state: "skipped", reason: "consent_revoked" },
  no_identity_on_channel: { state: "skipped", reason: "no_identity_on_channel" },
  recipient_unreachable: { state: "skipped", reason: "recipient_unreachable" },
  channel_not_supported: { state: "failed", reason: "send_refused" },
  outbound_content_mismatch: { state: "failed", reason: "send_refused" },
  outside_service_window: { state: "failed", reason: "send_refused" },
  contact_not_found: { state: "failed", reason: "send_refused" },
};

/** Runs one tick; answers when the next is due, or null when the campaign is over (or
 * not running). Throws on a passing failure, after marking what it sent. */
export async function campaignTick(env: Env, campaignId: string): Promise<number | null> {
  const db = database(env.DB);
  const campaign = await findCampaign(db, campaignId);
  if (!campaign || campaign.status !== "running") return null;
  const inbox = await findInbox(db, campaign.inboxId);
  const purpose = (await listPurposes(db, true)).find((p) => p.id === campaign.purposeId);
  const pace = inbox ? paceFor(inbox) : { perTick: 25, tickMs: 0 };
  const batch = await pendingRecipients(db, campaignId, pace.perTick);
  if (batch.length === 0) {
    await completeCampaign(db, campaignId, Date.now());
    return null;
  }
  for (const recipient of batch) {
    const contact = await findContact(db, recipient.contactId);
    if (!inbox || !purpose || !contact) {
      await markRecipient(db, campaignId, recipient.contactId, { state: "failed", reason: "send_refused" }, Date.now());
      continue;
    }
    try {
      const sent = await startOutbound(env, db, {
        inbox,
        contact,
        purpose,
        message: campaign.message,
        clientId: campaignClientId(campaignId, contact.id),
        actor: campaignActor(campaign),
        origin: campaign.origin,
        now: Date.now(),
        requireConsent: true,
        snoozeUntilReply: true,
      });
      await markRecipient(db, campaignId, contact.id, { state: "sent", conversationId: sent.conversationId, messageSeq: sent.seq }, Date.now());
    } catch (err) {
      const mark = err instanceof ApiError ? REFUSAL_MARKS[err.code] : undefined;
      if (!mark) throw err;
      await markRecipient(db, campaignId, contact.id, mark, Date.now());
    }
  }
  return Date.now() + pace.tickMs;
}
