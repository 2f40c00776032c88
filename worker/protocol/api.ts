/**
 * @module Request and response bodies of the HTTP API (`/api/v1`). The OpenAPI document
 * at `/api/v1/openapi.json` is generated from these.
 */
import { z } from "zod";
import {
  DEFAULT_PAGE_SIZE,
  MAX_BODY_CHARS,
  MAX_INBOX_PRIORITY,
  MAX_PAGE_SIZE,
  MAX_PASSWORD_CHARS,
  MIN_INBOX_PRIORITY,
  MIN_PASSWORD_CHARS,
} from "./limits";
import { ConversationEvent, ConversationStatus, MessageKind } from "./events";
import { ChannelKind, ConversationSummary } from "./summary";
import { AttachmentIds, ClientId } from "./frames";
import { Locale, WebchatSettings } from "./webchat";
import { UserName, UserText } from "./text";
import { Profile } from "./profile";
import { TemplateContent } from "./message-content";
import { CredentialHint, InstagramSettings, MessengerSettings, MetaPageCredentials, SmsSettings, TwilioCredentials, WhatsappCredentials, WhatsappSettings } from "./channels";
import { EmailSettings, MailAddress, TelegramCredentials, TelegramSettings } from "./channels";
import { ApiChannelCredentials, ApiChannelSettings } from "./api-channel";

export const Role = z.enum(["owner", "admin", "agent"]);
export type Role = z.infer<typeof Role>;

const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const Password = z.string().min(MIN_PASSWORD_CHARS).max(MAX_PASSWORD_CHARS);
const Name = UserName.trim().min(1).max(120);

// --- agents and auth -----------------------------------------------------------------

/** `locale`: the language the owner set up in; the seeded team is named in it. */
export const SetupBody = z.strictObject({ name: Name, email: Email, password: Password, locale: Locale.optional() });
export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(MAX_PASSWORD_CHARS) });

export const Agent = z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role });
export type Agent = z.infer<typeof Agent>;
export const AgentList = z.object({ agents: z.array(Agent) });
export const Me = z.object({ agent: Agent, teamIds: z.array(z.string()), profile: Profile });
export type Me = z.infer<typeof Me>;
export const SetupState = z.object({ needsSetup: z.boolean() });

export const CreateAgentBody = z.strictObject({ name: Name, email: Email, password: Password, role: Role.exclude(["owner"]) });

// --- teams and inboxes ---------------------------------------------------------------

export const Team = z.object({ id: z.string(), name: z.string() });
export type Team = z.infer<typeof Team>;
export const TeamList = z.object({ teams: z.array(Team) });

const InboxCommon = {
  name: Name,
  teamId: z.string().max(64).optional(),
  priority: z.number().int().min(MIN_INBOX_PRIORITY).max(MAX_INBOX_PRIORITY).default(50),
};

/** Each kind an inbox can be created as: its settings, and for provider channels its
 * credentials (write-only). The route validates a PATCH's settings and credentials
 * against the inbox's own kind with this table, so each shape is stated once. */
export const INBOX_KINDS = {
  webchat: { settings: WebchatSettings, credentials: null },
  whatsapp: { settings: WhatsappSettings, credentials: WhatsappCredentials },
  messenger: { settings: MessengerSettings, credentials: MetaPageCredentials },
  instagram: { settings: InstagramSettings, credentials: MetaPageCredentials },
  sms: { settings: SmsSettings, credentials: TwilioCredentials },
  telegram: { settings: TelegramSettings, credentials: TelegramCredentials },
  email: { settings: EmailSettings, credentials: null },
  api: { settings: ApiChannelSettings, credentials: ApiChannelCredentials },
} as const;
export type CreatableKind = keyof typeof INBOX_KINDS;

/** A new inbox, by kind. Provider channels need their credentials up front: without them
 * neither their webhooks nor their replies can work. */
export const CreateInboxBody = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("webchat"), ...InboxCommon, settings: WebchatSettings.default(WebchatSettings.parse({})) }),
  z.strictObject({ kind: z.literal("whatsapp"), ...InboxCommon, settings: WhatsappSettings, credentials: WhatsappCredentials }),
  z.strictObject({ kind: z.literal("messenger"), ...InboxCommon, settings: MessengerSettings, credentials: MetaPageCredentials }),
  z.strictObject({ kind: z.literal("instagram"), ...InboxCommon, settings: InstagramSettings, credentials: MetaPageCredentials }),
  z.strictObject({ kind: z.literal("sms"), ...InboxCommon, settings: SmsSettings, credentials: TwilioCredentials }),
  // The webhook secret is made up by the server (the adapter's generatedCredentials), never typed.
  z.strictObject({ kind: z.literal("telegram"), ...InboxCommon, settings: TelegramSettings.default(TelegramSettings.parse({})), credentials: TelegramCredentials.pick({ botToken: true }) }),
  // Cloudflare hands the Worker its mail and sends through a binding: no credentials.
  z.strictObject({ kind: z.literal("email"), ...InboxCommon, settings: EmailSettings }),
  // The signing secret is made up by the server (generatedCredentials); an admin sees it
  // once through POST /api/v1/inboxes/{id}/api-secret.
  z.strictObject({ kind: z.literal("api"), ...InboxCommon, settings: ApiChannelSettings, credentials: z.strictObject({}).default({}) }),
]);
export type CreateInboxBody = z.input<typeof CreateInboxBody>;

/** The kind cannot change. `settings`, when sent, replaces the stored settings whole and
 * is checked against the inbox's own kind (INBOX_KINDS); `credentials` may name any of
 * the kind's credentials: those sent replace the saved ones, the rest stay. */
export const UpdateInboxBody = z.strictObject({
  name: Name.optional(),
  teamId: z.string().max(64).nullable().optional(),
  priority: z.number().int().min(MIN_INBOX_PRIORITY).max(MAX_INBOX_PRIORITY).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  credentials: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateInboxBody = z.input<typeof UpdateInboxBody>;

/** Shown once, when created or rotated: the inbox's identity-verification secret. */
export const IdentitySecret = z.object({ secret: z.string() });

export const Inbox = z.object({
  id: z.string(),
  kind: ChannelKind,
  name: z.string(),
  teamId: z.string().nullable(),
  priority: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  publicKey: z.string().nullable(),
  /** Whether identity verification is set up; the secret itself is shown only when rotated. */
  hasIdentitySecret: z.boolean(),
  /** Per credential of a provider channel: whether it is set and its last 4 characters.
   * The secrets themselves are write-only: no route ever returns one. */
  credentials: z.record(z.string(), CredentialHint),
  /** Where the provider delivers this inbox's webhooks (absolute; paste it at the
   * provider); null for web chat. */
  webhookUrl: z.string().nullable(),
  createdAt: z.number().int(),
});
export type Inbox = z.infer<typeof Inbox>;
export const InboxList = z.object({ inboxes: z.array(Inbox) });

// --- conversations -------------------------------------------------------------------

const Id = z.string().min(1).max(64);

export const HistoryQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
});
export const History = z.object({
  events: z.array(ConversationEvent),
  lastSeq: z.number().int().nonnegative(),
  /** True when more events follow: ask again with `after` = the last seq received. */
  more: z.boolean(),
});
export type History = z.infer<typeof History>;

export const PostMessageBody = z
  .strictObject({
    body: UserText.trim().max(MAX_BODY_CHARS).default(""),
    clientId: ClientId.optional(),
    kind: MessageKind.exclude(["attachment"]).default("text"),
    attachmentIds: AttachmentIds.optional(),
    /** An approved template (WhatsApp): the only thing that may go out after the
     * customer-service window closed. Its text is rendered by the provider. */
    template: TemplateContent.omit({ type: true }).optional(),
    /** Quote this earlier message of the conversation (the reply shows it on channels that support it). */
    replyToSeq: z.number().int().positive().optional(),
    /** E-mail: who else gets the reply (the console starts from the customer's mail's
     * Cc). Absent: the conversation's current Cc. Email Service takes 50 recipients. */
    cc: z.array(MailAddress).max(49).optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0 || m.template !== undefined, {
    message: "Send a body, an attachment, a template, or a combination.",
    path: ["body"],
  });
export const MessageAck = z.object({ seq: z.number().int().positive(), duplicate: z.boolean() });
export type MessageAck = z.infer<typeof MessageAck>;

export const AssignBody = z.strictObject({
  /** An agent id, or null to unassign. */
  assigneeId: Id.nullable().optional(),
  teamId: Id.nullable().optional(),
});

export const StatusBody = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("open") }),
  z.strictObject({ status: z.literal("resolved"), unassign: z.boolean().default(false) }),
  z.strictObject({ status: z.literal("snoozed"), until: z.number().int().positive() }),
]);
export type StatusBody = z.infer<typeof StatusBody>;

export const Ok = z.object({ ok: z.literal(true) });
