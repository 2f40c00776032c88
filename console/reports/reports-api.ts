/**
 * @module The Reports area's calls, each answer parsed with the protocol's schema.
 */
import { call } from "../api";
import {
  LiveReport,
  Ok,
  ReportBreakdown,
  ReportDistribution,
  ReportOverview,
  ReportSeries,
  SavedReport,
  SavedReportList,
  type ReportClock,
  type ReportGroupBy,
  type ReportInterval,
  type ReportMetric,
  type ReportPeriodPreset,
  type SavedReportInput,
} from "../../worker/protocol";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRESET_DAYS: Record<ReportPeriodPreset, number> = { today: 1, last_7_days: 7, last_30_days: 30, last_90_days: 90, last_365_days: 365 };

/** A rolling preset as a period ending at the next whole hour (rollups are hourly). */
export function periodOf(preset: ReportPeriodPreset, now = Date.now()): { from: number; to: number } {
  const to = Math.ceil(now / HOUR) * HOUR;
  return { from: to - PRESET_DAYS[preset] * DAY, to };
}

export interface View {
  preset: ReportPeriodPreset;
  clock: ReportClock;
  groupBy: ReportGroupBy;
  interval: ReportInterval;
  metrics: ReportMetric[];
}

function query(view: View, extra: Record<string, string> = {}): string {
  const { from, to } = periodOf(view.preset);
  return new URLSearchParams({ from: String(from), to: String(to), clock: view.clock, ...extra }).toString();
}

export const reportsApi = {
  overview: (view: View) => call(ReportOverview, `/api/v1/reports/overview?${query(view)}`),
  breakdown: (view: View) => call(ReportBreakdown, `/api/v1/reports/breakdown?${query(view, { groupBy: view.groupBy })}`),
  series: (view: View) => call(ReportSeries, `/api/v1/reports/series?${query(view, { interval: view.interval, metrics: view.metrics.join(",") })}`),
  distribution: (view: View) => call(ReportDistribution, `/api/v1/reports/distribution?${query(view, { metric: "first_response" })}`),
  live: () => call(LiveReport, "/api/v1/reports/live"),
  saved: () => call(SavedReportList, "/api/v1/reports/saved"),
  save: (input: SavedReportInput) => call(SavedReport, "/api/v1/reports/saved", { method: "POST", body: input }),
  remove: (id: string) => call(Ok, `/api/v1/reports/saved/${encodeURIComponent(id)}`, { method: "DELETE" }),
  /** The CSV export's address: the browser downloads it (streamed by the server). */
  exportUrl: (view: View, report: "breakdown" | "series") =>
    `/api/v1/reports/export?${query(view, report === "series" ? { report, interval: view.interval, metrics: view.metrics.join(",") } : { report, groupBy: view.groupBy })}`,
};
