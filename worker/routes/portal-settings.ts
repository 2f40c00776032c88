/**
 * @module The customer portal's settings (admins, Settings → Customer portal): the web
 * chat inbox new requests land in, the e-mail inbox sign-in links are sent from, and the
 * request categories (which routing rules can name, `portalCategories`).
 */
import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { PortalSettings, PortalSettingsBody, type ChannelKind } from "../protocol";
import { portalSettingsStatement, readPortalSettings } from "../db/portal-settings";
import { auditStatement } from "../db/audit-log";
import { clientAddress } from "../channels/webchat/visitor";
import { findInbox } from "../db/inboxes";
import type { Db } from "../db/client";
import { adminOrToken, writeErrors } from "./access";

const read = createRoute({
  method: "get",
  path: "/api/v1/portal-settings",
  ...adminOrToken,
  responses: { 200: jsonResponse(PortalSettings, "The portal's settings"), 401: writeErrors[401], 403: writeErrors[403] },
});
const save = createRoute({
  method: "put",
  path: "/api/v1/portal-settings",
  ...adminOrToken,
  request: jsonBody(PortalSettingsBody),
  responses: { 200: jsonResponse(PortalSettings, "Saved"), ...writeErrors },
});

/** 404 unless `id` is a live inbox of `kind` (null: none chosen, always fine). */
async function assertInbox(db: Db, id: string | null, kind: ChannelKind, field: string): Promise<void> {
  if (id === null) return;
  const inbox = await findInbox(db, id);
  if (!inbox || inbox.deletedAt) throw new ApiError(404, "inbox_not_found", "No such inbox.");
  if (inbox.kind !== kind) throw new ApiError(400, "validation_failed", "The settings are not valid.", [{ path: [field], message: `must be a ${kind} inbox` }]);
}

export const portalSettingsRoutes = router()
  .openapi(read, async (c) => c.json(await readPortalSettings(c.var.db), 200))
  .openapi(save, async (c) => {
    const body = c.req.valid("json");
    await assertInbox(c.var.db, body.inboxId, "webchat", "inboxId");
    await assertInbox(c.var.db, body.emailInboxId, "email", "emailInboxId");
    const now = Date.now();
    const p = c.var.principal;
    const actor = p.kind === "agent" ? { type: "agent" as const, id: p.agent.id, name: p.agent.name } : { type: "token" as const, id: p.token.id, name: p.token.name };
    // The change and its audit entry land together, or neither does.
    await c.var.db.batch([
      portalSettingsStatement(c.var.db, body, now),
      auditStatement(c.var.db, {
        action: "settings.changed",
        actor,
        targetType: "settings",
        targetId: "portal",
        ip: clientAddress(c),
        details: { inboxId: body.inboxId, emailInboxId: body.emailInboxId, categoryIds: body.categories.map((k) => k.id) },
        at: now,
      }),
    ]);
    return c.json(await readPortalSettings(c.var.db), 200);
  });
