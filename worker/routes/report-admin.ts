/**
 * @module Reports' admin routes: the live dashboard (queues, agents' status and load),
 * the account's reporting time zone, and one step of the rollups' rebuild.
 */
import { createRoute } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { adminOrToken, writeErrors } from "./access";
import { liveReport } from "../reports/live";
import { rebuildReports } from "../reports/fold-rooms";
import { regrainReportsIfStale } from "../reports/regrain-job";
import { validTimeZone } from "../reports/time-buckets";
import { reportTimeZone, setReportTimeZone } from "../db/report-settings";
import { LiveReport, RebuildInput, RebuildStepResult, ReportSettings } from "../protocol";

/** Conversations one rebuild request folds: a page is 3 reads and one batch, so a step
 * stays well under D1's 1,000 queries per Worker invocation and its 30 s per query
 * (https://developers.cloudflare.com/d1/platform/limits/); the caller loops on `next`. */
const REBUILD_STEP_CONVERSATIONS = 1_000;

const live = createRoute({
  method: "get",
  path: "/api/v1/reports/live",
  ...adminOrToken,
  responses: { 200: jsonResponse(LiveReport, "Open and unassigned now; each queue's waiting and oldest wait; agents' status and load"), 401: errors[401], 403: errors[403] },
});
const getSettings = createRoute({
  method: "get",
  path: "/api/v1/reports/settings",
  ...adminOrToken,
  responses: { 200: jsonResponse(ReportSettings, "The account's reporting time zone"), 401: errors[401], 403: errors[403] },
});
const putSettings = createRoute({
  method: "put",
  path: "/api/v1/reports/settings",
  ...adminOrToken,
  request: jsonBody(ReportSettings),
  responses: { 200: jsonResponse(ReportSettings, "Saved"), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const rebuild = createRoute({
  method: "post",
  path: "/api/v1/reports/rebuild",
  ...adminOrToken,
  request: jsonBody(RebuildInput),
  responses: { 200: jsonResponse(RebuildStepResult, "One step done; call again with `after: next` until `next` is null"), ...writeErrors },
});

export const reportAdminRoutes = router()
  .openapi(live, async (c) => c.json(await liveReport(c.var.db, c.env), 200))
  .openapi(getSettings, async (c) => c.json({ timeZone: await reportTimeZone(c.var.db) }, 200))
  .openapi(putSettings, async (c) => {
    const { timeZone } = c.req.valid("json");
    if (!validTimeZone(timeZone)) throw new ApiError(400, "validation_failed", "Not a time zone this runtime knows (IANA names, e.g. America/Sao_Paulo).", [{ path: ["timeZone"], message: "unknown time zone" }]);
    if (timeZone !== (await reportTimeZone(c.var.db))) {
      // Days and months cut in the old zone are wrong now: reports read hours until the
      // grains are cut again, which starts at once and is retried by the cron.
      await setReportTimeZone(c.var.db, timeZone);
      c.executionCtx.waitUntil(regrainReportsIfStale(c.env));
    }
    return c.json({ timeZone }, 200);
  })
  .openapi(rebuild, async (c) => {
    const { after } = c.req.valid("json");
    return c.json(await rebuildReports(c.var.db, { after, maxConversations: REBUILD_STEP_CONVERSATIONS }), 200);
  });
