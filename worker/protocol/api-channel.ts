/**
 * @module The API channel: an inbox your own system carries. Customers' messages come in
 * through `POST /api/v1/inboxes/{id}/messages` (an API token); agents' replies go out as
 * signed POSTs (worker/webhooks/signature.ts) to the inbox's URL.
 */
import { z } from "zod";
import { Attachment } from "./events";
import { UserName, UserText } from "./text";
import { MAX_BODY_CHARS } from "./limits";
import { MAX_WEBHOOK_URL_CHARS } from "./webhooks";

/** The event name replies carry (`Switchboard-Event` and the payload's `event`). */
export const API_CHANNEL_REPLY_EVENT = "api_channel.reply";

export const ApiChannelSettings = z.strictObject({
  /** As other channels: a customer who writes again within this many hours after a
   * resolve reopens the conversation; later, a new one starts. */
  reopenWindowHours: z.number().int().min(0).max(24 * 365).default(24),
  /** Where agents' replies are POSTed; the SSRF guard (worker/webhooks/url-guard.ts)
   * checks it on every send. */
  url: z.string().trim().min(1).max(MAX_WEBHOOK_URL_CHARS).url("an https URL such as https://example.com/switchboard"),
});
export type ApiChannelSettings = z.infer<typeof ApiChannelSettings>;

/** Made by the server (never typed): signs the replies. */
export const ApiChannelCredentials = z.strictObject({ secret: z.string().min(1).max(200) });
export type ApiChannelCredentials = z.infer<typeof ApiChannelCredentials>;

/** Caller-chosen ids (a message id, a contact id in the caller's system). */
const ExternalId = z.string().trim().min(1).max(200);

/** `POST /api/v1/inboxes/{id}/messages`: a customer's message. `id` is the caller's own
 * message id: the same id again stores nothing new (safe retries). */
export const InboundApiMessageBody = z.strictObject({
  id: ExternalId,
  contact: z.strictObject({
    externalId: ExternalId,
    name: UserName.trim().min(1).max(200).optional(),
    email: z.string().trim().toLowerCase().max(254).email().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{1,14}$/, "an E.164 phone number such as +5511987654321")
      .optional(),
  }),
  text: UserText.trim().min(1).max(MAX_BODY_CHARS),
});
export type InboundApiMessageBody = z.infer<typeof InboundApiMessageBody>;

export const InboundApiMessageAnswer = z.object({ conversationId: z.string(), duplicate: z.boolean() });
export type InboundApiMessageAnswer = z.infer<typeof InboundApiMessageAnswer>;

/** `POST /api/v1/inboxes/{id}/api-secret`: a new signing secret, shown this once. */
export const ApiChannelSecret = z.object({ secret: z.string() });

/** What the inbox's URL receives for each agent reply. `id` is our message id (also
 * `Switchboard-Delivery`, the same on every retry: dedup on it). */
export const ApiChannelReply = z.object({
  id: z.string(),
  event: z.literal(API_CHANNEL_REPLY_EVENT),
  conversationId: z.string(),
  /** The customer's `contact.externalId` as the caller gave it. */
  contactExternalId: z.string(),
  seq: z.number().int(),
  text: z.string(),
  attachments: z.array(Attachment),
});
export type ApiChannelReply = z.infer<typeof ApiChannelReply>;
