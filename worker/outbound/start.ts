/**
 * @module A company-initiated message (issue 16): an agent, an API token or a campaign
 * writes first to a contact on WhatsApp (an approved template), SMS or e-mail, for a
 * consent purpose. One function for the API route and the campaign runner.
 *
 * The gate, in order, with nothing written before it passes: the channel can start
 * conversations and the message fits it; the contact has an address there; the ledger
 * holds their current consent for the purpose on that channel — or, with no record either
 * way, the customer wrote in the last 24 hours (a reply needs no extra consent), which
 * only an existing conversation can show (its room decides: ../conversation/consent-gate.ts);
 * a revocation refuses whatever the window;
 * the contact has not opted out of the inbox (STOP). Then the address becomes the
 * contact's identity in the inbox, the conversation is found or created by the channel
 * seam's rule (../channels/threads.ts), and the message joins the room's delivery queue
 * like any agent reply, idempotent by `clientId`. The queue checks consent again when it
 * sends (../conversation/delivery-queue.ts).
 */
import { conversationFor } from "../channels/threads";
import { adapterFor } from "../channels/registry";
import { roomOf } from "../conversation/room-client";
import { consentRequiredMessage, consentRevokedMessage } from "../conversation/consent-gate";
import { currentConsent } from "../db/consent";
import { findPurposeByKey } from "../db/consent-purposes";
import { latestConversationOf } from "../db/conversations";
import type { ContactRow } from "../db/contacts";
import type { Db } from "../db/client";
import type { InboxRow } from "../db/inboxes";
import { optOutOf } from "../db/optout-projection";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import { OutboundChannel, type Actor, type ConsentPurpose, type EmailContent, type EmailSettings, type OutboundMessage, type OutboundResult } from "../protocol";
import type { MessageCommand } from "../conversation/commands";
import { unsubscribeUrl } from "../unsubscribe/link";
import { claimRecipient, findRecipient } from "./recipient";

export interface OutboundInput {
  inbox: InboxRow;
  contact: ContactRow;
  purpose: Pick<ConsentPurpose, "id" | "marketing">;
  message: OutboundMessage;
  /** Idempotency key: a retry with the same key is answered with the stored message. */
  clientId: string | null;
  actor: Actor;
  /** The public origin links in the message point at (List-Unsubscribe); null: none. */
  origin: string | null;
  now: number;
  /** Campaigns: consent only, never the reply window (a campaign is no reply). */
  requireConsent?: boolean;
  /** Campaigns: a conversation this message starts waits snoozed until the customer
   * answers (../conversation/commands.ts MessageCommand.snoozeUntilReply). */
  snoozeUntilReply?: boolean;
}

/** The channel, if the inbox's can start conversations and `message` fits it. */
export function outboundChannelOf(inbox: Pick<InboxRow, "kind">, message: OutboundMessage): OutboundChannel {
  const channel = OutboundChannel.safeParse(inbox.kind);
  if (!channel.success) throw new ApiError(422, "channel_not_supported", `A ${inbox.kind} inbox cannot start conversations: use a WhatsApp, SMS or e-mail inbox.`);
  const mismatch = (why: string) => new ApiError(422, "outbound_content_mismatch", why);
  if (channel.data === "sms" && message.template) throw mismatch("SMS sends text: write the message instead of choosing a template.");
  if (channel.data === "email" && (message.template || !message.subject)) throw mismatch("E-mail needs a subject and a text.");
  if (channel.data !== "email" && message.subject !== undefined) throw mismatch("Only e-mail has a subject.");
  return channel.data;
}

/** Sends `input.message` (see the module comment); refusals throw their ApiError. */
export async function startOutbound(env: Env, db: Db, input: OutboundInput): Promise<OutboundResult> {
  const { inbox, contact, purpose, message, now } = input;
  // An opt-in button must name a purpose a tap can be recorded for.
  const optIn = message.template?.optInButton;
  if (optIn && !(await findPurposeByKey(db, optIn.purposeKey))) throw new ApiError(422, "purpose_not_found", `No consent purpose has the key "${optIn.purposeKey}": the opt-in button could not be recorded.`);
  const channel = outboundChannelOf(inbox, message);
  const recipient = await findRecipient(db, channel, inbox, contact);
  if (!recipient) {
    const what = channel === "email" ? "e-mail address" : channel === "whatsapp" ? "WhatsApp number" : "phone number";
    throw new ApiError(422, "no_identity_on_channel", `This contact has no ${what} to write to: add one to their profile first.`);
  }
  const record = await currentConsent(db, contact.id, inbox.kind, purpose.id);
  // A revocation is the customer's explicit no: no window overrides it (their SAIR is
  // itself a message within the window).
  if (record?.action === "revoke") throw new ApiError(422, "consent_required", consentRevokedMessage(inbox.kind));
  const granted = record?.action === "grant";
  // Without a record only a reply can go, into the conversation the customer wrote in.
  const latest = granted || input.requireConsent ? null : await latestConversationOf(db, contact.id, inbox.id);
  if (!granted && !latest) throw new ApiError(422, "consent_required", consentRequiredMessage(inbox.kind));
  // WhatsApp starts with an approved template; free text goes only as a reply inside the
  // 24-hour window, which only a conversation the customer wrote in can have (its room
  // decides). Refused here, before a conversation is created for nothing.
  const twilioWhatsapp = channel === "sms" && (inbox.settings as { medium?: string }).medium === "whatsapp";
  if ((channel === "whatsapp" && !message.template) || twilioWhatsapp) {
    if (!(latest ?? (await latestConversationOf(db, contact.id, inbox.id)))) {
      throw new ApiError(422, "outside_service_window", "WhatsApp conversations start with an approved template: free text can only answer a customer who wrote in the last 24 hours.");
    }
  }
  if (await optOutOf(db, contact.id, inbox.id)) {
    throw new ApiError(422, "recipient_unreachable", "The contact opted out of this inbox (STOP) or blocked it: nothing can be sent until they opt back in.");
  }
  if (!(await claimRecipient(db, inbox, contact.id, recipient, now))) {
    throw new ApiError(422, "no_identity_on_channel", "That address belongs to another contact here: merge the two contacts, or correct the profile.");
  }
  const settings = inbox.settings as { reopenWindowHours?: number };
  const adapter = adapterFor(inbox.kind)!;
  const conversation = latest ?? (await conversationFor(db, inbox, contact.id, adapter.reuse, settings.reopenWindowHours ?? 24, now));
  const room = roomOf(env, conversation);
  // Where the room's sends go: a conversation the company starts has no customer message
  // to learn it from (an ingest with no items only sets it).
  await room.ingest({ externalId: recipient, name: contact.name }, []);
  const cmd: MessageCommand = {
    type: "message",
    actor: input.actor,
    kind: "text",
    body: message.text ?? "",
    clientId: input.clientId,
    consent: { purposeId: purpose.id, granted },
    ...(input.snoozeUntilReply ? { snoozeUntilReply: true } : {}),
    ...(message.template ? { template: message.template } : {}),
  };
  if (channel === "email") cmd.content = await emailContentOf(db, inbox, recipient, message, input);
  const result = await room.command(cmd);
  return { conversationId: conversation.id, seq: result.seq, duplicate: result.duplicate, basis: granted ? "consent" : "service_window" };
}

/** The envelope of a first e-mail: from the inbox's first address under its display
 * name, to the contact, the subject given; marketing mail carries the one-click
 * unsubscribe link (RFC 8058). */
async function emailContentOf(db: Db, inbox: InboxRow, recipient: string, message: OutboundMessage, input: OutboundInput): Promise<EmailContent> {
  const settings = inbox.settings as Partial<EmailSettings>;
  const listUnsubscribe = input.purpose.marketing ? await unsubscribeUrl(db, input.origin, input.contact.id, input.now) : null;
  return {
    type: "email",
    subject: message.subject ?? "",
    from: { address: settings.addresses?.[0] ?? "", name: (settings.displayName || inbox.name).slice(0, 200) || null },
    to: [{ address: recipient, name: input.contact.name }],
    cc: [],
    messageId: null,
    fullText: null,
    htmlFileId: null,
    rawFileId: null,
    ...(listUnsubscribe ? { listUnsubscribe } : {}),
  };
}
