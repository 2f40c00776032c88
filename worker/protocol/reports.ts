/**
 * @module Wire shapes of reports (issue 18): the metrics (each defined in docs/reports.md),
 * what a report asks for (period, grouping, filters) and what it answers.
 */
import { z } from "zod";
import { ChannelKind } from "./summary";

/** One fact kind a rollup counts. Timed ones carry a duration (calendar and business
 * hours) and a histogram; `csat` carries the rating. */
export const ReportMetric = z.enum([
  "conversations_created",
  "conversations_reopened",
  "conversations_resolved",
  "messages_in",
  "messages_out",
  "first_response",
  "reply",
  "queue_wait",
  "handle",
  "csat_asked",
  "csat",
  "csat_positive",
]);
export type ReportMetric = z.infer<typeof ReportMetric>;

/** Metrics whose value is a duration in ms: these have business-hours variants and a
 * histogram (`conversations_resolved` is the resolution time). */
export const TIMED_METRICS: readonly ReportMetric[] = ["conversations_resolved", "first_response", "reply", "queue_wait", "handle"];
export function isTimed(metric: ReportMetric): boolean {
  return TIMED_METRICS.includes(metric);
}

/** What a breakdown groups by. `tag` and `type` read the conversations' tags and type as
 * they are now (docs/reports.md, "Tags and types"). */
export const ReportGroupBy = z.enum(["agent", "team", "inbox", "channel", "tag", "type"]);
export type ReportGroupBy = z.infer<typeof ReportGroupBy>;

export const ReportInterval = z.enum(["hour", "day", "week", "month"]);
export type ReportInterval = z.infer<typeof ReportInterval>;

/** Calendar time, or time inside the attributed team's business hours. */
export const ReportClock = z.enum(["calendar", "business"]);
export type ReportClock = z.infer<typeof ReportClock>;

/** The longest period one report may cover: two years of hourly rollups. */
export const MAX_REPORT_PERIOD_MS = 2 * 366 * 24 * 60 * 60 * 1000;

/** One metric's figures over a set of rollup rows. Durations in ms; null: nothing counted. */
export const MetricFigures = z.object({
  count: z.number().int(),
  /** Timed: the sum of durations (ms); csat: the sum of ratings. */
  sum: z.number(),
  average: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
});
export type MetricFigures = z.infer<typeof MetricFigures>;

/** Every metric of one group or period. */
export const ReportFigures = z.object({
  metrics: z.record(ReportMetric, MetricFigures),
  /** Share (0–1) of ratings that were 4 or 5; null: no ratings. */
  csatScore: z.number().nullable(),
  /** Ratings per survey asked (0–1); null: no survey asked. */
  csatResponseRate: z.number().nullable(),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportFilters = z.strictObject({
  agentId: z.string().max(64).optional(),
  teamId: z.string().max(64).optional(),
  inboxId: z.string().max(64).optional(),
  channel: ChannelKind.optional(),
});
export type ReportFilters = z.infer<typeof ReportFilters>;

// --- requests ------------------------------------------------------------------------

const Epoch = z.coerce.number().int().min(0).max(8_640_000_000_000);
const Id = z.string().min(1).max(64);

/** What every report's query string carries: the period (ms, cut to whole hours), the
 * clock and the filters. */
const ReportQueryFields = z.strictObject({
  from: Epoch,
  to: Epoch,
  clock: ReportClock.default("calendar"),
  agentId: Id.optional(),
  teamId: Id.optional(),
  inboxId: Id.optional(),
  channel: ChannelKind.optional(),
});

/** A comma-separated list of metrics in a query string. */
export const MetricList = z
  .string()
  .max(400)
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(z.array(ReportMetric).min(1).max(ReportMetric.options.length));

function withPeriod<T extends z.ZodType<{ from: number; to: number }>>(schema: T) {
  return schema
    .refine((q) => q.to > q.from, { message: "`to` must come after `from`", path: ["to"] })
    .refine((q) => q.to - q.from <= MAX_REPORT_PERIOD_MS, { message: "a report covers at most two years", path: ["to"] });
}

export const ReportQuery = withPeriod(ReportQueryFields);
export type ReportQuery = z.infer<typeof ReportQuery>;
export const BreakdownQuery = withPeriod(ReportQueryFields.extend({ groupBy: ReportGroupBy }));
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;
export const SeriesQuery = withPeriod(ReportQueryFields.extend({ interval: ReportInterval.default("day"), metrics: MetricList.optional() }));
export type SeriesQuery = z.infer<typeof SeriesQuery>;
export const DistributionQuery = withPeriod(
  ReportQueryFields.extend({ metric: ReportMetric.refine(isTimed, "only timed metrics have a distribution"), groupBy: ReportGroupBy.optional() }),
);
export type DistributionQuery = z.infer<typeof DistributionQuery>;
/** The CSV export: which report, and that report's own parameters. */
export const ExportQuery = withPeriod(
  ReportQueryFields.extend({ report: z.enum(["breakdown", "series"]), groupBy: ReportGroupBy.optional(), interval: ReportInterval.default("day"), metrics: MetricList.optional() }),
);
export type ExportQuery = z.infer<typeof ExportQuery>;

// --- answers -------------------------------------------------------------------------

const Period = z.object({ from: z.number().int(), to: z.number().int() });

export const ReportOverview = z.object({
  period: Period,
  /** The period of the same length just before. */
  previousPeriod: Period,
  clock: ReportClock,
  current: ReportFigures,
  previous: ReportFigures,
  /** Conversations by status now (not bound to the period). */
  statusNow: z.record(z.string(), z.number().int()),
});
export type ReportOverview = z.infer<typeof ReportOverview>;

export const ReportGroup = z.object({ key: z.string(), name: z.string(), figures: ReportFigures });
export type ReportGroup = z.infer<typeof ReportGroup>;

export const ReportBreakdown = z.object({ period: Period, clock: ReportClock, groupBy: ReportGroupBy, groups: z.array(ReportGroup) });
export type ReportBreakdown = z.infer<typeof ReportBreakdown>;

export const SeriesPoint = z.object({
  /** The bucket in the account's time zone: "2026-12-07T13:00", "2026-12-07" (a day or the
   * Monday of an ISO week), "2026-12". */
  key: z.string(),
  /** Its first hour (ms). */
  start: z.number().int(),
  values: z.record(z.string(), z.object({ count: z.number().int(), average: z.number().nullable() })),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const ReportSeries = z.object({ period: Period, clock: ReportClock, interval: ReportInterval, timeZone: z.string(), metrics: z.array(ReportMetric), points: z.array(SeriesPoint) });
export type ReportSeries = z.infer<typeof ReportSeries>;

export const ReportDistribution = z.object({
  period: Period,
  clock: ReportClock,
  metric: ReportMetric,
  /** Lower bounds (ms) of the buckets; the last is open-ended. */
  bounds: z.array(z.number().int()),
  groups: z.array(z.object({ key: z.string(), name: z.string(), counts: z.array(z.number().int()) })),
});
export type ReportDistribution = z.infer<typeof ReportDistribution>;

export const LiveReport = z.object({
  open: z.number().int(),
  unassigned: z.number().int(),
  queues: z.array(z.object({ teamId: z.string(), name: z.string(), waiting: z.number().int(), oldestWaitingSince: z.number().int().nullable() })),
  agents: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), load: z.number().int() })),
});
export type LiveReport = z.infer<typeof LiveReport>;

export const ReportSettings = z.strictObject({ timeZone: z.string().min(1).max(64) });
export type ReportSettings = z.infer<typeof ReportSettings>;

// --- custom reports --------------------------------------------------------------------

export const ReportPeriodPreset = z.enum(["today", "last_7_days", "last_30_days", "last_90_days", "last_365_days"]);
export type ReportPeriodPreset = z.infer<typeof ReportPeriodPreset>;

/** What a custom report is: the metrics it shows, grouped (a breakdown) or over time (a
 * series), with its filters, clock and period (a rolling preset, or fixed dates). */
export const ReportDefinition = z.strictObject({
  metrics: z.array(ReportMetric).min(1).max(ReportMetric.options.length),
  view: z.enum(["breakdown", "series"]),
  groupBy: ReportGroupBy.default("agent"),
  interval: ReportInterval.default("day"),
  clock: ReportClock.default("calendar"),
  filters: ReportFilters.default({}),
  period: z.union([z.strictObject({ preset: ReportPeriodPreset }), z.strictObject({ from: z.number().int().min(0), to: z.number().int().min(0) })]),
});
export type ReportDefinition = z.infer<typeof ReportDefinition>;

export const MAX_SAVED_REPORT_NAME_CHARS = 120;

export const SavedReportInput = z.strictObject({
  name: z.string().trim().min(1).max(MAX_SAVED_REPORT_NAME_CHARS),
  /** Visible to every admin; only its owner changes or deletes it. */
  shared: z.boolean().default(false),
  definition: ReportDefinition,
});
export type SavedReportInput = z.infer<typeof SavedReportInput>;

export const SavedReport = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  shared: z.boolean(),
  definition: ReportDefinition,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type SavedReport = z.infer<typeof SavedReport>;
export const SavedReportList = z.object({ reports: z.array(SavedReport) });

/** `POST /api/v1/reports/rebuild`: one step of the resumable rebuild. */
export const RebuildInput = z.strictObject({
  /** Where the previous step stopped (its `next`); absent: start over, clearing everything. */
  after: z.string().min(1).max(64).optional(),
});
export const RebuildStepResult = z.object({ conversations: z.number().int(), facts: z.number().int(), next: z.string().nullable() });
