/**
 * @module The local channel simulator's wire shapes (worker/simulator/): what its page
 * and its JSON endpoints exchange. Development-only, so not re-exported from the
 * product's protocol index; they live here so they are stated once, next to the shapes
 * of the product they stand in for.
 */
import { z } from "zod";

/** The channel kinds the simulator can stand in for ("sms": Twilio, for SMS, MMS and
 * WhatsApp through Twilio; "email": a mail server handing mail to the email() handler). */
export const SimulatedKind = z.enum(["whatsapp", "messenger", "instagram", "telegram", "sms", "email"]);
export type SimulatedKind = z.infer<typeof SimulatedKind>;

/** A channel inbox as the simulator page lists it. `problem`: why it cannot be used
 * (its credentials do not open under this CREDENTIALS_KEY, its settings do not parse). */
export const SimulatorInbox = z.object({
  id: z.string(),
  kind: SimulatedKind,
  name: z.string(),
  /** The provider-side id the worker sends from: phone number id, page id, the bot's
   * id (Telegram), the sending number / messaging service (Twilio) or the first address
   * (e-mail). */
  accountId: z.string().nullable(),
  /** Twilio inboxes: SMS/MMS, or WhatsApp through Twilio (what the phone offers differs). */
  medium: z.enum(["sms", "whatsapp"]).nullable().default(null),
  problem: z.string().nullable(),
});
export type SimulatorInbox = z.infer<typeof SimulatorInbox>;

export const SimulatorInboxList = z.object({ inboxes: z.array(SimulatorInbox), consoleUrl: z.string() });
export type SimulatorInboxList = z.infer<typeof SimulatorInboxList>;

/** The customer the developer plays: a WhatsApp number (wa_id: digits, no "+") or a
 * business-scoped user id, a Messenger PSID, an Instagram IGSID, a Telegram user id (=
 * the private chat's id), a phone number's digits (Twilio; the "+" is added on the wire),
 * an e-mail address (checked as one by the e-mail customer; 254: RFC 5321's path limit). */
export const SimulatorCustomerId = z.string().regex(/^[A-Za-z0-9._+@-]{3,254}$/, "digits, letters, '.', '_', '+', '@' or '-' (3 to 254)");
export const SimulatorCustomer = z.object({
  id: SimulatorCustomerId,
  /** WhatsApp's profile name; Messenger and Instagram webhooks carry no name. */
  name: z.string().trim().max(100).default(""),
});

/** What the customer writes. The simulator turns it into the provider's webhook. */
export const SimulatorCustomerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().trim().min(1).max(4_096) }),
  /** A sample picture the simulator hosts, with an optional caption. */
  z.object({ type: z.literal("image"), caption: z.string().trim().max(1_024).default("") }),
  z.object({
    type: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().trim().max(200).default(""),
    address: z.string().trim().max(500).default(""),
  }),
  /** A tapped button (WhatsApp interactive reply) or quick reply (Messenger, Instagram). */
  z.object({ type: z.literal("choice"), id: z.string().trim().min(1).max(256), title: z.string().trim().min(1).max(20) }),
  /** A shared contact card (Telegram). */
  z.object({
    type: z.literal("contact"),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{3,32}$/, "a phone number"),
    firstName: z.string().trim().min(1).max(64),
    lastName: z.string().trim().max(64).default(""),
  }),
]);
export type SimulatorCustomerMessage = z.infer<typeof SimulatorCustomerMessage>;

export const SimulatorSendBody = z.object({
  inboxId: z.string().min(1).max(64),
  customer: SimulatorCustomer,
  message: SimulatorCustomerMessage,
  /** The provider id of the agent reply the customer quotes (swipe to reply; for e-mail,
   * the Message-ID the reply's In-Reply-To names). */
  replyTo: z.string().min(1).max(256).nullable().default(null),
  /** E-mail only: the Subject ("" on a reply: "Re: " and the replied mail's subject).
   * 998: RFC 5322's line limit (https://www.rfc-editor.org/rfc/rfc5322#section-2.1.1). */
  subject: z.string().trim().max(998).default(""),
});
export type SimulatorSendBody = z.infer<typeof SimulatorSendBody>;

/** Receipts the customer's phone sends back for an agent reply. Instagram has no
 * delivery receipts (only `messaging_seen`), and only WhatsApp reports `failed`. */
export const SimulatorReceiptStatus = z.enum(["delivered", "read", "failed"]);
export type SimulatorReceiptStatus = z.infer<typeof SimulatorReceiptStatus>;

export const SimulatorReceiptBody = z.object({
  inboxId: z.string().min(1).max(64),
  customerId: SimulatorCustomerId,
  itemId: z.string().min(1).max(64),
  status: SimulatorReceiptStatus,
});
export type SimulatorReceiptBody = z.infer<typeof SimulatorReceiptBody>;

/** The customer edits one of their messages (Telegram's `edited_message`). */
export const SimulatorEditBody = z.object({
  inboxId: z.string().min(1).max(64),
  customerId: SimulatorCustomerId,
  itemId: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(4_096),
});
export type SimulatorEditBody = z.infer<typeof SimulatorEditBody>;

/** The customer blocks or unblocks the bot (Telegram's `my_chat_member`). */
export const SimulatorBlockBody = z.object({
  inboxId: z.string().min(1).max(64),
  customerId: SimulatorCustomerId,
  /** The name Telegram shows in the update's `from` and `chat`. */
  name: z.string().trim().max(100).default(""),
  blocked: z.boolean(),
});
export type SimulatorBlockBody = z.infer<typeof SimulatorBlockBody>;

/** How the worker answered a webhook the simulator delivered. */
export const SimulatorWebhookResult = z.object({ status: z.number().int(), body: z.string() });
export type SimulatorWebhookResult = z.infer<typeof SimulatorWebhookResult>;

/** One bubble on the simulated phone: the customer's message (`in`) or an agent reply the
 * worker sent to the stand-in Graph API (`out`). */
export const SimulatorThreadItem = z.object({
  id: z.string(),
  direction: z.enum(["in", "out"]),
  at: z.number().int(),
  providerMessageId: z.string(),
  /** What the bubble says: text, caption, or a readable summary (template, location…). */
  text: z.string(),
  /** A file the bubble shows, served by the simulator. */
  media: z.object({ url: z.string(), contentType: z.string(), name: z.string().nullable() }).nullable(),
  /** The provider id of the message this one quotes. */
  replyTo: z.string().nullable(),
  /** `out`: the last receipt the customer sent back (null: none yet, the message is "sent"). */
  receipt: SimulatorReceiptStatus.nullable(),
  /** The worker's answer to the last webhook about this item (the message, or a receipt). */
  webhook: SimulatorWebhookResult.nullable(),
  /** The JSON on the wire: for `out`, the body the worker sent to the stand-in API, as
   * sent (no token: that travels in a header or the query); for `in`, the webhook body the
   * simulator delivered. */
  request: z.string().nullable(),
  /** `out`: what the receipts need besides the provider id (WhatsApp's
   * biz_opaque_callback_data echo; the StatusCallback URL a Twilio send named), or what
   * a reply needs (an agent mail's References header). */
  callbackData: z.string().nullable(),
  /** `in`: the customer edited it (Telegram); `text` is the latest version. */
  edited: z.boolean().default(false),
  /** Not a message but a change on the customer's side: blocked or unblocked the bot. */
  event: z.enum(["blocked", "unblocked"]).nullable().default(null),
  /** E-mail: the Subject, and the names of the files attached (absent on other kinds). */
  subject: z.string().optional(),
  attachments: z.array(z.string()).optional(),
});
export type SimulatorThreadItem = z.infer<typeof SimulatorThreadItem>;

/** How the stand-in API answers the worker's sends for an inbox, until changed: as Meta
 * does when healthy, down (500), throttling (429 with Retry-After) or refusing for good
 * (400) — to watch the delivery queue retry, wait and mark failures in the console. */
export const SimulatorProviderMode = z.enum(["healthy", "down", "throttling", "refusing"]);
export type SimulatorProviderMode = z.infer<typeof SimulatorProviderMode>;

export const SimulatorProviderModeBody = z.object({ inboxId: z.string().min(1).max(64), mode: SimulatorProviderMode });

export const SimulatorThread = z.object({ items: z.array(SimulatorThreadItem), providerMode: SimulatorProviderMode });
export type SimulatorThread = z.infer<typeof SimulatorThread>;

export const SimulatorItemAnswer = z.object({ item: SimulatorThreadItem });
export type SimulatorItemAnswer = z.infer<typeof SimulatorItemAnswer>;

export const SimulatorSampleInboxes = z.object({ created: z.array(SimulatorInbox), existing: z.array(SimulatorInbox), consoleUrl: z.string() });
export type SimulatorSampleInboxes = z.infer<typeof SimulatorSampleInboxes>;
