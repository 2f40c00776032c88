/**
 * @module The customer portal's wire shapes (issue 17, "Portais de Soluções"): signing in
 * by a one-time link or a password, the customer's conversations as the portal shows them
 * (public messages and status changes only, never internal data), replies, new requests,
 * and the admin's portal settings. Served at /api/v1/portal/* (worker/routes/portal/).
 */
import { z } from "zod";
import { ChannelKind } from "./summary";
import { ConversationStatus } from "./events";
import { Locale } from "./webchat";
import { UserName, UserText } from "./text";
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "./limits";
import { PortalCategoryId } from "./portal-category";

export { PortalCategoryId } from "./portal-category";

const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const Id = z.string().min(1).max(64);
const ClientId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

/** Bounds chosen here: a subject is a line, like an e-mail's. */
export const MAX_PORTAL_SUBJECT_CHARS = 200;
export const MAX_PORTAL_CATEGORIES = 50;
export const MAX_PORTAL_CATEGORY_NAME_CHARS = 80;

// --- signing in -------------------------------------------------------------------

/** `POST /api/v1/portal/sign-in/link`: mail me a sign-in link. */
export const PortalLinkBody = z.strictObject({ email: Email, locale: Locale.optional() });
export type PortalLinkBody = z.input<typeof PortalLinkBody>;

/** A link's secret: 32 random bytes in base64url (43 characters). */
export const PortalLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "a sign-in link's token");

/** `POST /api/v1/portal/sign-in/redeem`: the token from the mailed link. */
export const PortalRedeemBody = z.strictObject({ token: PortalLinkToken });

/** `POST /api/v1/portal/sign-in/password`. */
export const PortalPasswordBody = z.strictObject({ email: Email, password: z.string().min(1).max(MAX_PASSWORD_CHARS) });

/** `PUT /api/v1/portal/password`: set or change the password (signed in by a link first). */
export const PortalSetPasswordBody = z.strictObject({ password: z.string().min(MIN_PASSWORD_CHARS).max(MAX_PASSWORD_CHARS) });

/** The answer to a link request, the same whether the address is known or not. */
export const PortalLinkSent = z.object({ sent: z.literal(true) });

export const PortalCustomer = z.object({
  name: z.string().nullable(),
  email: z.string(),
  hasPassword: z.boolean(),
});
export type PortalCustomer = z.infer<typeof PortalCustomer>;

// --- conversations ----------------------------------------------------------------

export const PortalConversation = z.object({
  id: z.string(),
  channel: ChannelKind,
  /** The request's subject (portal requests), else null: the preview stands in. */
  subject: z.string().nullable(),
  /** "open" for a conversation still with a bot: the customer waits either way. */
  status: ConversationStatus.exclude(["bot"]),
  preview: z.string().nullable(),
  createdAt: z.number().int(),
  lastActivityAt: z.number().int(),
});
export type PortalConversation = z.infer<typeof PortalConversation>;

export const PortalConversationList = z.object({ conversations: z.array(PortalConversation) });

export const PortalAttachment = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number().int() });

/** What the customer sees of a conversation's log: their messages and the team's public
 * replies (never notes), and status changes. No actor ids, delivery data or content the
 * console keeps for agents. */
export const PortalEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message"),
    seq: z.number().int(),
    at: z.number().int(),
    from: z.enum(["customer", "team"]),
    /** The agent's or bot's display name on the team's messages. */
    author: z.string().nullable(),
    body: z.string(),
    attachments: z.array(PortalAttachment),
  }),
  z.object({ type: z.literal("status"), seq: z.number().int(), at: z.number().int(), status: ConversationStatus.exclude(["bot"]) }),
]);
export type PortalEvent = z.infer<typeof PortalEvent>;

export const PortalConversationDetail = z.object({
  conversation: PortalConversation,
  events: z.array(PortalEvent),
  /** Whether the customer may reply here (not resolved). */
  canReply: z.boolean(),
});
export type PortalConversationDetail = z.infer<typeof PortalConversationDetail>;

/** `POST /api/v1/portal/conversations/{id}/messages`. */
export const PortalReplyBody = z
  .strictObject({
    body: UserText.trim().max(MAX_BODY_CHARS).default(""),
    clientId: ClientId,
    attachmentIds: z.array(Id).min(1).max(MAX_ATTACHMENTS_PER_MESSAGE).optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0, { message: "Send a body, an attachment, or both.", path: ["body"] });

export const PortalMessageAck = z.object({ seq: z.number().int(), duplicate: z.boolean() });

/** `POST /api/v1/portal/requests`: a new request. `clientId` makes a resend (a retry, a
 * double click) land on the same conversation and message. Attachments follow as a
 * message of the new conversation (uploads need the conversation to exist). */
export const PortalRequestBody = z.strictObject({
  subject: UserName.trim().min(1).max(MAX_PORTAL_SUBJECT_CHARS),
  description: UserText.trim().min(1).max(MAX_BODY_CHARS - MAX_PORTAL_SUBJECT_CHARS - 2),
  categoryId: PortalCategoryId.optional(),
  clientId: ClientId,
});
export type PortalRequestBody = z.input<typeof PortalRequestBody>;

export const PortalRequestCreated = z.object({ conversationId: z.string(), duplicate: z.boolean() });

// --- settings (admins) ------------------------------------------------------------

export const PortalCategory = z.strictObject({
  id: PortalCategoryId,
  /** Shown in each of the portal's languages. */
  names: z.strictObject({
    "pt-BR": UserName.trim().min(1).max(MAX_PORTAL_CATEGORY_NAME_CHARS),
    en: UserName.trim().min(1).max(MAX_PORTAL_CATEGORY_NAME_CHARS),
    es: UserName.trim().min(1).max(MAX_PORTAL_CATEGORY_NAME_CHARS),
  }),
});
export type PortalCategory = z.infer<typeof PortalCategory>;

/** Where the portal's requests land and its mail leaves from. Null: the portal is off
 * (no inbox) or cannot send links (no e-mail inbox). */
export const PortalSettings = z.object({
  /** A web chat inbox: new requests become its conversations. */
  inboxId: z.string().nullable(),
  /** An e-mail inbox: sign-in links are sent from its first address. */
  emailInboxId: z.string().nullable(),
  categories: z.array(PortalCategory),
});
export type PortalSettings = z.infer<typeof PortalSettings>;

export const PortalSettingsBody = z.strictObject({
  inboxId: Id.nullable(),
  emailInboxId: Id.nullable(),
  categories: z
    .array(PortalCategory)
    .max(MAX_PORTAL_CATEGORIES)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, "each category id once"),
});
export type PortalSettingsBody = z.input<typeof PortalSettingsBody>;
