/**
 * @module CSV export of a report, streamed: a pull-based ReadableStream asks D1 for one
 * slice of the period at a time (about a month of hourly rollups) only when the client
 * has taken the previous one, so a year's export never holds the year in memory. A
 * breakdown has one line per group (agents, teams, tags…), streamed as it is formatted.
 */
import type { Db } from "../db/client";
import { hourly, type HourRange } from "../db/report-queries";
import { reportTimeZone } from "../db/report-settings";
import { ReportMetric, type ReportClock, type ReportFilters, type ReportGroupBy, type ReportInterval } from "../protocol";
import { readableGrains } from "../db/report-grains";
import { breakdown, coarsestFor, planOf, seriesPoints } from "./report-service";
import type { LocalGrains } from "./local-grains";
import { bucketsOf, localClock } from "./time-buckets";

const HOUR_MS = 3_600_000;
/** The most hours one slice of a series export reads: a month and a bit. */
const SLICE_HOURS = 32 * 24;

/** One CSV field (RFC 4180 quoting). A text that a spreadsheet would run as a formula
 * (=, +, -, @ first) gets a leading apostrophe: names are user text (OWASP CSV injection). */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(fields: (string | number | null)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** A stream that calls `next` for each chunk of text until it answers null. */
function streamOf(next: () => Promise<string | null>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const text = await next();
      if (text === null) controller.close();
      else controller.enqueue(encoder.encode(text));
    },
  });
}

export function seriesCsv(db: Db, range: HourRange, filters: ReportFilters, clock: ReportClock, interval: ReportInterval, metrics: readonly ReportMetric[]): ReadableStream<Uint8Array> {
  let slices: HourRange[] | null = null;
  let local: ReturnType<typeof localClock> | null = null;
  let grains: LocalGrains | null = null;
  return streamOf(async () => {
    if (slices === null) {
      let timeZone: string;
      [timeZone, grains] = await Promise.all([reportTimeZone(db), readableGrains(db)]);
      local = localClock(timeZone, interval);
      slices = slicesOf(range, local);
      return line(["bucket", "start_utc", ...metrics.flatMap((m) => [`${m}_count`, `${m}_average`])]);
    }
    const slice = slices.shift();
    if (!slice) return null;
    const points = seriesPoints(slice, await hourly(db, planOf(slice, grains, coarsestFor(interval)), filters, metrics), clock, local!, metrics);
    return points.map((p) => line([p.key, new Date(p.start).toISOString(), ...metrics.flatMap((m) => [p.values[m]?.count ?? 0, p.values[m]?.average ?? null])])).join("");
  });
}

/** The period cut into slices of whole buckets, each at most SLICE_HOURS long (a month
 * bucket is at most 744 hours, so one always fits). */
function slicesOf(range: HourRange, local: ReturnType<typeof localClock>): HourRange[] {
  const buckets = bucketsOf(range.from, range.to, local);
  const slices: HourRange[] = [];
  let start = range.from;
  for (let i = 1; i <= buckets.length; i++) {
    const end = buckets[i]?.start ?? range.to;
    const next = buckets[i + 1]?.start ?? range.to;
    if (i === buckets.length || next - start > SLICE_HOURS * HOUR_MS) {
      slices.push({ from: start, to: end });
      start = end;
    }
  }
  return slices;
}

export function breakdownCsv(db: Db, range: HourRange, filters: ReportFilters, clock: ReportClock, groupBy: ReportGroupBy, metrics: readonly ReportMetric[] = ReportMetric.options): ReadableStream<Uint8Array> {
  let groups: Awaited<ReturnType<typeof breakdown>>["groups"] | null = null;
  return streamOf(async () => {
    if (groups === null) {
      groups = (await breakdown(db, range, filters, clock, groupBy)).groups;
      return line([groupBy, "name", ...metrics.flatMap((m) => [`${m}_count`, `${m}_sum`, `${m}_average`, `${m}_p50`, `${m}_p90`]), "csat_score", "csat_response_rate"]);
    }
    const g = groups.shift();
    if (!g) return null;
    return line([g.key, g.name, ...metrics.flatMap((m) => { const f = g.figures.metrics[m]; return [f.count, f.sum, f.average, f.p50, f.p90]; }), g.figures.csatScore, g.figures.csatResponseRate]);
  });
}
