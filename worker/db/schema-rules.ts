/**
 * @module D1 schema of the admins' rules and integrations (issues 14–15): routing and
 * contact-priority rules, API tokens, automation rules and their runs, outbound webhook
 * endpoints and their delivery log. Re-exported by ./schema.ts.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { AutomationTriggerType, type TokenScope, WebhookDeliveryStatus, WebhookDisabledReason, WebhookEventName } from "../protocol";
import { valuesOf } from "./column-enum";
import { agents, tags } from "./schema";

/** Routing rules (migrations/0017_routing_rules.sql), evaluated by ascending position.
 * `conditions` is RoutingConditions as JSON, parsed on read. */
export const routingRules = sqliteTable(
  "routing_rules",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    conditions: text("conditions", { mode: "json" }).notNull().$type<Record<string, unknown>>().default(sql`'{}'`),
    teamId: text("team_id").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("routing_rules_position_idx").on(t.position)],
);

/** Segment rules (migrations/0018_priority_rules.sql): every contact carrying `tagId`
 * (kind "tag"), or whose attribute `attrKey` as a string equals `attrValue` (kind
 * "attribute"), waits with at least `priority` (db/contact-priority.ts keeps
 * contacts.effective_priority). `matchKey` names the condition, unique per rule. */
export const priorityRules = sqliteTable(
  "priority_rules",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["tag", "attribute"] }).notNull(),
    tagId: text("tag_id").references(() => tags.id),
    attrKey: text("attr_key"),
    attrValue: text("attr_value"),
    matchKey: text("match_key").notNull(),
    priority: integer("priority").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("priority_rules_match_idx").on(t.matchKey), index("priority_rules_tag_idx").on(t.tagId)],
);

/** API tokens (migrations/0019_api_tokens.sql): D1 holds the secret's SHA-256 only. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    prefix: text("prefix").notNull(),
    scopes: text("scopes", { mode: "json" }).notNull().$type<TokenScope[]>(),
    inboxIds: text("inbox_ids", { mode: "json" }).$type<string[]>(),
    createdBy: text("created_by").notNull().references(() => agents.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_secret_idx").on(t.secretHash)],
);

/** Automation rules (migrations/0022_automation_rules.sql), evaluated by ascending
 * position. `trigger`, `conditions` and `actions` are the protocol's shapes as JSON,
 * parsed on read; `signingSecret` is sealed (channels/credentials.ts). */
export const automationRules = sqliteTable(
  "automation_rules",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    triggerType: text("trigger_type", { enum: valuesOf(AutomationTriggerType) }).notNull(),
    trigger: text("trigger", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    conditions: text("conditions", { mode: "json" }).notNull().$type<Record<string, unknown>>().default(sql`'{}'`),
    actions: text("actions", { mode: "json" }).notNull().$type<unknown[]>(),
    signingSecret: text("signing_secret"),
    lastRunAt: integer("last_run_at"),
    lastError: text("last_error"),
    lastErrorAt: integer("last_error_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("automation_rules_position_idx").on(t.position)],
);

/** The runs automation rules made (0022): a rule runs once per trigger (`runKey`: the
 * trigger event's seq, or `idle:<last activity>`) on a conversation. */
export const automationRuns = sqliteTable(
  "automation_runs",
  {
    ruleId: text("rule_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    runKey: text("run_key").notNull(),
    ranAt: integer("ran_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.conversationId, t.runKey] }), index("automation_runs_ran_at_idx").on(t.ranAt)],
);

// --- outbound webhooks (issue 15, migrations/0020_webhooks.sql) ------------------------

export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  /** JSON array of WebhookEventName. */
  events: text("events").notNull(),
  includeNotes: integer("include_notes", { mode: "boolean" }).notNull().default(false),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  /** Sealed with worker/channels/credentials.ts: the outbox signs with it. */
  secretSealed: text("secret_sealed").notNull(),
  disabledReason: text("disabled_reason", { enum: valuesOf(WebhookDisabledReason) }),
  disabledAt: integer("disabled_at"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    dedupKey: text("dedup_key").notNull(),
    event: text("event", { enum: valuesOf(WebhookEventName) }).notNull(),
    conversationId: text("conversation_id"),
    seq: integer("seq"),
    status: text("status", { enum: valuesOf(WebhookDeliveryStatus) }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    latencyMs: integer("latency_ms"),
    responseExcerpt: text("response_excerpt"),
    nextAttemptAt: integer("next_attempt_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("webhook_deliveries_dedup_idx").on(t.endpointId, t.dedupKey), index("webhook_deliveries_log_idx").on(t.endpointId, t.createdAt, t.id)],
);
