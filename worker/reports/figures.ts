/**
 * @module Turns summed rollup rows into a report's figures: counts, averages, percentiles
 * from the histograms, the CSAT score and response rate (docs/reports.md).
 */
import { isTimed, ReportMetric, type MetricFigures, type ReportClock, type ReportFigures } from "../protocol";
import type { BucketRow, TotalsRow } from "../db/report-queries";
import { BUCKET_COUNT, quantileOf } from "./buckets";

const CLOCK_ID: Record<ReportClock, number> = { calendar: 0, business: 1 };

function metricFigures(metric: ReportMetric, row: TotalsRow | undefined, counts: number[], clock: ReportClock): MetricFigures {
  const n = row?.n ?? 0;
  const sum = row ? (clock === "business" && isTimed(metric) ? row.businessTotal : row.total) : 0;
  const averaged = isTimed(metric) || metric === "csat";
  return {
    count: n,
    sum,
    average: averaged && n > 0 ? sum / n : null,
    p50: isTimed(metric) ? quantileOf(counts, 0.5) : null,
    p90: isTimed(metric) ? quantileOf(counts, 0.9) : null,
  };
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** Figures per group key, for every key that has a row. */
export function figuresByKey(totals: readonly TotalsRow[], buckets: readonly BucketRow[], clock: ReportClock): Map<string, ReportFigures> {
  const rows = new Map<string, Map<ReportMetric, TotalsRow>>();
  for (const r of totals) {
    const byMetric = rows.get(r.key) ?? new Map<ReportMetric, TotalsRow>();
    const had = byMetric.get(r.metric);
    // D1 answers sums as numbers; rows of one key and metric (figuresOfAll) add up.
    byMetric.set(r.metric, had ? { ...had, n: had.n + r.n, total: had.total + r.total, businessTotal: had.businessTotal + r.businessTotal } : r);
    rows.set(r.key, byMetric);
  }
  const histograms = new Map<string, number[]>();
  for (const b of buckets) {
    if (b.clock !== CLOCK_ID[clock]) continue;
    const id = `${b.key}\u0000${b.metric}`;
    const counts = histograms.get(id) ?? new Array<number>(BUCKET_COUNT).fill(0);
    counts[b.bucket] = (counts[b.bucket] ?? 0) + b.n;
    histograms.set(id, counts);
  }
  const out = new Map<string, ReportFigures>();
  for (const [key, byMetric] of rows) out.set(key, figuresOf(byMetric, (m) => histograms.get(`${key}\u0000${m}`) ?? [], clock));
  return out;
}

function figuresOf(byMetric: Map<ReportMetric, TotalsRow>, countsOf: (m: ReportMetric) => number[], clock: ReportClock): ReportFigures {
  const metrics = Object.fromEntries(ReportMetric.options.map((m) => [m, metricFigures(m, byMetric.get(m), countsOf(m), clock)])) as Record<ReportMetric, MetricFigures>;
  return {
    metrics,
    csatScore: ratio(metrics.csat_positive.count, metrics.csat.count),
    csatResponseRate: ratio(metrics.csat.count, metrics.csat_asked.count),
  };
}

/** The figures of one ungrouped set of rows (every key summed). */
export function figuresOfAll(totals: readonly TotalsRow[], buckets: readonly BucketRow[], clock: ReportClock): ReportFigures {
  return figuresByKey(totals.map((r) => ({ ...r, key: "" })), buckets.map((b) => ({ ...b, key: "" })), clock).get("") ?? emptyFigures(clock);
}

export function emptyFigures(clock: ReportClock): ReportFigures {
  return figuresOf(new Map(), () => [], clock);
}
