/**
 * @module The contact's rights (issue 16, LGPD art. 18): export everything stored about a
 * contact as a ZIP, erase their personal data everywhere it lives, and set an inbox's
 * retention period. Admins and owners, or a token with the `admin` scope (which covers
 * every inbox). Each leaves an audit entry: `contact.exported`, `contact.erased` (written
 * by the erasure itself when it completes), `settings.changed`.
 */
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOrToken, writeErrors } from "./access";
import { IdParam } from "./params";
import { ApiError } from "../http/api-error";
import { recordAudit, auditStatement } from "../db/audit-log";
import { findContact } from "../db/contacts";
import { findInbox } from "../db/inboxes";
import { inboxes } from "../db/schema";
import type { ErasureActor } from "../db/schema";
import { contactExportRows } from "../db/contact-export";
import { exportContact } from "../rights/export-contact";
import { requestErasure, runErasure } from "../rights/erase-contact";
import { ContactErasure, ERASE_CONFIRMATION, EraseContactBody, InboxRetention, InboxRetentionBody } from "../protocol";

const exportRoute = createRoute({
  method: "get",
  path: "/api/v1/contacts/{id}/export",
  ...adminOrToken,
  description: "Everything stored about the contact: `contact.json` and their files under `files/`, as a ZIP download.",
  request: { params: IdParam },
  responses: { 200: { content: { "application/zip": { schema: { type: "string", format: "binary" } } }, description: "The archive" }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const eraseRoute = createRoute({
  method: "post",
  path: "/api/v1/contacts/{id}/erase",
  ...adminOrToken,
  description: `Erases the contact's personal data everywhere it lives. The body must confirm with \`{"confirm": "${ERASE_CONFIRMATION}"}\`. 200 once complete; 202 when a step failed and the erasure will be completed by a retry (the cron, within minutes).`,
  request: { params: IdParam, ...jsonBody(EraseContactBody) },
  responses: { 200: jsonResponse(ContactErasure, "Erased"), 202: jsonResponse(ContactErasure, "Recorded; completing"), ...writeErrors, 422: errors[422] },
});
const getRetention = createRoute({
  method: "get",
  path: "/api/v1/inboxes/{id}/retention",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(InboxRetention, "The inbox's retention period"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const putRetention = createRoute({
  method: "put",
  path: "/api/v1/inboxes/{id}/retention",
  ...adminOrToken,
  description: "Resolved conversations of the inbox have their text and files erased this many days after they were resolved (null: kept).",
  request: { params: IdParam, ...jsonBody(InboxRetentionBody) },
  responses: { 200: jsonResponse(InboxRetention, "Saved"), ...writeErrors },
});

/** The caller as the audit log names them. */
function auditActor(c: Context<AppEnv>): ErasureActor {
  const p = c.var.principal;
  return p.kind === "agent" ? { type: "agent", id: p.agent.id, name: p.agent.name } : { type: "token", id: p.token.id, name: p.token.name };
}

const ipOf = (c: Context<AppEnv>) => c.req.header("CF-Connecting-IP") ?? null;

async function requireContact(c: Context<AppEnv>, id: string): Promise<void> {
  if (!(await findContact(c.var.db, id))) throw new ApiError(404, "contact_not_found", "No contact with that id.");
}

async function requireInbox(c: Context<AppEnv>, id: string) {
  const inbox = await findInbox(c.var.db, id);
  if (!inbox) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  return inbox;
}

export const contactRightsRoutes = router()
  .openapi(exportRoute, async (c) => {
    const { id } = c.req.valid("param");
    const rows = await contactExportRows(c.var.db, id);
    if (!rows) throw new ApiError(404, "contact_not_found", "No contact with that id.");
    const now = Date.now();
    await recordAudit(c.var.db, { action: "contact.exported", actor: auditActor(c), targetType: "contact", targetId: id, ip: ipOf(c), details: { conversations: rows.conversations.length }, at: now });
    const { readable, done } = exportContact(c.env, rows, now);
    c.executionCtx.waitUntil(done);
    return new Response(readable, {
      status: 200,
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="contact-${id.replace(/[^A-Za-z0-9_-]/g, "_")}.zip"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    }) as never;
  })
  .openapi(eraseRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { confirm } = c.req.valid("json");
    if (confirm !== ERASE_CONFIRMATION) throw new ApiError(422, "confirmation_required", `Type ${ERASE_CONFIRMATION} to confirm the erasure; it cannot be undone.`);
    await requireContact(c, id);
    const now = Date.now();
    await requestErasure(c.var.db, id, auditActor(c), ipOf(c), now);
    try {
      return c.json(await runErasure(c.env, c.var.db, id, now), 200);
    } catch (err) {
      // Recorded: the cron runs it again until it completes (worker/rights/cron.ts).
      console.warn(JSON.stringify({ msg: "erasure incomplete, will be retried", contactId: id, error: String(err) }));
      return c.json({ contactId: id, requestedAt: now, completedAt: null, counts: { conversations: 0, events: 0, files: 0, webhookDeliveries: 0 } }, 202);
    }
  })
  .openapi(getRetention, async (c) => {
    const inbox = await requireInbox(c, c.req.valid("param").id);
    return c.json({ retentionDays: inbox.retentionDays }, 200);
  })
  .openapi(putRetention, async (c) => {
    const { id } = c.req.valid("param");
    const { retentionDays } = c.req.valid("json");
    const inbox = await requireInbox(c, id);
    const db = c.var.db;
    await db.batch([
      db.update(inboxes).set({ retentionDays }).where(eq(inboxes.id, id)),
      auditStatement(db, { action: "settings.changed", actor: auditActor(c), targetType: "inbox", targetId: id, ip: ipOf(c), details: { setting: "retentionDays", from: inbox.retentionDays, to: retentionDays }, at: Date.now() }),
    ]);
    return c.json({ retentionDays }, 200);
  });
