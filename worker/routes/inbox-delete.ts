/**
 * @module Deleting an inbox (admins): `DELETE /api/v1/inboxes/{id}`. A soft delete: the
 * row stays (deleted_at set) so its conversations keep their inbox in history, while
 * every lookup for new work stops finding it — the list, its provider's webhook (404, so
 * the provider gives up), the widget's config and sessions (404). Before that, the
 * provider is told to stop delivering (the adapter's `disconnect`: Telegram's
 * deleteWebhook), best effort: the inbox goes whatever the provider answers.
 */
import { createRoute } from "@hono/zod-openapi";
import { channelConfigOf } from "../channels/config";
import { softDeleteInbox } from "../db/inboxes";
import { ApiError } from "../http/api-error";
import { jsonResponse, router } from "../http/openapi";
import { Ok } from "../protocol";
import { adminOrToken, writeErrors } from "./access";
import { disconnectChannel } from "./inbox-connect";
import { loadInbox } from "./inbox-view";
import { IdParam } from "./params";
import { settingsChanged } from "../audit/entry";

const remove = createRoute({
  method: "delete",
  path: "/api/v1/inboxes/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Inbox deleted; its conversations stay in history"), ...writeErrors },
});

export const inboxDeleteRoutes = router().openapi(remove, async (c) => {
  const { id } = c.req.valid("param");
  const inbox = await loadInbox(c, id);
  // Credentials that cannot be opened (no key, a replaced key) cannot call the provider:
  // the inbox is deleted anyway, and its webhook answers 404 from now on.
  const config = inbox.kind === "webchat" ? null : await channelConfigOf(c.env, inbox);
  if (config && typeof config !== "string") {
    const check = await disconnectChannel(c, { inboxId: inbox.id, kind: inbox.kind, settings: config.settings as Record<string, unknown>, credentials: config.credentials as Record<string, string> });
    if (check && !check.ok) console.warn(JSON.stringify({ msg: "provider disconnect failed", kind: inbox.kind, inboxId: inbox.id, status: check.status }));
  }
  if (!(await softDeleteInbox(c.var.db, id, Date.now(), settingsChanged(c, "inboxes", "deleted", { type: "inbox", id }, { name: inbox.name, kind: inbox.kind })))) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  return c.json({ ok: true as const }, 200);
});
