/**
 * @module Wire shapes of company-initiated messages (issue 16): an agent or API token
 * starting a conversation with a contact (`OutboundBody`), and campaigns — one message
 * to a segment of contacts, for a purpose, sent only to those who consent
 * (`CreateCampaignBody`, `Campaign`, `CampaignRecipient`, `CampaignReport`).
 */
import { z } from "zod";
import { ChannelKind } from "./summary";
import { TemplateContent } from "./message-content";
import { MAX_BODY_CHARS } from "./limits";
import { UserName, UserText } from "./text";
import { PriorityCondition } from "./priority";

/** The channels a company may start a conversation on: WhatsApp (an approved template),
 * SMS (text) and e-mail (subject and text). The others have no business-initiated send
 * (Messenger, Instagram and Telegram only answer a customer who wrote first). */
export const OutboundChannel = z.enum(["whatsapp", "sms", "email"]);
export type OutboundChannel = z.infer<typeof OutboundChannel>;

/** What is sent: a WhatsApp template, or text (with a subject on e-mail). Which one an
 * inbox takes is checked against its channel by the route (`outbound_content_mismatch`). */
export const OutboundMessage = z
  .strictObject({
    template: TemplateContent.omit({ type: true }).strict().optional(),
    text: UserText.max(MAX_BODY_CHARS).optional(),
    /** E-mail only; RFC 5322 caps a header line at 998 characters. */
    subject: UserText.min(1).max(998).optional(),
  })
  .refine((m) => (m.template !== undefined) !== (m.text !== undefined && m.text.length > 0), {
    message: "Send either an approved template or a text, not both.",
    path: ["text"],
  });
export type OutboundMessage = z.infer<typeof OutboundMessage>;

const Id = z.string().min(1).max(64);
/** A client's idempotency key: a retried request is answered with the stored message. */
const ClientId = z.string().min(1).max(128);

export const OutboundBody = z.strictObject({
  contactId: Id,
  inboxId: Id,
  purposeId: Id,
  clientId: ClientId.optional(),
  message: OutboundMessage,
});
export type OutboundBody = z.infer<typeof OutboundBody>;

export const OutboundResult = z.object({
  conversationId: z.string(),
  seq: z.number().int().positive(),
  /** True when this clientId had already been stored: nothing new was queued. */
  duplicate: z.boolean(),
  /** Why no consent was needed, or which record allowed it. */
  basis: z.enum(["consent", "service_window"]),
});
export type OutboundResult = z.infer<typeof OutboundResult>;

// --- campaigns ----------------------------------------------------------------------

export const CampaignStatus = z.enum(["draft", "running", "completed"]);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const RecipientState = z.enum(["pending", "skipped", "sent", "failed"]);
export type RecipientState = z.infer<typeof RecipientState>;

/** Why a contact of the segment gets nothing (skipped) or got nothing (failed). */
export const RecipientReason = z.enum(["no_consent", "consent_revoked", "no_identity_on_channel", "recipient_unreachable", "send_refused"]);
export type RecipientReason = z.infer<typeof RecipientReason>;

export const MAX_SEGMENT_CONDITIONS = 5;
/** A campaign's segment is resolved into rows in one D1 batch; beyond this, split it. */
export const MAX_CAMPAIGN_RECIPIENTS = 10_000;

/** Contacts matching every condition (a tag, an attribute equal to a value). */
export const CampaignSegment = z.strictObject({ all: z.array(PriorityCondition).min(1).max(MAX_SEGMENT_CONDITIONS) });
export type CampaignSegment = z.infer<typeof CampaignSegment>;

export const CreateCampaignBody = z.strictObject({
  name: UserName.trim().min(1).max(120),
  inboxId: Id,
  purposeId: Id,
  message: OutboundMessage,
  segment: CampaignSegment,
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

export const CampaignCounts = z.object({
  pending: z.number().int(),
  skipped: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
});

/** What happened after the sends: from the messages' receipts in D1, the customers'
 * replies after the send, and consent revocations after the send. */
export const CampaignReport = z.object({
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
  replied: z.number().int(),
  optedOut: z.number().int(),
});
export type CampaignReport = z.infer<typeof CampaignReport>;

export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  inboxId: z.string(),
  channel: ChannelKind,
  purposeId: z.string(),
  message: OutboundMessage,
  segment: CampaignSegment,
  status: CampaignStatus,
  createdAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  completedAt: z.number().int().nullable(),
  counts: CampaignCounts,
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignDetail = Campaign.extend({ report: CampaignReport });
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignList = z.object({ campaigns: z.array(Campaign) });

export const CampaignRecipient = z.object({
  contactId: z.string(),
  contactName: z.string().nullable(),
  state: RecipientState,
  reason: RecipientReason.nullable(),
  conversationId: z.string().nullable(),
  messageSeq: z.number().int().nullable(),
  at: z.number().int().nullable(),
});
export type CampaignRecipient = z.infer<typeof CampaignRecipient>;

export const CampaignRecipientsQuery = z.object({
  state: RecipientState.optional(),
  /** The contact id after which the page starts (contact ids order the list). */
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const CampaignRecipientList = z.object({ recipients: z.array(CampaignRecipient), nextAfter: z.string().nullable() });
