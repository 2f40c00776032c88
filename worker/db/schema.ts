/**
 * @module D1 schema (drizzle). D1 holds what is queried across conversations: agents,
 * teams, inboxes, contacts, the conversation list and the message history. A
 * conversation's own order and state live in its ConversationRoom; the `conversations`
 * and `messages` tables here are its projection, written only by `projectToD1`.
 * Times are epoch milliseconds.
 *
 * Tables of later issues live in schema-*.ts files this module re-exports (see its end).
 *
 * Not expressible here, so kept in SQL only (migrations/0002_console.sql): the FTS5
 * search tables `messages_fts` and `contacts_fts` and the triggers that keep them in step
 * with `messages` and `contacts`. Queries against them live in ./search.ts.
 */
import { sql } from "drizzle-orm";
import { Availability, type BusinessHours, ChannelKind, ConversationStatus, HistoryRowKind, Locale, MessageDirection, ParticipantType, ReachabilityReason, Role } from "../protocol";
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { valuesOf } from "./column-enum";

export const agents = sqliteTable("agents", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: valuesOf(Role) }).notNull(),
  passwordHash: text("password_hash").notNull(),
  passwordSalt: text("password_salt").notNull(),
  passwordIterations: integer("password_iterations").notNull(),
  createdAt: integer("created_at").notNull(),
  disabledAt: integer("disabled_at"),
  /** The agent's own profile (migrations/0005_console_admin.sql). An https URL. */
  avatarUrl: text("avatar_url"),
  /** pt-BR, en or es; null: the console follows the browser's language. */
  language: text("language", { enum: valuesOf(Locale) }),
  /** NotificationPrefs as JSON; parsed with its defaults on read. */
  notificationPrefs: text("notification_prefs", { mode: "json" }).notNull().$type<Record<string, unknown>>().default(sql`'{}'`),
  /** Conversations the agent takes at once; null: the team's default (migrations/0013). */
  capacity: integer("capacity"),
  /** online or away, set by the agent (migrations/0013_agent_status.sql). */
  availability: text("availability", { enum: valuesOf(Availability) }).notNull().default("online"),
  /** When automatic distribution last gave this agent a conversation: among equally
   * loaded agents, the one who waited longest goes first (migrations/0016). */
  lastAssignedAt: integer("last_assigned_at").notNull().default(0),
});

/** Capacity units a TeamQueue reserved before assigning (migrations/0016_distribution.sql). */
export const capacityReservations = sqliteTable(
  "capacity_reservations",
  {
    conversationId: text("conversation_id").primaryKey(),
    agentId: text("agent_id").notNull().references(() => agents.id),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("capacity_reservations_agent_idx").on(t.agentId, t.expiresAt)],
);

/** One-time invite links (migrations/0013_agent_admin.sql); D1 holds the token's SHA-256. */
export const agentInvites = sqliteTable("agent_invites", {
  tokenHash: text("token_hash").primaryKey(),
  email: text("email").notNull(),
  role: text("role", { enum: valuesOf(Role) }).notNull(),
  invitedBy: text("invited_by").notNull().references(() => agents.id),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  acceptedAt: integer("accepted_at"),
  agentId: text("agent_id").references(() => agents.id),
});

/** Server-side sessions: the cookie holds a random token, D1 only its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    agentId: text("agent_id").notNull().references(() => agents.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("sessions_agent_idx").on(t.agentId)],
);

/** Fixed-window counters (login attempts, later widget abuse limits). */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

/** Keys the server generates for itself on first use (no default secrets to ship). */
export const serverKeys = sqliteTable("server_keys", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: integer("created_at").notNull(),
  distributionMode: text("distribution_mode", { enum: ["manual", "auto"] }).notNull().default("manual"),
  defaultCapacity: integer("default_capacity").notNull().default(5),
  /** The web chat's BusinessHours shape; null: always open. */
  businessHours: text("business_hours", { mode: "json" }).$type<BusinessHours>(),
  awayMessage: text("away_message").notNull().default(""),
  overflowTeamId: text("overflow_team_id").references((): AnySQLiteColumn => teams.id),
  /** "Forward if no response", seconds; null: never (migrations/0016_distribution.sql). */
  unansweredTimeoutS: integer("unanswered_timeout_s"),
});

export const teamMembers = sqliteTable(
  "team_members",
  {
    teamId: text("team_id").notNull().references(() => teams.id),
    agentId: text("agent_id").notNull().references(() => agents.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentId] }), index("team_members_agent_idx").on(t.agentId)],
);

export const inboxes = sqliteTable("inboxes", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: valuesOf(ChannelKind) }).notNull(),
  name: text("name").notNull(),
  teamId: text("team_id").references(() => teams.id),
  priority: integer("priority").notNull().default(50),
  settings: text("settings", { mode: "json" }).notNull().$type<Record<string, unknown>>().default(sql`'{}'`),
  /** Web chat only: the key the embed snippet carries. Public by design. */
  publicKey: text("public_key").unique(),
  /** Web chat identity verification key. Shown to an admin once, when rotated; never
   * returned by any other route. */
  identitySecret: text("identity_secret"),
  /** Bumped when the identity secret rotates: revokes the tokens of verified visitors. */
  visitorTokenGeneration: integer("visitor_token_generation").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  /** Provider channels: the credentials, sealed (worker/channels/credentials.ts). Never
   * returned by any route; opened only to call the provider. */
  credentials: text("credentials"),
  /** Per credential: set, and its last 4 characters; what the API shows instead. */
  credentialHints: text("credential_hints", { mode: "json" }).notNull().$type<Record<string, { set: boolean; last4: string | null }>>().default(sql`'{}'`),
  /** Set when an admin deleted the inbox: gone from every lookup for new work (lists,
   * webhooks, the widget); its conversations stay in history. */
  deletedAt: integer("deleted_at"),
  /** The built-in menu bot (protocol/bots.ts MenuBot); null: none (migrations/0021_menu_bot.sql). */
  menuBot: text("menu_bot", { mode: "json" }).$type<unknown>(),
  /** The agent bot (protocol/agent-bot.ts AgentBot); null: none (migrations/0023_agent_bot.sql). */
  agentBot: text("agent_bot", { mode: "json" }).$type<unknown>(),
  /** The agent bot's signing secret, sealed (worker/bots/agent/secret.ts). Never returned. */
  agentBotSecret: text("agent_bot_secret"),
  /** Days after resolution that conversations' text and files are kept; null: forever
   * (migrations/0027_contact_rights.sql, worker/rights/retention.ts). */
  retentionDays: integer("retention_days"),
});

export const contacts = sqliteTable("contacts", {
  id: text("id").primaryKey(),
  name: text("name"),
  email: text("email"),
  phone: text("phone"),
  priority: integer("priority").notNull().default(0),
  /** max(priority, the highest segment rule matching the contact): what the queue orders by. */
  effectivePriority: integer("effective_priority").notNull().default(0),
  attributes: text("attributes", { mode: "json" }).notNull().$type<Record<string, unknown>>().default(sql`'{}'`),
  /** Bumped on identity changes: revokes every visitor token issued for this contact. */
  tokenGeneration: integer("token_generation").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  /** `name` was made up for an anonymous web visitor (channels/webchat/visitor-name.ts), not given
   * by the customer: any name they or an agent give replaces it. */
  nameGenerated: integer("name_generated", { mode: "boolean" }).notNull().default(false),
});

/** The latest known context of a web chat visitor (migrations/0006_visitor_context.sql):
 * written when the widget session starts or resumes and when the page changes, never per
 * message. The page fields come from the widget and are validated (http/https, bounded);
 * browser and OS from the User-Agent; country, city and (failing the browser's own) time
 * zone from Cloudflare's `request.cf`. */
export const visitorContexts = sqliteTable("visitor_contexts", {
  contactId: text("contact_id")
    .primaryKey()
    .references(() => contacts.id),
  pageUrl: text("page_url"),
  pageTitle: text("page_title"),
  referrer: text("referrer"),
  browser: text("browser"),
  os: text("os"),
  country: text("country"),
  city: text("city"),
  timezone: text("timezone"),
  updatedAt: integer("updated_at").notNull(),
});

/** How a channel knows a contact: a contact may have several (web visitor, WhatsApp id, e-mail…). */
export const contactIdentities = sqliteTable(
  "contact_identities",
  {
    id: text("id").primaryKey(),
    contactId: text("contact_id").notNull().references(() => contacts.id),
    kind: text("kind").notNull(),
    externalId: text("external_id").notNull(),
    /** Set when the channel proved the identity (web chat: identify() with a valid HMAC). */
    verifiedAt: integer("verified_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("contact_identities_external_idx").on(t.kind, t.externalId), index("contact_identities_contact_idx").on(t.contactId)],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    inboxId: text("inbox_id").notNull().references(() => inboxes.id),
    contactId: text("contact_id").notNull().references(() => contacts.id),
    teamId: text("team_id").references(() => teams.id),
    assigneeId: text("assignee_id").references(() => agents.id),
    status: text("status", { enum: valuesOf(ConversationStatus) }).notNull(),
    priority: integer("priority").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    firstResponseAt: integer("first_response_at"),
    resolvedAt: integer("resolved_at"),
    lastActivityAt: integer("last_activity_at").notNull(),
    snoozedUntil: integer("snoozed_until"),
    callbackAt: integer("callback_at"),
    lastSeq: integer("last_seq").notNull().default(0),
    lastMessagePreview: text("last_message_preview"),
    /** The agents' classification. Set only by the console's API, never by the
     * projection, whose UPDATE names its columns and so leaves this one alone. */
    typeId: text("type_id").references(() => conversationTypes.id),
    /** When an erasure last erased it; reset by trigger when resolved_at moves (0027). */
    erasedAt: integer("erased_at"),
  },
  (t) => [
    // The console's list: a view (status, assignee, inbox, team) ordered by recent
    // activity. Partial on `last_seq > 0` because only conversations with an event are
    // listed, and every web chat visitor gets a conversation before writing anything:
    // without the condition a page could have to step over thousands of empty ones.
    // Queries must spell the condition as the literal `last_seq > 0` to use them.
    index("conversations_status_activity_idx").on(t.status, t.lastActivityAt, t.id).where(sql`${t.lastSeq} > 0`),
    index("conversations_assignee_activity_idx").on(t.assigneeId, t.status, t.lastActivityAt, t.id).where(sql`${t.lastSeq} > 0`),
    index("conversations_inbox_activity_idx").on(t.inboxId, t.status, t.lastActivityAt, t.id).where(sql`${t.lastSeq} > 0`),
    index("conversations_team_activity_idx").on(t.teamId, t.status, t.lastActivityAt, t.id).where(sql`${t.lastSeq} > 0`),
    index("conversations_activity_idx").on(t.lastActivityAt, t.id).where(sql`${t.lastSeq} > 0`),
    index("conversations_contact_idx").on(t.contactId, t.inboxId, t.createdAt),
    index("conversations_contact_activity_idx").on(t.contactId, t.lastActivityAt),
    index("conversations_type_idx").on(t.typeId),
    index("conversations_retention_idx").on(t.inboxId, t.resolvedAt).where(sql`${t.status} = 'resolved' AND ${t.erasedAt} IS NULL`),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    conversationId: text("conversation_id").notNull().references(() => conversations.id),
    seq: integer("seq").notNull(),
    id: text("id").notNull().unique(),
    direction: text("direction", { enum: valuesOf(MessageDirection) }).notNull(),
    senderType: text("sender_type", { enum: valuesOf(ParticipantType) }).notNull(),
    senderId: text("sender_id"),
    kind: text("kind", { enum: valuesOf(HistoryRowKind) }).notNull(),
    body: text("body"),
    /** What of the event the other columns do not hold (actor name, attachments, a status
     * change's details), so the event can be rebuilt from the row (worker/db/projection.ts). */
    event: text("event", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    providerMessageId: text("provider_message_id"),
    clientId: text("client_id"),
    deliveryStatus: text("delivery_status"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    // No index on created_at: nothing reads messages by time alone (search sorts its FTS
    // hits), and each one cost a row written per message (migrations/0008_i10_perf.sql).
    // Unread counts: a conversation's customer messages after a seq, read from the index
    // alone (direction and kind ride along so the count never visits the table). The
    // query must repeat this condition word for word to use it.
    index("messages_inbound_idx").on(t.conversationId, t.seq, t.direction, t.kind).where(sql`${t.direction} = 'in' AND ${t.kind} <> 'event'`),
    // E-mail threading finds a conversation by a Message-ID it holds (migrations/0012).
    index("messages_provider_message_idx").on(t.providerMessageId).where(sql`${t.providerMessageId} IS NOT NULL`),
  ],
);

export const tags = sqliteTable(
  "tags",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull().unique(),
    /** The name folded by `labelKey` (any letter case, any script): "Ação" and "AÇÃO"
     * are one tag to the people choosing from the list. SQLite's lower() folds ASCII only. */
    nameKey: text("name_key").notNull().default(""),
    color: text("color").notNull().default("#6e7781"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("tags_name_key_unique").on(t.nameKey)],
);

export const conversationTags = sqliteTable(
  "conversation_tags",
  {
    conversationId: text("conversation_id").notNull().references(() => conversations.id),
    tagId: text("tag_id").notNull().references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.tagId] }), index("conversation_tags_tag_idx").on(t.tagId)],
);

/** CSAT answers, projected from the rooms' `csat` events, for reports. */
export const csatResponses = sqliteTable(
  "csat_responses",
  {
    conversationId: text("conversation_id").notNull().references(() => conversations.id),
    seq: integer("seq").notNull(),
    rating: integer("rating").notNull(),
    comment: text("comment").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq] }), index("csat_created_idx").on(t.createdAt)],
);

// --- the agent console: per-agent state, labels, canned responses --------------------

/** Favourites, per agent. */
export const conversationStars = sqliteTable(
  "conversation_stars",
  {
    agentId: text("agent_id").notNull().references(() => agents.id),
    conversationId: text("conversation_id").notNull().references(() => conversations.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.conversationId] })],
);

/** How far each agent has read each conversation (the highest seq seen); only moves forward. */
export const conversationReads = sqliteTable(
  "conversation_reads",
  {
    agentId: text("agent_id").notNull().references(() => agents.id),
    conversationId: text("conversation_id").notNull().references(() => conversations.id),
    seq: integer("seq").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.conversationId] })],
);

/** Tags on single messages. No foreign key to `messages`: the route checks the message
 * exists, and D1's copy of a message is a projection the room may still be writing. */
export const messageTags = sqliteTable(
  "message_tags",
  {
    conversationId: text("conversation_id").notNull().references(() => conversations.id),
    seq: integer("seq").notNull(),
    tagId: text("tag_id").notNull().references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq, t.tagId] }), index("message_tags_tag_idx").on(t.tagId)],
);

export const contactTags = sqliteTable(
  "contact_tags",
  {
    contactId: text("contact_id").notNull().references(() => contacts.id),
    tagId: text("tag_id").notNull().references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index("contact_tags_tag_idx").on(t.tagId)],
);

/** Classifications of conversations (question, complaint, order…); one per conversation. */
export const conversationTypes = sqliteTable("conversation_types", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** The name folded by `labelKey`, unique (see `tags.nameKey`). */
  nameKey: text("name_key").notNull().unique(),
  createdAt: integer("created_at").notNull(),
});

/** Saved replies an agent inserts by typing `/shortcode`. */
export const cannedResponses = sqliteTable("canned_responses", {
  id: text("id").primaryKey(),
  /** Lower-case by the protocol's schema, so the plain unique index is case-blind. */
  shortcode: text("shortcode").notNull().unique(),
  body: text("body").notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** A contact who opted out of an inbox (SMS STOP) or blocked its bot (Telegram), beyond
 * the conversation it happened in (migrations/0010_contact_channel_optouts.sql). Written
 * only by the D1 projection from reachability events; START or unblock deletes the row. */
export const contactChannelOptouts = sqliteTable(
  "contact_channel_optouts",
  {
    contactId: text("contact_id").notNull().references(() => contacts.id),
    inboxId: text("inbox_id").notNull().references(() => inboxes.id),
    reason: text("reason", { enum: valuesOf(ReachabilityReason) }).notNull(),
    /** When the customer opted out (the reachability event's time). */
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.inboxId] })],
);

export * from "./schema-rules";
export * from "./schema-lgpd";
export * from "./schema-rights";
export * from "./schema-campaigns";
export * from "./schema-portal";
export * from "./schema-reports";
export * from "./schema-helpcenter";
