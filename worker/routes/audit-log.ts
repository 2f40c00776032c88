/**
 * @module The audit log for owners (issue 16): GET /api/v1/audit-log, newest first,
 * filtered by action, actor, target and time, one keyset page at a time. Owners' console
 * sessions only (`ownerOnly`): admins are among those it watches, and tokens are minted by
 * admins. There is no route that writes, changes or deletes an entry — a PUT, PATCH or
 * DELETE here answers 405 (http/method-not-allowed.ts) — entries are appended only in the
 * batch of the change they record (audit/entry.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import { listAudit } from "../db/audit-log";
import { errors, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { AuditPage, AuditQuery } from "../protocol";
import { ownerOnly } from "./access";
import { decodeAuditCursor, encodeAuditCursor } from "./cursor";

const route = createRoute({
  method: "get",
  path: "/api/v1/audit-log",
  ...ownerOnly,
  request: { query: AuditQuery },
  responses: { 200: jsonResponse(AuditPage, "Entries, newest first; `next` is the cursor of the page after, or null"), 400: errors[400], 401: errors[401], 403: errors[403] },
});

export const auditLogRoutes = router().openapi(route, async (c) => {
  const q = c.req.valid("query");
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw new ApiError(400, "validation_failed", "`from` is after `to`.", [{ path: ["from"], message: "must not be after `to`" }]);
  }
  const before = q.cursor ? decodeAuditCursor(q.cursor) : undefined;
  // One more than the page holds says whether another page follows.
  const rows = await listAudit(c.var.db, { action: q.action, actorId: q.actorId, targetId: q.targetId, from: q.from, to: q.to, before, limit: q.limit + 1 });
  const entries = rows.slice(0, q.limit);
  const next = rows.length > q.limit ? encodeAuditCursor(entries[entries.length - 1]!) : null;
  return c.json({ entries, next }, 200);
});
