/**
 * @module What a message carries beyond text and files: the structured parts channels
 * send (a location, shared contacts, a button or list choice, a template, an Instagram
 * story reply or mention, a sticker, something the provider could not deliver to us).
 * The message's `body` still holds a readable text for previews and search; `content`
 * lets the console draw the real thing.
 */
import { z } from "zod";

const Short = z.string().max(1_000);

export const LocationContent = z.object({
  type: z.literal("location"),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: Short.nullable(),
  address: Short.nullable(),
});

export const SharedContact = z.object({
  name: Short,
  phones: z.array(z.string().max(64)).max(20),
  emails: z.array(z.string().max(320)).max(20),
});
export const ContactsContent = z.object({ type: z.literal("contacts"), contacts: z.array(SharedContact).max(20) });

/** The customer tapped a button, a list row, a quick reply or a postback. `id` is the
 * payload the business defined; `title` what the customer saw. */
export const ChoiceContent = z.object({ type: z.literal("choice"), id: Short, title: Short });

/** The options a bot offers (worker/bots/menu): channels with buttons draw them as
 * buttons or list rows with `prompt` above (the customer's tap comes back as a
 * ChoiceContent with the option's `id`); the others send the message's body, which
 * holds the same options as numbered text. */
export const OptionsContent = z.object({
  type: z.literal("options"),
  prompt: Short,
  options: z.array(z.object({ id: z.string().max(16), title: Short })).min(1).max(10),
});
export type OptionsContent = z.infer<typeof OptionsContent>;

/** An approved template the business sent (WhatsApp outside the 24-hour window). */
export const TemplateContent = z.object({
  type: z.literal("template"),
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  parameters: z.array(z.string().max(1_024)).max(20),
  /** The template's quick-reply button at `index` (0-based, in the template's order) asks
   * for consent to the purpose with key `purposeKey`: it is sent with the payload
   * `sb-consent:<key>` (worker/consent/template-button.ts), so the customer's tap comes
   * back as a grant in the ledger. A template has at most 10 quick-reply buttons
   * (https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/components#quick-reply-buttons). */
  optInButton: z.strictObject({ index: z.number().int().min(0).max(9), purposeKey: z.string().regex(/^[a-z0-9-]{1,40}$/, "a purpose key such as marketing") }).optional(),
});
export type TemplateContent = z.infer<typeof TemplateContent>;

/** An Instagram story the customer replied to or mentioned the business in. */
export const StoryContent = z.object({ type: z.literal("story"), mode: z.enum(["reply", "mention"]), url: z.string().max(4_096).nullable() });

export const StickerContent = z.object({ type: z.literal("sticker") });

/** The provider told us a message arrived that it cannot pass on (WhatsApp's
 * `unsupported` type with its errors[]). */
export const UnsupportedContent = z.object({ type: z.literal("unsupported"), reason: Short });

/** A mailbox as a message names it. */
export const MailboxContent = z.object({ address: z.string().max(320), name: z.string().max(200).nullable() });
export type MailboxContent = z.infer<typeof MailboxContent>;

/** An e-mail, in and out. The message's `body` is the visible text (quoted history and
 * signatures trimmed); the rest is what the console shows around it and what threading
 * needs. The HTML part and the original message are files in R2, never rendered
 * unsanitized. */
export const EmailContent = z.object({
  type: z.literal("email"),
  /** RFC 5322 caps a line at 998 characters. */
  subject: z.string().max(998),
  from: MailboxContent,
  to: z.array(MailboxContent).max(100),
  cc: z.array(MailboxContent).max(100),
  /** The Message-ID header, without angle brackets (ours, for replies we send). */
  messageId: z.string().max(998).nullable(),
  /** The References header's ids, without angle brackets (inbound mail): a reply's
   * References is these plus the Message-ID. Absent on replies we send. */
  references: z.array(z.string().max(998)).max(100).optional(),
  /** The whole text before trimming, when trimming removed something. */
  fullText: z.string().max(100_000).nullable(),
  /** The HTML part, stored as a file (shown sanitized, in a sandboxed frame). */
  htmlFileId: z.string().max(64).nullable(),
  /** The original message (.eml), stored as a file. */
  rawFileId: z.string().max(64).nullable(),
  /** Marketing mail the company started (issue 16): the RFC 8058 one-click unsubscribe
   * URL the send puts in List-Unsubscribe (worker/unsubscribe). Email Service takes only
   * https there, and a header value of at most 2,048 bytes
   * (https://developers.cloudflare.com/email-service/reference/headers/). */
  listUnsubscribe: z.string().max(2_048).startsWith("https://").optional(),
});
export type EmailContent = z.infer<typeof EmailContent>;

export const MessageContent = z.discriminatedUnion("type", [
  LocationContent,
  ContactsContent,
  ChoiceContent,
  OptionsContent,
  TemplateContent,
  StoryContent,
  StickerContent,
  UnsupportedContent,
  EmailContent,
]);
export type MessageContent = z.infer<typeof MessageContent>;
