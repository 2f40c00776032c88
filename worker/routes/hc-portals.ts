/**
 * @module Help center portals (issue 17): every agent lists them (the console's help
 * center area, the composer's article search); admins create, change and delete them.
 * A slug and a custom domain belong to one portal (409); a portal is deleted only once
 * it holds no article.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { newId } from "../db/client";
import { unlessDuplicate } from "../db/constraint-errors";
import { countPortals, deleteEmptyPortal, findPortal, insertPortal, listPortals, updatePortal } from "../db/hc-portals";
import { findInbox } from "../db/inboxes";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { hcFileExists } from "../help-center/files";
import { forgetPortalDomains } from "../help-center/site/host";
import { CreatePortalBody, MAX_PORTALS, Ok, Portal, PortalList, UpdatePortalBody } from "../protocol";
import { adminOrToken, agentOr, writeErrors } from "./access";
import { IdParam } from "./params";

const taken = () => new ApiError(409, "conflict", "Another portal already has this slug or custom domain.");
export const portalMissing = () => new ApiError(404, "portal_not_found", "No help center portal with that id.");

const list = createRoute({
  method: "get",
  path: "/api/v1/help-center/portals",
  ...agentOr("articles:manage"),
  responses: { 200: jsonResponse(PortalList, "Every portal"), 401: errors[401], 403: errors[403] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/help-center/portals",
  ...adminOrToken,
  request: jsonBody(CreatePortalBody),
  responses: { 201: jsonResponse(Portal, "Portal created"), ...writeErrors, 409: errors[409] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/help-center/portals/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdatePortalBody) },
  responses: { 200: jsonResponse(Portal, "Portal updated"), ...writeErrors, 409: errors[409] },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/help-center/portals/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Portal deleted"), ...writeErrors, 409: errors[409] },
});

/** The inbox a portal embeds must be a live web chat inbox; a logo an uploaded image. */
async function checkReferences(c: Context<AppEnv>, body: { chatInboxId?: string | null; logoFileId?: string | null }) {
  if (body.chatInboxId) {
    const inbox = await findInbox(c.var.db, body.chatInboxId);
    if (!inbox || inbox.kind !== "webchat") throw new ApiError(404, "inbox_not_found", "No web chat inbox with that id.");
  }
  if (body.logoFileId && !(await hcFileExists(c.env.FILES, body.logoFileId))) throw new ApiError(404, "not_found", "No uploaded help center image with that id.");
}

export const hcPortalRoutes = router()
  .openapi(list, async (c) => c.json({ portals: await listPortals(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    await checkReferences(c, body);
    if ((await countPortals(c.var.db)) >= MAX_PORTALS) throw new ApiError(409, "conflict", `At most ${MAX_PORTALS} portals.`);
    const portal = await unlessDuplicate(insertPortal(c.var.db, newId(), body, new URL(c.req.url).origin, Date.now()));
    if (portal === "duplicate") throw taken();
    forgetPortalDomains();
    return c.json(portal, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const current = await findPortal(c.var.db, id);
    if (!current) throw portalMissing();
    const locales = body.locales ?? current.locales;
    if (!locales.includes(body.defaultLocale ?? current.defaultLocale)) {
      throw new ApiError(400, "validation_failed", "The default locale must be one of the locales.", [{ path: ["defaultLocale"], message: "not among the locales" }]);
    }
    await checkReferences(c, body);
    const portal = await unlessDuplicate(updatePortal(c.var.db, id, body, new URL(c.req.url).origin, Date.now()));
    if (portal === "duplicate") throw taken();
    if (!portal) throw portalMissing();
    forgetPortalDomains();
    return c.json(portal, 200);
  })
  .openapi(remove, async (c) => {
    const outcome = await deleteEmptyPortal(c.var.db, c.req.valid("param").id);
    if (outcome === "missing") throw portalMissing();
    if (outcome === "not_empty") throw new ApiError(409, "conflict", "Delete the portal's articles first.");
    forgetPortalDomains();
    return c.json({ ok: true as const }, 200);
  });
