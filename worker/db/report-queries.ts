/**
 * @module What reports read: sums over the hourly rollups and their histograms, grouped
 * as the report asks, never a scan of messages. Tags and conversation types are not a
 * rollup dimension (both change after the facts, and a conversation has many tags), so
 * those two groupings sum the facts of the conversations carrying the tag or type now.
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

/** `(col >= a AND col < b) OR …` over `spans`; no span: false. */
function spansSql(col: string, spans: readonly Span[]): SQL {
  if (spans.length === 0) return sql`0`;
  return sql.join(
    spans.map((s) => sql`(${sql.raw(col)} >= ${s.from} AND ${sql.raw(col)} < ${s.to})`),
    sql` OR `,
  );
}

/** The coarse rows a plan reads: its whole days (grain 1) and whole months (grain 2). */
function coarseSql(alias: string, plan: RangePlan): SQL {
  const parts = [
    ...plan.days.map((s) => ({ grain: 1, s })),
    ...plan.months.map((s) => ({ grain: 2, s })),
  ];
  if (parts.length === 0) return sql`0`;
  return sql.join(
    parts.map(({ grain, s }) => sql`(${sql.raw(`${alias}.grain`)} = ${grain} AND ${sql.raw(`${alias}.start`)} >= ${s.from} AND ${sql.raw(`${alias}.start`)} < ${s.to})`),
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

/** Where the facts of a tag or type grouping come from: the key and the join. */
function factSource(groupBy: "tag" | "type"): { key: SQL; from: SQL } {
  return groupBy === "tag"
    ? { key: sql`ct.tag_id`, from: sql`conversation_tags ct JOIN report_facts f ON f.conversation_id = ct.conversation_id` }
    : { key: sql`c.type_id`, from: sql`conversations c JOIN report_facts f ON f.conversation_id = c.id AND c.type_id IS NOT NULL` };
}

/** Count and sums per (group, metric) over the plan's period; groupBy undefined: one group, ''. */
export async function totals(db: Db, plan: RangePlan, filters: ReportFilters, groupBy?: ReportGroupBy, metrics?: readonly ReportMetric[]): Promise<TotalsRow[]> {
  const { range } = plan;
  if (groupBy === "tag" || groupBy === "type") {
    const { key, from } = factSource(groupBy);
    return db.all<TotalsRow>(sql`
      SELECT ${key} AS key, f.metric AS metric, count(*) AS n, coalesce(sum(f.value), 0) AS total, coalesce(sum(f.business_value), 0) AS businessTotal
      FROM ${from}
      WHERE f.hour >= ${range.from} AND f.hour < ${range.to} ${filterSql("f", filters)} ${metricSql("f", metrics)}
      GROUP BY 1, 2`);
  }
  const key = (alias: string) => (groupBy ? sql.raw(`${alias}.${ROLLUP_KEY[groupBy]}`) : sql`''`);
  return db.all<TotalsRow>(sql`
    SELECT key, metric, sum(n) AS n, sum(total) AS total, sum(business_total) AS businessTotal FROM (
      SELECT ${key("r")} AS key, r.metric AS metric, r.n AS n, r.total AS total, r.business_total AS business_total
      FROM report_rollups r
      WHERE (${spansSql("r.hour", plan.hours)}) ${filterSql("r", filters)} ${metricSql("r", metrics)}
      UNION ALL
      SELECT ${key("c")}, c.metric, c.n, c.total, c.business_total
      FROM report_rollups_coarse c
      WHERE (${coarseSql("c", plan)}) ${filterSql("c", filters)} ${metricSql("c", metrics)})
    GROUP BY 1, 2`);
}

/** Histogram counts per (group, metric, clock, bucket) over the plan's period. */
export async function buckets(db: Db, plan: RangePlan, filters: ReportFilters, groupBy?: ReportGroupBy, metrics?: readonly ReportMetric[]): Promise<BucketRow[]> {
  const { range } = plan;
  if (groupBy === "tag" || groupBy === "type") {
    const { key, from } = factSource(groupBy);
    // Each fact has one bucket per clock: the two halves of the union are the two clocks.
    return db.all<BucketRow>(sql`
      SELECT ${key} AS key, f.metric AS metric, 0 AS clock, f.bucket AS bucket, count(*) AS n
      FROM ${from}
      WHERE f.hour >= ${range.from} AND f.hour < ${range.to} AND f.bucket IS NOT NULL ${filterSql("f", filters)} ${metricSql("f", metrics)}
      GROUP BY 1, 2, 4
      UNION ALL
      SELECT ${key} AS key, f.metric AS metric, 1 AS clock, f.business_bucket AS bucket, count(*) AS n
      FROM ${from}
      WHERE f.hour >= ${range.from} AND f.hour < ${range.to} AND f.business_bucket IS NOT NULL ${filterSql("f", filters)} ${metricSql("f", metrics)}
      GROUP BY 1, 2, 4`);
  }
  const key = (alias: string) => (groupBy ? sql.raw(`${alias}.${ROLLUP_KEY[groupBy]}`) : sql`''`);
  return db.all<BucketRow>(sql`
    SELECT key, metric, clock, bucket, sum(n) AS n FROM (
      SELECT ${key("h")} AS key, h.metric AS metric, h.clock AS clock, h.bucket AS bucket, h.n AS n
      FROM report_histograms h
      WHERE (${spansSql("h.hour", plan.hours)}) ${filterSql("h", filters)} ${metricSql("h", metrics)}
      UNION ALL
      SELECT ${key("c")}, c.metric, c.clock, c.bucket, c.n
      FROM report_histograms_coarse c
      WHERE (${coarseSql("c", plan)}) ${filterSql("c", filters)} ${metricSql("c", metrics)})
    GROUP BY 1, 2, 3, 4`);
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
