/**
 * @module Shapes of the web chat channel: inbox settings, what the widget loads, and the
 * visitor's own calls (session, identify, contact details, CSAT).
 */
import { z } from "zod";
import { MAX_ATTRIBUTE_VALUE_CHARS, MAX_CONTACT_ATTRIBUTES, MAX_CSAT_COMMENT_CHARS } from "./limits";
import { ConversationStatus } from "./events";
import { UserName, UserText } from "./text";
import { VisitorContextBody } from "./visitor-context";
import { ConsentChannel, MAX_CONSENT_TEXT_CHARS } from "./consent";

export const Locale = z.enum(["pt-BR", "en", "es"]);
export type Locale = z.infer<typeof Locale>;

/** The opt-in checkbox of the pre-chat form (issue 16): ticking it records a consent grant
 * for `purposeId` on `channel` with the exact sentence shown (worker/routes/widget/consent.ts).
 * `text` per language; the widget shows its language's, else pt-BR's, else the first
 * (./consent-text.ts). Unticked, nothing is recorded: no consent is the default. */
export const ConsentCheckbox = z.strictObject({
  purposeId: z.string().min(1).max(64),
  /** What the sentence promises: offers on WhatsApp, e-mail, or any channel. */
  channel: ConsentChannel.default("any"),
  text: z
    .strictObject({
      "pt-BR": UserText.trim().min(1).max(MAX_CONSENT_TEXT_CHARS).optional(),
      en: UserText.trim().min(1).max(MAX_CONSENT_TEXT_CHARS).optional(),
      es: UserText.trim().min(1).max(MAX_CONSENT_TEXT_CHARS).optional(),
    })
    .refine((t) => Object.values(t).some(Boolean), "write the sentence in at least one language"),
});
export type ConsentCheckbox = z.infer<typeof ConsentCheckbox>;

const Minute = z.number().int().min(0).max(24 * 60);
/** Opening intervals of one weekday, in minutes after local midnight: [[540, 1080]] is 09:00–18:00. */
const DayHours = z.array(z.tuple([Minute, Minute]).refine(([a, b]) => a < b, "an interval must open before it closes")).max(4);

export const BusinessHours = z.strictObject({
  /** IANA zone, e.g. America/Sao_Paulo. */
  timezone: z.string().min(1).max(64),
  /** Sunday first, as Date#getDay() counts. An empty day is closed. */
  days: z.array(DayHours).length(7),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

export const ExpectedReplyTime = z.enum(["minutes", "hours", "day"]);
export type ExpectedReplyTime = z.infer<typeof ExpectedReplyTime>;

export const WebchatSettings = z.strictObject({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default("#1f6feb"),
  position: z.enum(["left", "right"]).default("right"),
  /** Shown as the first thing in the panel when the widget opens. */
  greeting: UserText.max(500).default(""),
  /** How soon the team usually answers, shown under the greeting; null: not shown.
   * A fixed choice, so the widget can say it in the visitor's language. Absent or null:
   * not shown. */
  expectedReplyTime: ExpectedReplyTime.nullable().optional(),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().default(null),
  /** Shown outside business hours; messages are still accepted. */
  awayMessage: UserText.max(500).default(""),
  /** null: always open. */
  businessHours: BusinessHours.nullable().default(null),
  preChatForm: z
    .strictObject({
      enabled: z.boolean(),
      requireEmail: z.boolean(),
      /** Absent: no phone field. */
      askPhone: z.boolean().optional(),
      /** Absent or null: no opt-in checkbox. */
      consent: ConsentCheckbox.nullable().optional(),
    })
    .default({ enabled: false, requireEmail: false }),
  csat: z.boolean().default(true),
  /** Refuse identify() calls without a valid hash. */
  requireIdentity: z.boolean().default(false),
});
export type WebchatSettings = z.infer<typeof WebchatSettings>;

/** `GET /api/v1/widget/config?inbox=` — public, cacheable briefly; the loader and the chat UI read it. */
export const WidgetConfig = z.object({
  name: z.string(),
  settings: WebchatSettings.omit({ businessHours: true }),
  /** Within business hours and at least one agent connected. */
  online: z.boolean(),
  withinBusinessHours: z.boolean(),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

export const WidgetContact = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  verified: z.boolean(),
});
export type WidgetContact = z.infer<typeof WidgetContact>;

export const WidgetSessionBody = z.strictObject({
  inbox: z.string().min(1).max(64),
  /** A token from an earlier visit: the visitor keeps its contact and conversation. */
  token: z.string().max(2048).optional(),
  /** The widget's language: a new anonymous visitor is named in it ("Falcão Azul 4821"). */
  locale: Locale.optional(),
  /** Where the visitor is; stored for the agents' contact panel. */
  context: VisitorContextBody.optional(),
});
export type WidgetSessionBody = z.input<typeof WidgetSessionBody>;
export const WidgetSession = z.object({
  token: z.string(),
  /** When `token` stops being accepted (ms since the epoch); renew before with POST
   * /sessions `{ inbox, token }`, which also accepts it for a while after. */
  tokenExpiresAt: z.number().int(),
  contactId: z.string(),
  conversationId: z.string(),
  contact: WidgetContact,
  status: ConversationStatus,
  inbox: z.object({ name: z.string(), settings: WebchatSettings.omit({ businessHours: true }) }),
});
export type WidgetSession = z.infer<typeof WidgetSession>;

/** A link to one file that works without the visitor token, until `expiresAt`, so an
 * `<img src>` needs no credential in its URL. */
export const WidgetFileLink = z.object({ url: z.string(), expiresAt: z.number().int() });
export type WidgetFileLink = z.infer<typeof WidgetFileLink>;

/** A single-purpose credential for one socket upgrade (`?ticket=`), valid for seconds:
 * browsers cannot set headers on a WebSocket, and the visitor token must stay out of URLs. */
export const WidgetSocketTicket = z.object({ ticket: z.string(), expiresAt: z.number().int() });
export type WidgetSocketTicket = z.infer<typeof WidgetSocketTicket>;

export const WidgetPostMessageBody = z
  .strictObject({
    body: UserText.trim().max(10_000).default(""),
    clientId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
    attachmentIds: z.array(z.string().min(1).max(64)).min(1).max(10).optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0, { message: "Send a body, an attachment, or both.", path: ["body"] });

const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{6,24}$/, "a phone number like +55 11 91234-5678");
const ContactEmail = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const ContactName = UserName.trim().min(1).max(120);
const AttributeValue = z.union([UserText.max(MAX_ATTRIBUTE_VALUE_CHARS), z.number(), z.boolean(), z.null()]);

/** `Switchboard.identify()`. With `hash` = hex HMAC-SHA256(inbox identity secret, id) the
 * contact is verified and follows the user across devices. */
export const WidgetIdentifyBody = z.strictObject({
  id: z.string().min(1).max(128),
  name: ContactName.optional(),
  email: ContactEmail.optional(),
  phone: Phone.optional(),
  hash: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
});
export type WidgetIdentifyBody = z.input<typeof WidgetIdentifyBody>;

/** Pre-chat form and `Switchboard.setAttributes()`. */
export const WidgetContactBody = z.strictObject({
  name: ContactName.optional(),
  email: ContactEmail.optional(),
  phone: Phone.optional(),
  attributes: z
    .record(UserName.min(1).max(64), AttributeValue)
    .refine((r) => Object.keys(r).length <= MAX_CONTACT_ATTRIBUTES, `at most ${MAX_CONTACT_ATTRIBUTES} attributes`)
    .optional(),
});
export type WidgetContactBody = z.input<typeof WidgetContactBody>;

export const WidgetCsatBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: UserText.trim().max(MAX_CSAT_COMMENT_CHARS).default(""),
});
