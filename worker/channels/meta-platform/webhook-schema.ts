/**
 * @module The Messenger Platform's webhook body, as Messenger (`object: "page"`) and
 * Instagram Direct (`object: "instagram"`) send it: `entry[]`, each with its
 * `messaging[]` items (https://developers.facebook.com/docs/messenger-platform/webhooks,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook).
 *
 * Only what we read is described, and objects stay open: Meta adds fields over time, and
 * an item of a kind we do not handle (optins, referrals, handovers, policy notices…) must
 * parse so it can be acknowledged and ignored. A kind we do handle must have its
 * documented shape, or the delivery is malformed (400).
 */
import { z } from "zod";
import { jsonText } from "../json-text";

/** Meta's ids (page, Instagram account, PSID, IGSID) are decimal strings; tests and
 * older payloads use other shapes, so any short non-empty string is taken. */
const Id = z.string().min(1).max(128);

/** Message ids: Instagram's are long base64 strings (about 150 characters). */
const Mid = z.string().min(1).max(512);

/** Epoch milliseconds. Meta sends numbers; the postback reference documents "All JSON
 * properties in a webhook notification are strings", with a timestamp in seconds
 * (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messaging_postbacks),
 * so numeric strings are taken too, and a value too small to be milliseconds (before
 * 1973) is read as seconds. */
const Timestamp = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,16}$/).transform(Number)])
  .pipe(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER))
  .transform((t) => (t < 1e11 ? t * 1000 : t));

/** A party to an event: its scoped id, or (people who came through a chat plugin or the
 * checkbox plugin, before they write) only a `user_ref`. */
const Party = z.looseObject({ id: Id.optional(), user_ref: z.string().max(256).optional() });

const AttachmentPayload = z.looseObject({
  url: z.string().max(8_192).optional(),
  title: z.string().max(2_000).nullable().optional(),
  sticker_id: z.union([z.number(), z.string()]).optional(),
});

export const WebhookAttachment = z.looseObject({
  type: z.string().min(1).max(64),
  // A `fallback` for an unsupported share may come "with no payload".
  payload: AttachmentPayload.nullable().optional(),
  // Fallback attachments carry their link at the top (message_echoes reference).
  url: z.string().max(8_192).nullable().optional(),
  title: z.string().max(2_000).nullable().optional(),
});
export type WebhookAttachment = z.infer<typeof WebhookAttachment>;

/** `message`: a customer's message, or an echo of the business's (`is_echo`)
 * (…/webhook-events/messages, …/webhook-events/message-echoes). */
export const WebhookMessage = z.looseObject({
  mid: Mid,
  text: z.string().max(100_000).optional(),
  is_echo: z.boolean().optional(),
  app_id: z.union([z.number(), z.string()]).optional(),
  metadata: z.string().max(10_000).optional(),
  /** Instagram: the customer unsent it. */
  is_deleted: z.boolean().optional(),
  /** Instagram: a message type the API cannot pass on (GIFs, some stickers). */
  is_unsupported: z.boolean().optional(),
  quick_reply: z.looseObject({ payload: z.string().max(10_000) }).optional(),
  reply_to: z
    .looseObject({
      mid: Mid.optional(),
      /** Instagram: a reply to one of the business's stories. */
      story: z.looseObject({ url: z.string().max(8_192).optional(), id: z.string().max(128).optional() }).optional(),
    })
    .optional(),
  attachments: z.array(WebhookAttachment).max(100).optional(),
  sticker_id: z.union([z.number(), z.string()]).optional(),
});
export type WebhookMessage = z.infer<typeof WebhookMessage>;

/** `delivery` (Messenger only): our messages up to `watermark` reached the person. */
const Delivery = z.looseObject({ watermark: Timestamp, mids: z.array(Mid).max(1_000).optional() });

/** `read`: Messenger gives a watermark (…/webhook-events/message-reads); Instagram's
 * messaging_seen names the message seen (`mid`). */
const Read = z.looseObject({ watermark: Timestamp.optional(), mid: Mid.optional() }).refine((r) => r.watermark !== undefined || r.mid !== undefined, {
  message: "a read receipt names a watermark or a message",
});

/** `reaction` (…/webhook-events/message-reactions). */
const Reaction = z.looseObject({
  mid: Mid,
  action: z.enum(["react", "unreact"]),
  emoji: z.string().max(64).optional(),
  reaction: z.string().max(64).optional(),
});

/** `postback`: a tapped postback button, Get Started, persistent menu item or ice
 * breaker (…/webhook-events/messaging_postbacks). */
const Postback = z.looseObject({
  mid: Mid.optional(),
  title: z.string().max(10_000).optional(),
  payload: z.string().max(10_000).optional(),
});

/** `message_edit` (Messenger: …/webhook-events/message-edits). */
const MessageEdit = z.looseObject({
  mid: Mid,
  text: z.string().max(100_000),
  num_edit: z.union([z.number(), z.string()]).optional(),
});

/** The kinds of messaging item we turn into inbound items. */
export const HANDLED_KINDS = ["message", "delivery", "read", "reaction", "postback", "message_edit"] as const;

export const MessagingItem = z
  .looseObject({
    sender: Party.optional(),
    recipient: Party.optional(),
    timestamp: Timestamp.optional(),
    message: WebhookMessage.optional(),
    delivery: Delivery.optional(),
    read: Read.optional(),
    reaction: Reaction.optional(),
    postback: Postback.optional(),
    message_edit: MessageEdit.optional(),
  })
  .superRefine((item, ctx) => {
    if (!HANDLED_KINDS.some((kind) => item[kind] !== undefined)) return;
    // What we handle must say who and when, or we cannot file it.
    if (item.timestamp === undefined) ctx.addIssue({ code: "custom", path: ["timestamp"], message: "missing" });
    if (item.sender?.id === undefined && item.sender?.user_ref === undefined) ctx.addIssue({ code: "custom", path: ["sender", "id"], message: "missing" });
    if (item.recipient?.id === undefined && item.recipient?.user_ref === undefined) ctx.addIssue({ code: "custom", path: ["recipient", "id"], message: "missing" });
  });
export type MessagingItem = z.infer<typeof MessagingItem>;

const Entry = z.looseObject({
  /** The page id (Messenger) or Instagram professional account id (Instagram). */
  id: Id,
  time: Timestamp.optional(),
  // Items for another app in control of the thread come as `standby[]` and changes to
  // the page as `changes[]`: neither is read, so neither is described.
  messaging: z.array(MessagingItem).max(1_000).optional(),
});

export const WebhookBody = z.looseObject({
  object: z.string().min(1).max(64),
  entry: z.array(Entry).max(1_000),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

/** The raw body as JSON, then as a WebhookBody: bad JSON is an issue like any other. */
export const WebhookJson = jsonText(WebhookBody);
