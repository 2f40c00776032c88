/**
 * @module Custom reports (issue 18): an admin saves a report's definition (metrics, view,
 * grouping, filters, clock, period) under a name, optionally shared with the other
 * admins. Everyone sees their own and the shared ones; only the owner changes or deletes
 * one. Console sessions only: a saved report belongs to an agent.
 */
import { createRoute } from "@hono/zod-openapi";
import { newId } from "../db/client";
import { deleteReport, insertReport, updateReport, visibleReports } from "../db/saved-reports";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { adminOnly, writeErrors } from "./access";
import { IdParam } from "./params";
import { Ok, SavedReport, SavedReportInput, SavedReportList } from "../protocol";

const missing = () => new ApiError(404, "report_not_found", "No saved report of yours with that id.");

const list = createRoute({
  method: "get",
  path: "/api/v1/reports/saved",
  ...adminOnly,
  responses: { 200: jsonResponse(SavedReportList, "The caller's saved reports and those shared by other admins, newest first"), 401: errors[401], 403: errors[403] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/reports/saved",
  ...adminOnly,
  request: jsonBody(SavedReportInput),
  responses: { 201: jsonResponse(SavedReport, "Saved"), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const update = createRoute({
  method: "put",
  path: "/api/v1/reports/saved/{id}",
  ...adminOnly,
  request: { params: IdParam, ...jsonBody(SavedReportInput) },
  responses: { 200: jsonResponse(SavedReport, "Changed"), ...writeErrors },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/reports/saved/{id}",
  ...adminOnly,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Deleted"), ...writeErrors },
});

export const savedReportRoutes = router()
  .openapi(list, async (c) => c.json({ reports: await visibleReports(c.var.db, c.var.agent.id) }, 200))
  .openapi(create, async (c) => c.json(await insertReport(c.var.db, newId(), c.var.agent.id, c.req.valid("json"), Date.now()), 201))
  .openapi(update, async (c) => {
    const report = await updateReport(c.var.db, c.req.valid("param").id, c.var.agent.id, c.req.valid("json"), Date.now());
    if (!report) throw missing();
    return c.json(report, 200);
  })
  .openapi(remove, async (c) => {
    if (!(await deleteReport(c.var.db, c.req.valid("param").id, c.var.agent.id))) throw missing();
    return c.json({ ok: true as const }, 200);
  });
