/**
 * @module The Cloud API webhook body, as zod: what we read of it, checked before any of
 * it is used (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages).
 *
 * Strict where we depend on a field (ids, timestamps, the object of each message type we
 * handle), lenient elsewhere: unknown keys are dropped and unknown message types and
 * change fields pass, so Meta's additions are acknowledged, not refused (a refused
 * delivery is retried by Meta for days). Customer text is normalized like all user text.
 *
 * Senders may come without a phone number: since 2026 WhatsApp users can adopt a username
 * and then only a business-scoped user id (`from_user_id`, `contacts[].user_id`) names
 * them (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
 */
import { z } from "zod";
import { jsonText } from "../json-text";
import { UserName, UserText } from "../../protocol";

/** Meta's ids (wamid.…, media ids, phone and user ids): bounded, never empty. */
const Id = z.string().min(1).max(512);

/** Unix seconds, as a string in every documented payload; a number is tolerated. Epoch ms. */
const Timestamp = z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]).transform((v) => Number(v) * 1000);

/** An error object as webhooks carry them (messages[].errors, statuses[].errors). */
export const WebhookError = z.object({
  code: z.number().int(),
  title: z.string().max(1_000).optional(),
  message: z.string().max(1_000).optional(),
  error_data: z.object({ details: z.string().max(2_000).optional() }).optional(),
});
export type WebhookError = z.infer<typeof WebhookError>;

const Media = z.object({
  id: Id,
  mime_type: z.string().max(255).optional(),
  caption: UserText.optional(),
  filename: UserName.max(1_000).optional(),
});

const Location = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: UserName.optional(),
  address: UserName.optional(),
});

const SharedContact = z.object({
  name: z.object({ formatted_name: UserName.optional(), first_name: UserName.optional(), last_name: UserName.optional() }).optional(),
  phones: z.array(z.object({ phone: z.string().max(64).optional(), wa_id: z.string().max(64).optional() })).optional(),
  emails: z.array(z.object({ email: z.string().max(320).optional() })).optional(),
});

const Reply = z.object({ id: z.string().max(1_000), title: UserName });

const Interactive = z.object({
  type: z.string(),
  button_reply: Reply.optional(),
  list_reply: Reply.optional(),
});

/** The parts of a message that carry its content, one per type (the key is the type). */
const MessageParts = {
  text: z.object({ body: UserText }).optional(),
  image: Media.optional(),
  video: Media.optional(),
  audio: Media.extend({ voice: z.boolean().optional() }).optional(),
  document: Media.optional(),
  sticker: Media.extend({ animated: z.boolean().optional() }).optional(),
  location: Location.optional(),
  contacts: z.array(SharedContact).optional(),
  interactive: Interactive.optional(),
  /** A template's quick-reply button. */
  button: z.object({ payload: z.string().max(1_000).optional(), text: UserName }).optional(),
  reaction: z.object({ message_id: Id, emoji: z.string().max(64).optional() }).optional(),
  /** Edits and revokes reach businesses on the WhatsApp Business app too ("coexistence"):
   * …/webhooks/reference/messages/edit and …/messages/revoke. */
  edit: z.object({ original_message_id: Id, message: z.object({ type: z.string().optional(), text: z.object({ body: UserText }).optional(), image: Media.optional(), video: Media.optional(), document: Media.optional() }) }).optional(),
  revoke: z.object({ original_message_id: Id }).optional(),
};

/** Types whose part must be there: a message claiming one without it is malformed. */
const TYPES_WITH_PART = new Set(["text", "image", "video", "audio", "document", "sticker", "location", "contacts", "interactive", "button", "reaction", "edit", "revoke"]);

function requirePart(message: { type: string } & { [K in keyof typeof MessageParts]?: unknown }, ctx: z.RefinementCtx) {
  if (TYPES_WITH_PART.has(message.type) && message[message.type as keyof typeof MessageParts] === undefined) {
    ctx.addIssue({ code: "custom", path: [message.type], message: `a "${message.type}" message needs its "${message.type}" object` });
  }
}

export const WebhookMessage = z
  .object({
    id: Id,
    timestamp: Timestamp,
    type: z.string().min(1).max(64),
    /** The sender's phone number (wa_id); absent for a user known only by their user id. */
    from: Id.optional(),
    from_user_id: Id.optional(),
    context: z.object({ id: Id.optional(), from: z.string().optional() }).optional(),
    errors: z.array(WebhookError).optional(),
    ...MessageParts,
  })
  .superRefine((message, ctx) => {
    requirePart(message, ctx);
    if (message.from === undefined && message.from_user_id === undefined) ctx.addIssue({ code: "custom", path: ["from"], message: "a message needs from or from_user_id" });
  });
export type WebhookMessage = z.infer<typeof WebhookMessage>;

/** A message the business sent from the WhatsApp Business app (coexistence):
 * …/webhooks/reference/smb_message_echoes. Same parts as a customer's message. */
export const WebhookEcho = z
  .object({
    id: Id,
    timestamp: Timestamp,
    type: z.string().min(1).max(64),
    to: Id.optional(),
    to_user_id: Id.optional(),
    ...MessageParts,
  })
  .superRefine((echo, ctx) => {
    requirePart(echo, ctx);
    if (echo.to === undefined && echo.to_user_id === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "an echo needs to or to_user_id" });
  });
export type WebhookEcho = z.infer<typeof WebhookEcho>;

export const WebhookStatus = z
  .object({
    id: Id,
    status: z.string().min(1).max(32),
    timestamp: Timestamp,
    recipient_id: Id.optional(),
    recipient_user_id: Id.optional(),
    /** What we sent as biz_opaque_callback_data: our message id. */
    biz_opaque_callback_data: z.string().max(512).optional(),
    errors: z.array(WebhookError).optional(),
  })
  .refine((s) => s.recipient_id !== undefined || s.recipient_user_id !== undefined, { message: "a status needs recipient_id or recipient_user_id" });
export type WebhookStatus = z.infer<typeof WebhookStatus>;

export const WebhookContact = z.object({
  wa_id: Id.optional(),
  user_id: Id.optional(),
  profile: z.object({ name: UserName.optional(), username: z.string().max(128).optional() }).optional(),
});
export type WebhookContact = z.infer<typeof WebhookContact>;

const ChangeValue = z.object({
  metadata: z.object({ phone_number_id: Id, display_phone_number: z.string().max(64).optional() }).optional(),
  contacts: z.array(WebhookContact).optional(),
  messages: z.array(WebhookMessage).optional(),
  statuses: z.array(WebhookStatus).optional(),
  message_echoes: z.array(WebhookEcho).optional(),
});

export type ChangeValue = z.infer<typeof ChangeValue>;

/** The change fields we read: a customer's messages and statuses, and the business's own
 * app messages. Other fields (template reviews, account updates…) are well-formed
 * whatever they hold, and ignored; only the ones we read are checked deeply. */
const READ_FIELDS: Record<string, typeof ChangeValue> = { messages: ChangeValue, smb_message_echoes: ChangeValue };

const Change = z.object({ field: z.string().min(1).max(128), value: z.unknown() }).transform((change, ctx) => {
  const schema = READ_FIELDS[change.field];
  if (!schema) return { field: change.field, value: null };
  const parsed = schema.safeParse(change.value);
  if (parsed.success) return { field: change.field, value: parsed.data };
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["value", ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});

export const WebhookBody = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.object({ id: Id, changes: z.array(Change) })),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

/** The raw body: JSON first, then the shape. */
export const WebhookJson = jsonText(WebhookBody);
