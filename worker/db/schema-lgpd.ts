/**
 * @module D1 schema of issue 16 (LGPD): consent purposes, the append-only consent ledger
 * and the audit log (migrations/0024_consent_audit.sql). Re-exported by ./schema.ts.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { AuditAction, AuditActorType, ConsentAction, ConsentRecorder, ConsentSource, type ConsentChannel } from "../protocol";
import { contacts } from "./schema";
import { valuesOf } from "./column-enum";

export const consentPurposes = sqliteTable(
  "consent_purposes",
  {
    id: text("id").primaryKey(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    marketing: integer("marketing", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    archivedAt: integer("archived_at"),
  },
  (t) => [uniqueIndex("consent_purposes_key_idx").on(t.key)],
);

export const consentRecords = sqliteTable(
  "consent_records",
  {
    id: text("id").primaryKey(),
    /** Insertion order, for ties within a millisecond (worker/consent/ledger.ts). */
    seq: integer("seq").notNull(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    channel: text("channel").notNull().$type<ConsentChannel>(),
    purposeId: text("purpose_id")
      .notNull()
      .references(() => consentPurposes.id),
    action: text("action", { enum: valuesOf(ConsentAction) }).notNull(),
    source: text("source", { enum: valuesOf(ConsentSource) }).notNull(),
    recordedByType: text("recorded_by_type", { enum: valuesOf(ConsentRecorder) }).notNull(),
    recordedById: text("recorded_by_id"),
    recordedByName: text("recorded_by_name"),
    textShown: text("text_shown"),
    evidence: text("evidence"),
    ip: text("ip"),
    at: integer("at").notNull(),
  },
  (t) => [uniqueIndex("consent_records_seq_idx").on(t.seq), index("consent_records_contact_idx").on(t.contactId, t.purposeId, t.channel, t.at)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    action: text("action", { enum: valuesOf(AuditAction) }).notNull(),
    actorType: text("actor_type", { enum: valuesOf(AuditActorType) }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: text("details", { mode: "json" }).notNull().$type<Record<string, unknown>>().default(sql`'{}'`),
  },
  (t) => [index("audit_log_at_idx").on(t.at, t.id), index("audit_log_action_idx").on(t.action, t.at), index("audit_log_actor_idx").on(t.actorId, t.at), index("audit_log_target_idx").on(t.targetId, t.at)],
);
