/**
 * @module Canned responses: every agent lists and searches them (the composer's `/`
 * picker); admins create, edit and delete them. A shortcode is unique (409).
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { newId } from "../db/client";
import { deleteCannedResponse, insertCannedResponse, listCannedResponses, updateCannedResponse } from "../db/canned-responses";
import { unlessDuplicate } from "../db/constraint-errors";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, adminOrToken, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { CannedResponse, CreateCannedBody, Ok, UpdateCannedBody, CannedResponseList } from "../protocol";
import { IdParam } from "./params";
import { settingsChanged } from "../audit/entry";

const MAX_CANNED_QUERY_CHARS = 100;

const taken = () => new ApiError(409, "conflict", "A canned response with this shortcode already exists.");
const missing = () => new ApiError(404, "canned_response_not_found", "No canned response with that id.");

const CannedQuery = z.strictObject({
  /** Matched in shortcodes and bodies; a leading `/` (as typed in the composer) is ignored. */
  q: z.string().trim().max(MAX_CANNED_QUERY_CHARS).optional(),
});

const list = createRoute({
  method: "get",
  path: "/api/v1/canned-responses",
  ...agentOr("conversations:read"),
  request: { query: CannedQuery },
  responses: { 200: jsonResponse(CannedResponseList, "Canned responses, shortcode matches first"), 400: errors[400], 401: errors[401] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/canned-responses",
  ...adminOrToken,
  request: jsonBody(CreateCannedBody),
  responses: { 201: jsonResponse(CannedResponse, "Canned response created"), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/canned-responses/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateCannedBody) },
  responses: { 200: jsonResponse(CannedResponse, "Canned response updated"), ...writeErrors, 409: errors[409] },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/canned-responses/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Canned response deleted"), ...writeErrors },
});

export const cannedResponseRoutes = router()
  .openapi(list, async (c) => {
    const q = c.req.valid("query").q?.replace(/^\//, "").trim();
    return c.json({ cannedResponses: await listCannedResponses(c.var.db, q || undefined) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const id = newId();
    // The shortcode names it; the body is text for customers, not recorded.
    const canned = await unlessDuplicate(insertCannedResponse(c.var.db, { id, shortcode: body.shortcode, body: body.body }, Date.now(), settingsChanged(c, "canned_responses", "created", { type: "canned_response", id }, { name: body.shortcode })));
    if (canned === "duplicate") throw taken();
    return c.json(canned, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const canned = await unlessDuplicate(updateCannedResponse(c.var.db, id, changes, Date.now(), settingsChanged(c, "canned_responses", "updated", { type: "canned_response", id }, { fields: changes, ...(changes.shortcode ? { name: changes.shortcode } : {}) })));
    if (canned === "duplicate") throw taken();
    if (!canned) throw missing();
    return c.json(canned, 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deleteCannedResponse(c.var.db, id, settingsChanged(c, "canned_responses", "deleted", { type: "canned_response", id })))) throw missing();
    return c.json({ ok: true as const }, 200);
  });
