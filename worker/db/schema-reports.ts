/**
 * @module D1 schema of issue 18 (reports): the fold's per-conversation cursor, the facts,
 * the hourly rollups and their histograms (maintained by triggers on the facts), the
 * account's reporting time zone and saved custom reports (migrations/0031_reports.sql).
 * Re-exported by ./schema.ts.
 */
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ReportMetric } from "../protocol";
import type { FoldState } from "../reports/facts";
import { agents } from "./schema";

export const reportCursors = sqliteTable("report_cursors", {
  conversationId: text("conversation_id").primaryKey(),
  lastSeq: integer("last_seq").notNull(),
  state: text("state", { mode: "json" }).notNull().$type<FoldState>(),
});

/** '' in team_id / agent_id: none (the rollups' key needs a value). */
export const reportFacts = sqliteTable(
  "report_facts",
  {
    conversationId: text("conversation_id").notNull(),
    seq: integer("seq").notNull(),
    metric: text("metric").notNull().$type<ReportMetric>(),
    at: integer("at").notNull(),
    hour: integer("hour").notNull(),
    inboxId: text("inbox_id").notNull(),
    teamId: text("team_id").notNull().default(""),
    agentId: text("agent_id").notNull().default(""),
    channel: text("channel").notNull(),
    value: integer("value"),
    businessValue: integer("business_value"),
    bucket: integer("bucket"),
    businessBucket: integer("business_bucket"),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq, t.metric] })],
);

export const reportRollups = sqliteTable(
  "report_rollups",
  {
    hour: integer("hour").notNull(),
    inboxId: text("inbox_id").notNull(),
    teamId: text("team_id").notNull(),
    agentId: text("agent_id").notNull(),
    channel: text("channel").notNull(),
    metric: text("metric").notNull().$type<ReportMetric>(),
    n: integer("n").notNull(),
    total: integer("total").notNull(),
    businessTotal: integer("business_total").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.inboxId, t.teamId, t.agentId, t.channel, t.metric] }), index("report_rollups_agent_idx").on(t.agentId, t.hour)],
);

/** clock 0: calendar, 1: business hours. */
export const reportHistograms = sqliteTable(
  "report_histograms",
  {
    hour: integer("hour").notNull(),
    inboxId: text("inbox_id").notNull(),
    teamId: text("team_id").notNull(),
    agentId: text("agent_id").notNull(),
    channel: text("channel").notNull(),
    metric: text("metric").notNull().$type<ReportMetric>(),
    clock: integer("clock").notNull(),
    bucket: integer("bucket").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.inboxId, t.teamId, t.agentId, t.channel, t.metric, t.clock, t.bucket] })],
);

export const reportSettings = sqliteTable("report_settings", {
  id: integer("id").primaryKey(),
  timeZone: text("time_zone").notNull(),
  /** The zone the day and month grains are cut in; reports read them only while it
   * equals timeZone (migrations/0032_report_grains.sql, ./report-grains.ts). */
  grainTimeZone: text("grain_time_zone"),
  /** When the running regrain started (ms); null: none running. */
  grainStartedAt: integer("grain_started_at"),
});

export const savedReports = sqliteTable(
  "saved_reports",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => agents.id),
    shared: integer("shared", { mode: "boolean" }).notNull().default(false),
    definition: text("definition", { mode: "json" }).notNull().$type<unknown>(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("saved_reports_owner_idx").on(t.ownerId, t.createdAt)],
);
