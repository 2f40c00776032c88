/**
 * @module Channel inboxes' shapes: per kind, the public settings (returned by the API)
 * and the credentials (write-only: accepted on create and update, stored encrypted,
 * never returned — the API shows only whether each is set and its last 4 characters).
 */
import { z } from "zod";

/** A secret as an admin pastes it: trimmed, non-empty, bounded. */
const Secret = z.string().trim().min(1).max(1_024);
/** Meta's numeric ids (phone number id, page id, app id, Instagram account id). */
const MetaId = z.string().regex(/^\d{1,32}$/, "a numeric id from Meta");

/** Settings every provider channel shares. */
const ChannelCommon = {
  /** A customer who writes again within this many hours after their conversation was
   * resolved reopens it; later, they start a new conversation (Chatwoot's "lock to
   * single conversation" off, with a grace period). */
  reopenWindowHours: z.number().int().min(0).max(24 * 90).default(24),
};

export const WhatsappSettings = z.strictObject({
  ...ChannelCommon,
  /** The Cloud API phone number id our messages go out from. */
  phoneNumberId: MetaId,
  /** The WhatsApp Business Account id (templates are listed under it). */
  businessAccountId: MetaId.nullable().default(null),
  /** The number as customers see it, for the console only. */
  displayPhone: z.string().max(32).nullable().default(null),
});
export type WhatsappSettings = z.infer<typeof WhatsappSettings>;

export const WhatsappCredentials = z.strictObject({
  /** Signs the webhooks (X-Hub-Signature-256). */
  appSecret: Secret,
  /** A system user's permanent token with whatsapp_business_messaging. */
  accessToken: Secret,
  /** What we ask Meta to echo in the subscription handshake. */
  verifyToken: Secret,
});
export type WhatsappCredentials = z.infer<typeof WhatsappCredentials>;

const MetaPageSettings = {
  ...ChannelCommon,
  pageId: MetaId,
  /** Our app's id: echoes carrying it are our own sends, already stored. */
  appId: MetaId,
  /** Keep an unsent message's text visible to agents (marked as unsent). Off: the text
   * and files are erased, as the customer asked. */
  keepUnsentText: z.boolean().default(false),
  /** The page has Meta's Human Agent feature: replies up to 7 days after the customer's
   * last message go out with the HUMAN_AGENT tag (otherwise the window is 24 hours). */
  humanAgentTag: z.boolean().default(false),
};

export const MessengerSettings = z.strictObject(MetaPageSettings);
export type MessengerSettings = z.infer<typeof MessengerSettings>;

export const InstagramSettings = z.strictObject({
  ...MetaPageSettings,
  /** The Instagram professional account id (the recipient in Instagram webhooks). */
  instagramAccountId: MetaId,
});
export type InstagramSettings = z.infer<typeof InstagramSettings>;

export const MetaPageCredentials = z.strictObject({
  appSecret: Secret,
  pageAccessToken: Secret,
  verifyToken: Secret,
});
export type MetaPageCredentials = z.infer<typeof MetaPageCredentials>;

/** An https origin (scheme, host, optional port; no path), or "" for none. */
const HttpsOrigin = z.union([
  z.literal(""),
  z
    .string()
    .max(255)
    .regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, "an https origin such as https://support.example.com (no path)"),
]);

/** Twilio (SMS, MMS, or WhatsApp through Twilio): the sender and where Twilio reaches us. */
export const SmsSettings = z
  .strictObject({
    ...ChannelCommon,
    /** "whatsapp": WhatsApp through Twilio (addresses carry the `whatsapp:` prefix). */
    medium: z.enum(["sms", "whatsapp"]).default("sms"),
    /** The sender, E.164 (https://www.twilio.com/docs/glossary/what-e164); "" when a
     * messaging service picks the sender. */
    from: z.union([z.literal(""), z.string().regex(/^\+[1-9]\d{1,14}$/, "an E.164 phone number such as +5511987654321")]).default(""),
    /** A Messaging Service (MG + 32 hex) sends instead of one number. */
    messagingServiceSid: z.union([z.literal(""), z.string().regex(/^MG[0-9a-f]{32}$/, "a Messaging Service SID (MG + 32 hex)")]).default(""),
    /** "" = the origin Twilio called (the request's); an override for custom domains and
     * proxies, used to check signatures and to build the StatusCallback and media URLs. */
    publicBaseUrl: HttpsOrigin.default(""),
    /** Set by the server, never typed: the origin the inbox was created or last saved
     * from, for the URLs Twilio is given while `publicBaseUrl` is "" (a room sending a
     * reply has no request to take an origin from). */
    callbackOrigin: z.union([z.literal(""), z.string().max(255).regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i)]).default(""),
  })
  .refine((s) => s.from !== "" || s.messagingServiceSid !== "", { message: "a sender number (from) or a messagingServiceSid is required", path: ["from"] });
export type SmsSettings = z.infer<typeof SmsSettings>;

export const TwilioCredentials = z.strictObject({
  /** The account (AC + 32 hex); the username of Twilio's basic auth. */
  accountSid: z.string().trim().regex(/^AC[0-9a-f]{32}$/, "an Account SID (AC + 32 hex)"),
  /** Signs the webhooks (X-Twilio-Signature) and authenticates our calls. */
  authToken: Secret,
});
export type TwilioCredentials = z.infer<typeof TwilioCredentials>;
/** Telegram (Bot API). The reopen window may reach a year: a Telegram chat has no
 * provider-side service window, so a business may keep one thread per customer longer. */
export const TelegramSettings = z.strictObject({
  reopenWindowHours: z.number().int().min(0).max(24 * 365).default(24),
});
export type TelegramSettings = z.infer<typeof TelegramSettings>;

/** Telegram's webhook `secret_token`: 1-256 characters of A-Z, a-z, 0-9, _ and -
 * (https://core.telegram.org/bots/api#setwebhook). */
export const TelegramWebhookSecret = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters of A-Z, a-z, 0-9, _ and -");

export const TelegramCredentials = z.strictObject({
  /** From @BotFather ("123456789:AA…"); it goes in every Bot API URL, never in a log. */
  botToken: z.string().trim().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,200}$/, "a bot token from @BotFather (digits, a colon, then letters)"),
  /** Made up by the server when the inbox is created (never typed): Telegram sends it
   * back in X-Telegram-Bot-Api-Secret-Token on every delivery. */
  webhookSecret: TelegramWebhookSecret,
});
export type TelegramCredentials = z.infer<typeof TelegramCredentials>;

/** What the API says about a stored credential: whether it is set, and its last 4. */
export const CredentialHint = z.object({ set: z.boolean(), last4: z.string().max(4).nullable() });
export type CredentialHint = z.infer<typeof CredentialHint>;

/** `POST /api/v1/inboxes/{id}/test-connection`: the provider's answer to a call made
 * with the saved credentials. */
export const ConnectionTest = z.object({
  ok: z.boolean(),
  /** The provider's HTTP status; 0 when it could not be reached. */
  status: z.number().int(),
  /** Short, secret-free: the account's name, or the provider's error. */
  detail: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

/** An approved message template (WhatsApp), as the composer offers it. */
export const ChannelTemplate = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  /** The body text with {{1}}, {{2}}… where the parameters go. */
  body: z.string(),
  parameterCount: z.number().int().nonnegative(),
});
export type ChannelTemplate = z.infer<typeof ChannelTemplate>;
export const ChannelTemplateList = z.object({ templates: z.array(ChannelTemplate) });

/** An e-mail address as an inbox owns it: lower-cased, RFC 5321's 254-character path
 * limit (https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.1.3). */
export const MailAddress = z.string().trim().toLowerCase().max(254).email("an e-mail address such as suporte@example.com.br");
/** A domain name: lower-cased, at most 253 characters (RFC 1035 §2.3.4 with the dots). */
export const MailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a domain such as example.com.br");

/** E-mail (Cloudflare Email Routing in, Email Service out). No credentials: Cloudflare
 * hands the Worker its mail and sends through the `send_email` binding. */
export const EmailSettings = z.strictObject({
  ...ChannelCommon,
  /** The addresses this inbox owns (suporte@, financeiro@…): mail to them lands here. */
  addresses: z.array(MailAddress).min(1).max(50),
  /** Also take mail to any other address at this domain ("" = none). */
  catchAllDomain: z.union([z.literal(""), MailDomain]).default(""),
  /** The name replies go out under when the agent's is not used ("" = the inbox's name). */
  displayName: z.string().trim().max(100).default(""),
  /** Appended to every reply, as plain text. */
  signature: z.string().max(2_000).default(""),
  /** Mailing-list mail (List-Id with List-Unsubscribe) is treated as automatic: stored
   * only into an existing conversation, never opening or reopening one. */
  listMailIsAutomatic: z.boolean().default(true),
  /** Routing by recipient address: mail to one of these goes to that team (else the
   * inbox's team). */
  addressTeams: z.record(MailAddress, z.string().min(1).max(64)).default({}),
});
export type EmailSettings = z.infer<typeof EmailSettings>;

