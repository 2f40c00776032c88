/**
 * @module The API channel's routes. `POST /api/v1/inboxes/{id}/messages`: a customer's
 * message from the caller's own system (a token with messages:write, limited or not to
 * the inbox; or a signed-in agent); the contact and conversation are found or made like any
 * channel's (worker/channels/ingest.ts), the caller's `id` is the provider message id, so
 * the same id again stores nothing (201 with `duplicate: true`). The answer comes after
 * the room stored the message. `POST /api/v1/inboxes/{id}/api-secret` (admins): a new
 * signing secret for the replies, shown this once.
 */
import { createRoute } from "@hono/zod-openapi";
import { mayUseInbox } from "../auth/principal";
import { loadChannelConfig } from "../channels/config";
import { ingestItems } from "../channels/ingest";
import { apiChannelAdapter } from "../channels/api/adapter";
import { existingConversationFor } from "../channels/threads";
import type { ProviderAdapter } from "../channels/types";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiChannelCredentials, ApiChannelSecret, ErrorBody, InboundApiMessageAnswer, InboundApiMessageBody } from "../protocol";
import { newEndpointSecret } from "../webhooks/secret";
import { adminOrToken, agentOr, writeErrors } from "./access";
import { IdParam } from "./params";
import { loadInbox } from "./inbox-view";
import { sealPatch } from "./inbox-credentials";
import { updateInbox } from "../db/inboxes";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { audited } from "../audit/entry";

const inbound = createRoute({
  method: "post",
  path: "/api/v1/inboxes/{id}/messages",
  // The route table's rule: a token-callable row below admin takes an ordinary scope, so
  // signed-in agents may post here too (as they may write in any conversation).
  ...agentOr("messages:write"),
  request: { params: IdParam, ...jsonBody(InboundApiMessageBody) },
  responses: { 201: jsonResponse(InboundApiMessageAnswer, "Stored (or already stored under this id)"), ...writeErrors, 409: errors[409], 503: jsonResponse(ErrorBody, "The inbox or its conversation cannot be reached now; safe to send again") },
});

const rollSecret = createRoute({
  method: "post",
  path: "/api/v1/inboxes/{id}/api-secret",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 201: jsonResponse(ApiChannelSecret, "The new secret; it is not shown again, and the old one stops signing at once"), ...writeErrors, 409: errors[409], 503: jsonResponse(ErrorBody, "The server has no CREDENTIALS_KEY") },
});

async function apiInbox(c: Context<AppEnv>, id: string) {
  // A token limited to other inboxes learns nothing about this one.
  if (!mayUseInbox(c, id)) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  const inbox = await loadInbox(c, id);
  if (inbox.kind !== "api") throw new ApiError(409, "conflict", "This inbox is not an API channel.");
  return inbox;
}

export const inboxApiChannelRoutes = router()
  .openapi(inbound, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const inbox = await apiInbox(c, id);
    const config = await loadChannelConfig(c.env, c.var.db, id);
    if (typeof config === "string") throw new ApiError(503, "unavailable", `The inbox cannot take messages (${config}).`);
    const contact = { externalId: body.contact.externalId, name: body.contact.name ?? null, email: body.contact.email ?? null, phone: body.contact.phone ?? null };
    // No files here (attachments are not taken yet), so the adapter is never asked to
    // fetch media: the send-only API adapter stands where a webhook adapter would.
    const result = await ingestItems(c.env, c.var.db, inbox, apiChannelAdapter as unknown as ProviderAdapter, config, [
      { type: "message", from: "contact", providerMessageId: body.id, body: body.text, media: [], contact, providerAt: Date.now() },
    ]);
    const conversation = await existingConversationFor(c.var.db, inbox, body.contact.externalId);
    if (!conversation) throw new ApiError(503, "unavailable", "The conversation could not be read back; the message is stored, send it again to learn its conversation.");
    return c.json({ conversationId: conversation.id, duplicate: result.duplicates > 0 }, 201);
  })
  .openapi(rollSecret, async (c) => {
    const { id } = c.req.valid("param");
    const inbox = await apiInbox(c, id);
    const secret = newEndpointSecret();
    const sealed = await sealPatch(c.env, inbox, ApiChannelCredentials, { secret });
    await updateInbox(c.var.db, id, { ...sealed }, audited(c, "credentials.changed", { type: "inbox", id }, { name: inbox.name, kind: inbox.kind, credentials: ["secret"] }));
    return c.json({ secret }, 201);
  });
