/**
 * @module The reports themselves, read from the rollups: overview (period against the
 * one before), breakdowns, time series in the account's zone, distributions. Each takes
 * filters already narrowed to what the caller may see (../routes/reports-access.ts).
 */
import type { Db } from "../db/client";
import { buckets, hourly, keyNames, statusNow, totals, type HourRange, type RangePlan } from "../db/report-queries";
import { readableGrains } from "../db/report-grains";
import { reportTimeZone } from "../db/report-settings";
import {
  isTimed,
  ReportMetric,
  type ReportBreakdown,
  type ReportClock,
  type ReportDistribution,
  type ReportFilters,
  type ReportGroupBy,
  type ReportInterval,
  type ReportOverview,
  type ReportSeries,
  type SeriesPoint,
} from "../protocol";
import { BUCKET_BOUNDS, BUCKET_COUNT } from "./buckets";
import { figuresByKey, figuresOfAll } from "./figures";
import { bucketsOf, localClock } from "./time-buckets";
import { planSpan, type LocalGrains } from "./local-grains";

const HOUR_MS = 3_600_000;

/** The period as whole hours: `from` down, `to` up (rollups are hourly). */
export function hourRange(from: number, to: number): HourRange {
  return { from: Math.floor(from / HOUR_MS) * HOUR_MS, to: Math.ceil(to / HOUR_MS) * HOUR_MS };
}

/** What each grain reads of `range` (whole months and days from the coarse tables when
 * they are current, ./local-grains.ts). The series by hour reads hours only. */
export function planOf(range: HourRange, grains: LocalGrains | null, coarsest: "hour" | "day" | "month" = "month"): RangePlan {
  return { range, ...planSpan(range, coarsest === "hour" ? null : grains, coarsest === "hour" ? "day" : coarsest) };
}

export async function overview(db: Db, range: HourRange, filters: ReportFilters, clock: ReportClock): Promise<ReportOverview> {
  const previous = { from: range.from - (range.to - range.from), to: range.from };
  const grains = await readableGrains(db);
  const [now, before] = [planOf(range, grains), planOf(previous, grains)];
  const [nowTotals, nowBuckets, prevTotals, prevBuckets, status] = await Promise.all([
    totals(db, now, filters),
    buckets(db, now, filters),
    totals(db, before, filters),
    buckets(db, before, filters),
    statusNow(db, filters),
  ]);
  return {
    period: range,
    previousPeriod: previous,
    clock,
    current: figuresOfAll(nowTotals, nowBuckets, clock),
    previous: figuresOfAll(prevTotals, prevBuckets, clock),
    statusNow: status,
  };
}

/** What a group with no name is called: no agent, no team ('' in the rollups). */
const NONE = "";

export async function breakdown(db: Db, range: HourRange, filters: ReportFilters, clock: ReportClock, groupBy: ReportGroupBy): Promise<ReportBreakdown> {
  const plan = planOf(range, await readableGrains(db));
  const [rows, hist] = await Promise.all([totals(db, plan, filters, groupBy), buckets(db, plan, filters, groupBy)]);
  const byKey = figuresByKey(rows, hist, clock);
  const names = await keyNames(db, groupBy, [...byKey.keys()].filter((k) => k !== NONE));
  const groups = [...byKey].map(([key, figures]) => ({ key, name: names.get(key) ?? key, figures }));
  groups.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  return { period: range, clock, groupBy, groups };
}

/** The series' default metrics: the volume chart. */
const DEFAULT_SERIES_METRICS: ReportMetric[] = ["conversations_created", "conversations_resolved"];

export async function series(db: Db, range: HourRange, filters: ReportFilters, clock: ReportClock, interval: ReportInterval, metrics = DEFAULT_SERIES_METRICS): Promise<ReportSeries> {
  const [timeZone, grains] = await Promise.all([reportTimeZone(db), readableGrains(db)]);
  const rows = await hourly(db, planOf(range, grains, coarsestFor(interval)), filters, metrics);
  return { period: range, clock, interval, timeZone, metrics, points: seriesPoints(range, rows, clock, localClock(timeZone, interval), metrics) };
}

/** The coarsest grain that nests in the series' buckets: months do not nest in weeks. */
export function coarsestFor(interval: ReportInterval): "hour" | "day" | "month" {
  return interval === "month" ? "month" : interval === "hour" ? "hour" : "day";
}

/** Sums hourly rows into the zone's buckets; every bucket of the period is present. */
export function seriesPoints(range: HourRange, rows: Awaited<ReturnType<typeof hourly>>, clock: ReportClock, local: ReturnType<typeof localClock>, metrics: readonly ReportMetric[]): SeriesPoint[] {
  const points = bucketsOf(range.from, range.to, local).map((b) => ({ ...b, sums: new Map<ReportMetric, { n: number; total: number }>() }));
  const index = new Map(points.map((p, i) => [p.key, i]));
  for (const r of rows) {
    const point = points[index.get(local.keyOf(r.hour)) ?? -1];
    if (!point) continue;
    const had = point.sums.get(r.metric) ?? { n: 0, total: 0 };
    point.sums.set(r.metric, { n: had.n + r.n, total: had.total + (clock === "business" && isTimed(r.metric) ? r.businessTotal : r.total) });
  }
  return points.map((p) => ({
    key: p.key,
    start: p.start,
    values: Object.fromEntries(
      metrics.map((m) => {
        const s = p.sums.get(m) ?? { n: 0, total: 0 };
        return [m, { count: s.n, average: (isTimed(m) || m === "csat") && s.n > 0 ? s.total / s.n : null }];
      }),
    ),
  }));
}

export async function distribution(db: Db, range: HourRange, filters: ReportFilters, clock: ReportClock, metric: ReportMetric, groupBy?: ReportGroupBy): Promise<ReportDistribution> {
  const rows = await buckets(db, planOf(range, await readableGrains(db)), filters, groupBy, [metric]);
  const counts = new Map<string, number[]>();
  for (const r of rows) {
    if (r.clock !== (clock === "business" ? 1 : 0)) continue;
    const c = counts.get(r.key) ?? new Array<number>(BUCKET_COUNT).fill(0);
    c[r.bucket] = (c[r.bucket] ?? 0) + r.n;
    counts.set(r.key, c);
  }
  const names = groupBy ? await keyNames(db, groupBy, [...counts.keys()].filter((k) => k !== NONE)) : new Map<string, string>();
  const groups = [...counts].map(([key, c]) => ({ key, name: names.get(key) ?? key, counts: c })).sort((a, b) => a.name.localeCompare(b.name));
  return { period: range, clock, metric, bounds: [...BUCKET_BOUNDS], groups };
}
