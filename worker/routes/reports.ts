/**
 * @module Reports (issue 18): overview, breakdowns, time series, distributions and their
 * CSV export. Any agent may call them and sees their own figures; admins and tokens with
 * `reports:read` see everyone's (./report-scope.ts). Every answer is read from the hourly
 * rollups (docs/reports.md).
 */
import { createRoute } from "@hono/zod-openapi";
import { errors, jsonResponse, router } from "../http/openapi";
import { agentOr } from "./access";
import { scopedFilters } from "./report-scope";
import { breakdown, distribution, hourRange, overview, series } from "../reports/report-service";
import { breakdownCsv, seriesCsv } from "../reports/csv-export";
import { BreakdownQuery, DistributionQuery, ExportQuery, ReportBreakdown, ReportDistribution, ReportOverview, ReportQuery, ReportSeries, SeriesQuery } from "../protocol";

const readErrors = { 400: errors[400], 401: errors[401], 403: errors[403] };

const overviewRoute = createRoute({
  method: "get",
  path: "/api/v1/reports/overview",
  ...agentOr("reports:read"),
  request: { query: ReportQuery },
  responses: { 200: jsonResponse(ReportOverview, "Every metric over the period and the one before it"), ...readErrors },
});
const breakdownRoute = createRoute({
  method: "get",
  path: "/api/v1/reports/breakdown",
  ...agentOr("reports:read"),
  request: { query: BreakdownQuery },
  responses: { 200: jsonResponse(ReportBreakdown, "Every metric per agent, team, inbox, channel, tag or type"), ...readErrors },
});
const seriesRoute = createRoute({
  method: "get",
  path: "/api/v1/reports/series",
  ...agentOr("reports:read"),
  request: { query: SeriesQuery },
  responses: { 200: jsonResponse(ReportSeries, "Metrics per hour, day, week or month in the account's time zone"), ...readErrors },
});
const distributionRoute = createRoute({
  method: "get",
  path: "/api/v1/reports/distribution",
  ...agentOr("reports:read"),
  request: { query: DistributionQuery },
  responses: { 200: jsonResponse(ReportDistribution, "How a timed metric's values spread over the histogram's buckets"), ...readErrors },
});
const exportRoute = createRoute({
  method: "get",
  path: "/api/v1/reports/export",
  ...agentOr("reports:read"),
  request: { query: ExportQuery },
  responses: { 200: { content: { "text/csv": { schema: { type: "string" } } }, description: "The report as CSV, streamed" }, ...readErrors },
});

export const reportRoutes = router()
  .openapi(overviewRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(await overview(c.var.db, hourRange(q.from, q.to), scopedFilters(c, q), q.clock), 200);
  })
  .openapi(breakdownRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(await breakdown(c.var.db, hourRange(q.from, q.to), scopedFilters(c, q), q.clock, q.groupBy), 200);
  })
  .openapi(seriesRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(await series(c.var.db, hourRange(q.from, q.to), scopedFilters(c, q), q.clock, q.interval, q.metrics), 200);
  })
  .openapi(distributionRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(await distribution(c.var.db, hourRange(q.from, q.to), scopedFilters(c, q), q.clock, q.metric, q.groupBy), 200);
  })
  .openapi(exportRoute, async (c) => {
    const q = c.req.valid("query");
    const filters = scopedFilters(c, q);
    const range = hourRange(q.from, q.to);
    const body =
      q.report === "series"
        ? seriesCsv(c.var.db, range, filters, q.clock, q.interval, q.metrics ?? ["conversations_created", "conversations_resolved"])
        : breakdownCsv(c.var.db, range, filters, q.clock, q.groupBy ?? "agent", q.metrics);
    const name = `report-${q.report}-${new Date(range.from).toISOString().slice(0, 10)}.csv`;
    return c.body(body, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" }) as never;
  });
