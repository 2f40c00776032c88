/**
 * @module The channel seam: what every channel adapter implements, and the normalized
 * shapes that cross it. A provider webhook goes verify (raw bytes) → parse (normalized
 * inbound items) → find-or-create (contact, identity, conversation: ./threads.ts, one
 * path for every kind) → the ConversationRoom's `ingest`. An agent's reply goes the other
 * way: stored by the room, then its delivery queue calls the adapter's `send`.
 *
 * One adapter per provider (Chatwoot's one-service-per-provider, typed), looked up by
 * channel kind in ./registry.ts. Adapters are pure over their inputs: configuration,
 * secrets and the provider's base URL come in through `ChannelConfig`/`ProviderContext`,
 * and every provider call goes through `ctx.fetch`, so tests and the local simulator
 * stand in for the provider at the fetch boundary.
 */
import type { Attachment, ChannelKind, ChannelTemplate, DeliveryStatus, EmailContent, MessageContent, OptionsContent, ReachabilityReason, TemplateContent } from "../protocol";
import type {
  ApiChannelCredentials,
  ApiChannelSettings,
  InstagramSettings,
  MessengerSettings,
  MetaPageCredentials,
  SmsSettings,
  TwilioCredentials,
  TelegramCredentials,
  TelegramSettings,
  EmailSettings,
  WebchatSettings,
  WhatsappCredentials,
  WhatsappSettings,
} from "../protocol";
import type { z } from "zod";

// --- configuration -----------------------------------------------------------------

/** Each kind's public settings and decrypted credentials. A kind joins the seam by
 * adding its row here and its adapter to the registry. */
export interface ChannelShapes {
  webchat: { settings: WebchatSettings; credentials: Record<string, never> };
  whatsapp: { settings: WhatsappSettings; credentials: WhatsappCredentials };
  messenger: { settings: MessengerSettings; credentials: MetaPageCredentials };
  instagram: { settings: InstagramSettings; credentials: MetaPageCredentials };
  sms: { settings: SmsSettings; credentials: TwilioCredentials };
  telegram: { settings: TelegramSettings; credentials: TelegramCredentials };
  email: { settings: EmailSettings; credentials: Record<string, never> };
  api: { settings: ApiChannelSettings; credentials: ApiChannelCredentials };
}
export type ShapedKind = keyof ChannelShapes & ChannelKind;

/** One inbox as an adapter sees it: its settings and its credentials, decrypted. */
export interface ChannelConfig<K extends ShapedKind = ShapedKind> {
  inboxId: string;
  kind: K;
  settings: ChannelShapes[K]["settings"];
  credentials: ChannelShapes[K]["credentials"];
}

/** What a provider call needs beyond the inbox: where the provider is (configuration,
 * so tests and the simulator can stand in), the files bucket, and the fetch to use. */
export interface ProviderContext<K extends ShapedKind = ShapedKind> {
  config: ChannelConfig<K>;
  /** The provider API's base URL, without a trailing slash (e.g. Graph API's, versioned);
   * "" for a provider reached through a binding (e-mail). */
  baseUrl: string;
  files: R2Bucket;
  fetch: typeof fetch;
  /** A signed link to one of our files (path and query, at our own origin) that works
   * without a session for `ttlMs`: for providers that fetch an outbound file by URL
   * (Twilio's MediaUrl). Absent where no link can be minted. */
  fileLink?: (fileId: string, ttlMs: number) => Promise<string>;
  /** Cloudflare Email Service's `send_email` binding (or the local/test stand-in for it):
   * e-mail's provider is a binding, not an HTTP API. Absent: not configured. */
  mail?: SendEmail;
}

// --- inbound -----------------------------------------------------------------------

/** Who the provider says the customer is. `externalId` is the channel's stable id for
 * them (WhatsApp wa_id or business-scoped user id, a page-scoped id…); the rest is
 * whatever the provider tells about them, used to fill a new contact. */
export interface ContactRef {
  externalId: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

export type MediaKind = "image" | "video" | "audio" | "document" | "sticker" | "file";

/** A file the provider hosts: an id to resolve (WhatsApp) or a URL that expires (Meta). */
export interface RemoteMedia {
  kind: MediaKind;
  /** Provider media id or URL, as the adapter's `fetchMedia` understands it. */
  ref: string;
  contentType?: string | null;
  name?: string | null;
  size?: number | null;
  /** The file's bytes, when the channel delivered them with the message (an e-mail's
   * attachments): stored as they are, no adapter is asked (`ref` is only a label). */
  inline?: { body: ArrayBuffer; contentType: string; name: string | null };
}

interface InboundBase {
  contact: ContactRef;
  /** The provider's time for the item, epoch ms. */
  providerAt: number;
}

/** A message. `from: "business"` is an echo of a message the company sent from outside
 * Switchboard (its own phone, the page inbox): stored as an agent message. An echo of our
 * own send (`ourMessageId` set, or a provider id we already stored) is dropped. */
export interface InboundMessage extends InboundBase {
  type: "message";
  from: "contact" | "business";
  providerMessageId: string;
  body: string;
  media: RemoteMedia[];
  content?: MessageContent;
  /** The provider id of the message this one quotes. */
  replyTo?: string | null;
  /** Our own message id, when the provider echoes the metadata we sent with it. */
  ourMessageId?: string | null;
  /** Automatic mail (an auto-reply, a bounce): stored without reopening or waking the
   * conversation (../conversation/status-machine.ts). */
  automatic?: boolean;
}

export interface InboundEdit extends InboundBase {
  type: "edit";
  providerMessageId: string;
  body: string;
}

export interface InboundUnsend extends InboundBase {
  type: "unsend";
  providerMessageId: string;
}

export interface InboundReaction extends InboundBase {
  type: "reaction";
  /** The message reacted to. */
  providerMessageId: string;
  /** null: the reaction was taken away. */
  emoji: string | null;
}

/** A receipt for one of our messages. */
export interface InboundStatus extends InboundBase {
  type: "status";
  providerMessageId: string;
  status: Exclude<DeliveryStatus, "pending">;
  /** The provider's reason, for `failed`. */
  error?: string | null;
  /** Our message id, when the provider echoes the metadata we sent (WhatsApp's
   * biz_opaque_callback_data): maps a receipt to a send whose answer was lost. */
  ourMessageId?: string | null;
}

/** Messenger and Instagram receipts: every message of ours up to `providerAt` is
 * delivered (or read). */
export interface InboundWatermark extends InboundBase {
  type: "watermark";
  status: "delivered" | "read";
}

/** The customer blocked or unblocked the bot (Telegram's `my_chat_member`), or opted out
 * or back in by keyword (SMS STOP / START). */
export interface InboundReachability extends InboundBase {
  type: "reachability";
  reachable: boolean;
  reason: ReachabilityReason;
  /** Set by the webhook's ingest, never by an adapter: the contact's opt-out of this inbox
   * from an earlier conversation (D1), applied only to a conversation that has stored
   * nothing yet (see ../conversation/ingest.ts applyReachability). */
  standing?: true;
}

export type InboundItem = InboundMessage | InboundEdit | InboundUnsend | InboundReaction | InboundStatus | InboundWatermark | InboundReachability;

/** What `parse` made of a verified body. `items` empty: a well-formed event we do not
 * handle, acknowledged so the provider does not retry it forever. */
export type ParseResult = { ok: true; items: InboundItem[] } | { ok: false; issues: z.core.$ZodIssue[] };

/** An inbound item as the room stores it: the contact is the conversation's, and the
 * files are already in R2. */
export type RoomInboundItem =
  | (Omit<InboundMessage, "contact" | "media"> & { attachments: Attachment[]; senderName: string | null })
  | Omit<InboundEdit, "contact">
  | Omit<InboundUnsend, "contact">
  | Omit<InboundReaction, "contact">
  | Omit<InboundStatus, "contact">
  | Omit<InboundWatermark, "contact">
  | Omit<InboundReachability, "contact">;

/** A provider's file, fetched: the bytes with what the provider says they are. */
export type FetchedMedia =
  | { ok: true; body: ReadableStream<Uint8Array> | ArrayBuffer; contentType: string; size: number | null; name: string | null }
  /** `retry`: the provider is down or throttling (answer 5xx, it redelivers); otherwise
   * the file can never be had (too large, gone) and the message is stored without it. */
  | { ok: false; retry: boolean; reason: string };

// --- outbound ----------------------------------------------------------------------

/** An agent's stored message, as the delivery queue hands it to `send`. */
export interface OutboundMessage {
  /** Our event id: the idempotency key the provider gets where it takes one, and the
   * metadata it echoes back in receipts and echoes. */
  messageId: string;
  conversationId: string;
  seq: number;
  /** The customer's id on the channel (ContactRef.externalId). */
  recipient: string;
  body: string;
  /** Files in R2 (bucket `ctx.files`, key = attachment id). */
  attachments: Attachment[];
  /** The provider id of the message this one quotes. */
  replyTo: string | null;
  /** Set for an approved template (WhatsApp outside the service window). */
  template: TemplateContent | null;
  /** A bot's options (worker/bots/menu), for channels that draw buttons; the body holds
   * them as numbered text for the others. Absent: none. */
  options?: OptionsContent | null;
  /** A message tag the send must carry (Messenger's HUMAN_AGENT past 24 hours). */
  tag: string | null;
  /** E-mail only: the reply's envelope as the agent wrote it, and the thread it answers. */
  email?: OutboundEmail;
}

/** What an e-mail reply needs beyond the text: its stored EmailContent (from, to, Cc,
 * subject), and the ids that thread it in the customer's mail client. */
export interface OutboundEmail {
  content: EmailContent;
  /** The customer's latest Message-ID (without angle brackets), or null. */
  inReplyTo: string | null;
  /** The thread's Message-IDs, oldest first, without angle brackets (the customer's
   * References and every mail of the conversation, ours included). */
  references: string[];
}

/** How a send ended. `retry`: try again later (429, 5xx, network), after `retryAfterMs`
 * when the provider said (Retry-After). `failed`: the provider refused it for good. */
export type SendResult =
  | { outcome: "sent"; providerMessageId: string }
  | { outcome: "retry"; reason: string; retryAfterMs: number | null }
  | { outcome: "failed"; reason: string };

export interface ConnectionCheck {
  ok: boolean;
  /** The provider's HTTP status (0: unreachable). */
  status: number;
  /** What the provider answered, short and free of secrets: the account name, or its error. */
  detail: string;
  /** From `connect`: settings the connection learned, saved with the inbox (Twilio: the
   * origin its callbacks reach us at, which a room sending later cannot know). */
  settings?: Record<string, unknown>;
}

/** The customer-service window of a channel: how long after the customer's last message
 * the business may write freely. */
export interface ServiceWindow {
  /** Free-form replies are allowed this long after the customer's last message. */
  replyMs: number;
  /** Beyond `replyMs`, up to this, a reply may still go out carrying `extendedTag`. */
  extendedMs?: number;
  extendedTag?: string;
  /** Templates may go out at any time (WhatsApp). */
  templates: boolean;
}

// --- adapters ----------------------------------------------------------------------

/** How a kind reuses conversations when a known customer writes again. */
export type ReuseRule =
  /** One thread per visitor, forever (web chat). */
  | { mode: "single" }
  /** The contact's latest conversation in the inbox, unless it was resolved longer ago
   * than the inbox's `reopenWindowHours`; then a new one. */
  | { mode: "reopen-window" };

/** What every channel has, web chat included. */
export interface ChannelAdapter<K extends ShapedKind = ShapedKind> {
  readonly kind: K;
  readonly reuse: ReuseRule;
  /** Parses the kind's settings (API input and stored JSON). */
  readonly settings: z.ZodType<ChannelShapes[K]["settings"]>;
  /** Parses the kind's credentials (write-only API input). */
  readonly credentials: z.ZodType<ChannelShapes[K]["credentials"]>;
}

/** A channel we send on through a provider: a send API out. Everything the delivery
 * queue, the service window and the inbox routes need; e-mail is only this (its mail
 * comes in through the Worker's `email()` handler, not a webhook). */
export interface SendingAdapter<K extends ShapedKind = ShapedKind> extends ChannelAdapter<K> {
  /** The env var that may override the provider's base URL (tests, the simulator), and
   * the real one. Absent: the provider is a binding, not an HTTP API (e-mail). */
  readonly baseUrl?: { env: string; default: string };
  /** Credentials the server makes up when the inbox is created, never typed by an admin
   * (Telegram's webhook `secret_token`). Merged under what the admin entered. */
  generatedCredentials?(): Record<string, string>;
  /** Registers our webhook at the provider, called when the inbox is created and when
   * its credentials change (Telegram: getMe, then setWebhook with `webhookUrl` and the
   * secret). Not ok: the inbox is not saved, and the admin sees the provider's answer. */
  connect?(ctx: ProviderContext<K>, webhookUrl: string): Promise<ConnectionCheck>;
  /** Unregisters it when the inbox is deleted (Telegram: deleteWebhook); best effort. */
  disconnect?(ctx: ProviderContext<K>): Promise<ConnectionCheck>;
  send(message: OutboundMessage, ctx: ProviderContext<K>): Promise<SendResult>;
  /** Calls the provider with the saved credentials and reports its answer. */
  testConnection(ctx: ProviderContext<K>): Promise<ConnectionCheck>;
  /** Absent: no window (the business may always write). */
  serviceWindow?(settings: ChannelShapes[K]["settings"]): ServiceWindow;
  /** The approved templates the composer may offer (WhatsApp); absent: none. */
  listTemplates?(ctx: ProviderContext<K>): Promise<{ ok: true; templates: ChannelTemplate[] } | { ok: false; check: ConnectionCheck }>;
}

/** A channel a provider carries with webhooks in (and a send API out). */
export interface WebhookAdapter<K extends ShapedKind = ShapedKind> extends SendingAdapter<K> {
  readonly baseUrl: { env: string; default: string };
  /** Where the provider delivers: `/webhooks/{path}/{inbox}`, and for each of `hooks`
   * `/webhooks/{path}/{inbox}/{hook}` (Twilio's status callbacks). Kinds of one provider
   * app may share a path (Messenger and Instagram: "meta"); the inbox picks the adapter. */
  readonly webhook: { path: string; hooks?: readonly string[] };
  /** Answers the provider's subscription handshake (GET), if it has one. */
  handshake?(url: URL, config: ChannelConfig<K>): Response;
  /** Checks the provider's signature or secret on the raw bytes, in constant time. `url`
   * is the URL the request reached (hook included). */
  verify(raw: ArrayBuffer, headers: Headers, url: URL, config: ChannelConfig<K>): Promise<boolean>;
  /** Validates (zod) and normalizes a verified body, in the provider's order. `hook`: the
   * extra path segment it came on (null: the main webhook). The body is the raw text
   * (JSON, or form-encoded for Twilio). */
  parse(raw: string, config: ChannelConfig<K>, hook?: string | null): ParseResult;
  /** The answer the provider expects once the delivery is stored (Twilio: an empty TwiML
   * `<Response/>` as text/xml). Absent: `{"ok":true}`. */
  acknowledge?(hook: string | null): Response;
  fetchMedia(media: RemoteMedia, ctx: ProviderContext<K>): Promise<FetchedMedia>;
}

/** The webhook adapter, by its name before e-mail split the seam (the webhook route,
 * ingest and the webhook kinds' adapters still use it). */
export type ProviderAdapter<K extends ShapedKind = ShapedKind> = WebhookAdapter<K>;

export function isSendingAdapter(a: ChannelAdapter): a is SendingAdapter {
  return "send" in a;
}

export function isWebhookAdapter(a: ChannelAdapter): a is WebhookAdapter {
  return "send" in a && "verify" in a && "webhook" in a;
}

