/**
 * @module What reports read: sums over the rollups and their histograms — whole months
 * and days from the coarse tables, edge hours from the hourly ones (a RangePlan) — grouped
 * as the report asks, never a scan of messages or facts. Tags and conversation types have
 * rollups of their own, kept by the tags and type each conversation carries now.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import type { ReportFilters, ReportGroupBy, ReportMetric } from "../protocol";
import type { GrainPlan, Span } from "../reports/local-grains";

/** A period in whole hours: [from, to), both multiples of an hour (ms). */
export interface HourRange {
  from: number;
  to: number;
}

/** A period and what each grain reads of it (../reports/local-grains.ts planSpan). */
export interface RangePlan extends GrainPlan {
  range: HourRange;
}

/** `(col >= a AND col < b) OR …` over `spans`; no span: false. `also` goes into every
 * term rather than beside the OR: SQLite then searches the primary key for each range
 * (kind, hour…) instead of scanning every row of the kind (measured: 3× on a year). */
function spansSql(col: string, spans: readonly Span[], also: SQL = sql``): SQL {
  if (spans.length === 0) return sql`0`;
  return sql.join(
    spans.map((s) => sql`(${also}${sql.raw(col)} >= ${s.from} AND ${sql.raw(col)} < ${s.to})`),
    sql` OR `,
  );
}

/** The coarse rows a plan reads: its whole days (grain 1) and whole months (grain 2). */
function coarseSql(alias: string, plan: RangePlan, also: SQL = sql``): SQL {
  const parts = [
    ...plan.days.map((s) => ({ grain: 1, s })),
    ...plan.months.map((s) => ({ grain: 2, s })),
  ];
  if (parts.length === 0) return sql`0`;
  return sql.join(
    parts.map(({ grain, s }) => sql`(${also}${sql.raw(`${alias}.grain`)} = ${grain} AND ${sql.raw(`${alias}.start`)} >= ${s.from} AND ${sql.raw(`${alias}.start`)} < ${s.to})`),
    sql` OR `,
  );
}

export interface TotalsRow {
  key: string;
  metric: ReportMetric;
  n: number;
  total: number;
  businessTotal: number;
}

export interface BucketRow {
  key: string;
  metric: ReportMetric;
  clock: number;
  bucket: number;
  n: number;
}

/** The rollup column each grouping reads; tag and type go through the facts. */
const ROLLUP_KEY: Record<Exclude<ReportGroupBy, "tag" | "type">, string> = { agent: "agent_id", team: "team_id", inbox: "inbox_id", channel: "channel" };

function filterSql(alias: string, filters: ReportFilters): SQL {
  const parts: SQL[] = [];
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  if (filters.agentId !== undefined) parts.push(sql`AND ${col("agent_id")} = ${filters.agentId}`);
  if (filters.teamId !== undefined) parts.push(sql`AND ${col("team_id")} = ${filters.teamId}`);
  if (filters.inboxId !== undefined) parts.push(sql`AND ${col("inbox_id")} = ${filters.inboxId}`);
  if (filters.channel !== undefined) parts.push(sql`AND ${col("channel")} = ${filters.channel}`);
  return sql.join(parts, sql` `);
}

function metricSql(alias: string, metrics: readonly ReportMetric[] | undefined): SQL {
  if (!metrics) return sql``;
  return sql`AND ${sql.raw(`${alias}.metric`)} IN (${sql.join(
    metrics.map((m) => sql`${m}`),
    sql`, `,
  )})`;
}

/** The tables a grouping reads: tags and types have rollups of their own (migration
 * 0033), kept by the tags and types conversations carry now. */
function sourceOf(groupBy: ReportGroupBy | undefined, histogram: boolean): { hourly: string; coarse: string; key: (alias: string) => SQL; kind: (alias: string) => SQL } {
  if (groupBy === "tag" || groupBy === "type") {
    return {
      hourly: histogram ? "report_tag_histograms" : "report_tag_rollups",
      coarse: histogram ? "report_tag_histograms_coarse" : "report_tag_rollups_coarse",
      key: (alias) => sql.raw(`${alias}.key`),
      kind: (alias) => sql`${sql.raw(`${alias}.kind`)} = ${groupBy} AND `,
    };
  }
  return {
    hourly: histogram ? "report_histograms" : "report_rollups",
    coarse: histogram ? "report_histograms_coarse" : "report_rollups_coarse",
    key: (alias) => (groupBy ? sql.raw(`${alias}.${ROLLUP_KEY[groupBy]}`) : sql`''`),
    kind: () => sql``,
  };
}

/** Count and sums per (group, metric) over the plan's period; groupBy undefined: one
 * group, ''. A (group, metric) whose facts were all taken back (an erasure, a tag taken
 * off) sums to no count and is left out, as if it had never been. */
export async function totals(db: Db, plan: RangePlan, filters: ReportFilters, groupBy?: ReportGroupBy, metrics?: readonly ReportMetric[]): Promise<TotalsRow[]> {
  const src = sourceOf(groupBy, false);
  return db.all<TotalsRow>(sql`
    SELECT key, metric, sum(n) AS n, sum(total) AS total, sum(business_total) AS businessTotal FROM (
      SELECT ${src.key("r")} AS key, r.metric AS metric, r.n AS n, r.total AS total, r.business_total AS business_total
      FROM ${sql.raw(src.hourly)} r
      WHERE (${spansSql("r.hour", plan.hours, src.kind("r"))}) ${filterSql("r", filters)} ${metricSql("r", metrics)}
      UNION ALL
      SELECT ${src.key("c")}, c.metric, c.n, c.total, c.business_total
      FROM ${sql.raw(src.coarse)} c
      WHERE (${coarseSql("c", plan, src.kind("c"))}) ${filterSql("c", filters)} ${metricSql("c", metrics)})
    GROUP BY 1, 2
    HAVING sum(n) <> 0`);
}

/** Histogram counts per (group, metric, clock, bucket) over the plan's period. */
export async function buckets(db: Db, plan: RangePlan, filters: ReportFilters, groupBy?: ReportGroupBy, metrics?: readonly ReportMetric[]): Promise<BucketRow[]> {
  const src = sourceOf(groupBy, true);
  return db.all<BucketRow>(sql`
    SELECT key, metric, clock, bucket, sum(n) AS n FROM (
      SELECT ${src.key("h")} AS key, h.metric AS metric, h.clock AS clock, h.bucket AS bucket, h.n AS n
      FROM ${sql.raw(src.hourly)} h
      WHERE (${spansSql("h.hour", plan.hours, src.kind("h"))}) ${filterSql("h", filters)} ${metricSql("h", metrics)}
      UNION ALL
      SELECT ${src.key("c")}, c.metric, c.clock, c.bucket, c.n
      FROM ${sql.raw(src.coarse)} c
      WHERE (${coarseSql("c", plan, src.kind("c"))}) ${filterSql("c", filters)} ${metricSql("c", metrics)})
    GROUP BY 1, 2, 3, 4
    HAVING sum(n) <> 0`);
}

export interface HourRow {
  /** The first hour of the row's hour, day or month: the series puts it in the bucket
   * holding that hour (a day or month read from the coarse table lies whole in it). */
  hour: number;
  metric: ReportMetric;
  n: number;
  total: number;
  businessTotal: number;
}

/** Count and sums per (grain start, metric) over the plan's period: the time series' raw
 * material. */
export async function hourly(db: Db, plan: RangePlan, filters: ReportFilters, metrics: readonly ReportMetric[]): Promise<HourRow[]> {
  return db.all<HourRow>(sql`
    SELECT hour, metric, sum(n) AS n, sum(total) AS total, sum(business_total) AS businessTotal FROM (
      SELECT r.hour AS hour, r.metric AS metric, r.n AS n, r.total AS total, r.business_total AS business_total
      FROM report_rollups r
      WHERE (${spansSql("r.hour", plan.hours)}) ${filterSql("r", filters)} ${metricSql("r", metrics)}
      UNION ALL
      SELECT c.start, c.metric, c.n, c.total, c.business_total
      FROM report_rollups_coarse c
      WHERE (${coarseSql("c", plan)}) ${filterSql("c", filters)} ${metricSql("c", metrics)})
    GROUP BY 1, 2
    HAVING sum(n) <> 0
    ORDER BY 1`);
}

/** Conversations by status now (those with an event; the list's own condition). */
export async function statusNow(db: Db, filters: ReportFilters): Promise<Record<string, number>> {
  const parts: SQL[] = [];
  if (filters.agentId !== undefined) parts.push(sql`AND assignee_id = ${filters.agentId}`);
  if (filters.teamId !== undefined) parts.push(sql`AND team_id = ${filters.teamId}`);
  if (filters.inboxId !== undefined) parts.push(sql`AND inbox_id = ${filters.inboxId}`);
  if (filters.channel !== undefined) parts.push(sql`AND inbox_id IN (SELECT id FROM inboxes WHERE kind = ${filters.channel})`);
  const rows = await db.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM conversations WHERE last_seq > 0 ${sql.join(parts, sql` `)} GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Names for the keys a breakdown shows (agents, teams, inboxes, tags, types). */
export async function keyNames(db: Db, groupBy: ReportGroupBy, keys: readonly string[]): Promise<Map<string, string>> {
  const table = { agent: "agents", team: "teams", inbox: "inboxes", tag: "tags", type: "conversation_types", channel: null }[groupBy];
  const names = new Map<string, string>();
  if (!table || keys.length === 0) return names;
  for (let i = 0; i < keys.length; i += 100) {
    const rows = await db.all<{ id: string; name: string }>(sql`SELECT id, name FROM ${sql.raw(table)} WHERE id IN (${sql.join(
      keys.slice(i, i + 100).map((k) => sql`${k}`),
      sql`, `,
    )})`);
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}
