/**
 * @module Outbound webhook endpoints (issue 15), admins only: list, create (the secret
 * shown once), change, delete, roll the secret, enable again after a disable, the
 * delivery log (paged, newest first) and "send again". Each URL passes the SSRF guard
 * (worker/webhooks/url-guard.ts) before it is stored.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { newId } from "../db/client";
import { countEndpoints, deleteEndpoint, deliveryPage, endpointOf, findDelivery, findEndpoint, insertEndpoint, listEndpoints, updateEndpoint, type EndpointRow } from "../db/webhooks";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOrToken, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import {
  CreateWebhookBody,
  MAX_WEBHOOK_ENDPOINTS,
  Ok,
  UpdateWebhookBody,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEndpointWithSecret,
} from "../protocol";
import { IdParam } from "./params";
import { decodeSearchCursor, encodeSearchCursor } from "./cursor";
import { allowsLocal, checkWebhookUrl } from "../webhooks/url-guard";
import { newEndpointSecret, sealEndpointSecret } from "../webhooks/secret";
import type { AppEnv } from "../env";
import { audited, settingsChanged } from "../audit/entry";

const DeliveryIdParam = z.object({ deliveryId: z.string().min(1).max(64) });
const DEFAULT_PAGE = 50;

const list = createRoute({
  method: "get",
  path: "/api/v1/webhooks",
  ...adminOrToken,
  responses: { 200: jsonResponse(WebhookEndpointList, "Every endpoint, oldest first; a disabled one says why and since when"), 401: errors[401], 403: errors[403] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/webhooks",
  ...adminOrToken,
  request: jsonBody(CreateWebhookBody),
  responses: { 201: jsonResponse(WebhookEndpointWithSecret, "Endpoint created; its signing secret, shown this once"), ...writeErrors, 409: errors[409] },
});
const get = createRoute({
  method: "get",
  path: "/api/v1/webhooks/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(WebhookEndpoint, "The endpoint"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/webhooks/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateWebhookBody) },
  responses: { 200: jsonResponse(WebhookEndpoint, "Endpoint changed"), ...writeErrors },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/webhooks/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Endpoint deleted with its queue and log"), ...writeErrors },
});
const rollSecret = createRoute({
  method: "post",
  path: "/api/v1/webhooks/{id}/roll-secret",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(WebhookEndpointWithSecret, "A new secret, shown this once; the old one stops signing at once"), ...writeErrors },
});
const enable = createRoute({
  method: "post",
  path: "/api/v1/webhooks/{id}/enable",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(WebhookEndpoint, "Endpoint enabled; deliveries kept while it was disabled go out now"), ...writeErrors },
});
const deliveries = createRoute({
  method: "get",
  path: "/api/v1/webhooks/{id}/deliveries",
  ...adminOrToken,
  request: { params: IdParam, query: WebhookDeliveryQuery },
  responses: { 200: jsonResponse(WebhookDeliveryPage, "The endpoint's delivery log, newest first"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const resend = createRoute({
  method: "post",
  path: "/api/v1/webhooks/deliveries/{deliveryId}/resend",
  ...adminOrToken,
  request: { params: DeliveryIdParam },
  responses: { 202: jsonResponse(Ok, "Queued again (same delivery id), in its conversation's order"), ...writeErrors },
});

const missing = () => new ApiError(404, "webhook_not_found", "No webhook endpoint with that id.");

/** The URL, if the SSRF guard lets it through; a 400 naming `url` if not. */
function guardedUrl(c: Context<AppEnv>, url: string): string {
  const verdict = checkWebhookUrl(url, allowsLocal(c.env));
  if (!verdict.ok) throw new ApiError(400, "validation_failed", `This URL cannot receive webhooks: ${verdict.reason}.`, [{ path: ["url"], message: verdict.reason }]);
  return verdict.url.href;
}

async function existing(c: Context<AppEnv>, id: string): Promise<EndpointRow> {
  const row = await findEndpoint(c.var.db, id);
  if (!row) throw missing();
  return row;
}

/** The receiver's host, for the audit log: never the whole URL, whose path or query may
 * carry the receiver's own key. */
function hostOf(url: string): string {
  return new URL(url).host;
}

export const webhookRoutes = router()
  .openapi(list, async (c) => c.json({ endpoints: (await listEndpoints(c.var.db)).map(endpointOf) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const url = guardedUrl(c, body.url);
    if ((await countEndpoints(c.var.db)) >= MAX_WEBHOOK_ENDPOINTS) throw new ApiError(409, "conflict", `There can be at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.`);
    const id = newId();
    const secret = newEndpointSecret();
    const now = Date.now();
    await insertEndpoint(c.var.db, {
      id,
      url,
      events: JSON.stringify(body.events),
      includeNotes: body.includeNotes ?? false,
      enabled: true,
      secretSealed: await sealEndpointSecret(c.env, id, secret),
      createdAt: now,
      updatedAt: now,
    }, settingsChanged(c, "webhooks", "created", { type: "webhook_endpoint", id }, { host: hostOf(url), events: body.events }));
    return c.json({ endpoint: endpointOf((await findEndpoint(c.var.db, id))!), secret }, 201);
  })
  .openapi(get, async (c) => c.json(endpointOf(await existing(c, c.req.valid("param").id)), 200))
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const before = await existing(c, id);
    const patch = c.req.valid("json");
    const now = Date.now();
    const row = await updateEndpoint(c.var.db, id, {
      ...(patch.url !== undefined && { url: guardedUrl(c, patch.url) }),
      ...(patch.events !== undefined && { events: JSON.stringify(patch.events) }),
      ...(patch.includeNotes !== undefined && { includeNotes: patch.includeNotes }),
      ...(patch.enabled === true && { enabled: true, disabledReason: null, disabledAt: null }),
      ...(patch.enabled === false && before.enabled && { enabled: false, disabledReason: "admin" as const, disabledAt: now }),
      updatedAt: now,
    }, settingsChanged(c, "webhooks", "updated", { type: "webhook_endpoint", id }, { host: hostOf(patch.url ?? before.url), fields: patch }));
    if (!row) throw missing();
    const outbox = c.env.WEBHOOK_OUTBOX.getByName(id);
    await (patch.enabled === true && !before.enabled ? outbox.resume() : outbox.refresh());
    return c.json(endpointOf(row), 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deleteEndpoint(c.var.db, id, settingsChanged(c, "webhooks", "deleted", { type: "webhook_endpoint", id })))) throw missing();
    await c.env.WEBHOOK_OUTBOX.getByName(id).forget();
    return c.json({ ok: true as const }, 200);
  })
  .openapi(rollSecret, async (c) => {
    const { id } = c.req.valid("param");
    const before = await existing(c, id);
    const secret = newEndpointSecret();
    const audit = audited(c, "credentials.changed", { type: "webhook_endpoint", id }, { area: "webhooks", host: hostOf(before.url), credentials: ["signingSecret"] });
    const row = await updateEndpoint(c.var.db, id, { secretSealed: await sealEndpointSecret(c.env, id, secret), updatedAt: Date.now() }, audit);
    if (!row) throw missing();
    // Signs with the new secret from the next attempt on.
    await c.env.WEBHOOK_OUTBOX.getByName(id).refresh();
    return c.json({ endpoint: endpointOf(row), secret }, 200);
  })
  .openapi(enable, async (c) => {
    const { id } = c.req.valid("param");
    const before = await existing(c, id);
    const audit = settingsChanged(c, "webhooks", "enabled", { type: "webhook_endpoint", id }, { host: hostOf(before.url) });
    const row = await updateEndpoint(c.var.db, id, { enabled: true, disabledReason: null, disabledAt: null, updatedAt: Date.now() }, audit);
    if (!row) throw missing();
    await c.env.WEBHOOK_OUTBOX.getByName(id).resume();
    return c.json(endpointOf(row), 200);
  })
  .openapi(deliveries, async (c) => {
    const { id } = c.req.valid("param");
    const { cursor, limit = DEFAULT_PAGE } = c.req.valid("query");
    await existing(c, id);
    const before = cursor ? decodeSearchCursor(cursor) : null;
    const page = await deliveryPage(c.var.db, id, limit + 1, before && { createdAt: before.at, id: before.key });
    const shown = page.slice(0, limit);
    const last = shown.at(-1);
    return c.json({ deliveries: shown, nextCursor: page.length > limit && last ? encodeSearchCursor({ at: last.createdAt, key: last.id }) : null }, 200);
  })
  .openapi(resend, async (c) => {
    const { deliveryId } = c.req.valid("param");
    const row = await findDelivery(c.var.db, deliveryId);
    const notFound = () => new ApiError(404, "webhook_delivery_not_found", "No delivery with that id (deliveries are kept for 7 days).");
    if (!row) throw notFound();
    if (!(await c.env.WEBHOOK_OUTBOX.getByName(row.endpointId).resend(deliveryId))) throw notFound();
    return c.json({ ok: true as const }, 202);
  });
