/**
 * @module A customer opens a new request on the portal: a conversation of the portal's
 * inbox (PortalSettings.inboxId, a web chat inbox) whose first message is the subject and
 * description, routed by the routing rules like any first message, with the category the
 * customer picked as a fact rules can test (`portalCategories`). It shows in the console
 * like the inbox's web chats; the agents' replies need no channel delivery: the customer
 * reads them here (and in the widget, for a contact that also chats on the site).
 *
 * Idempotent on `clientId`: the conversation id is derived from the contact and it, and
 * the first message carries it, so a resend (a retry, a double click) finds the same
 * conversation and stores nothing twice. Attachments are uploaded to the new
 * conversation afterwards and sent as a reply (uploads belong to a conversation's room).
 */
import { createRoute } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, router } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { PortalRequestBody, PortalRequestCreated } from "../../protocol";
import { readPortalSettings } from "../../db/portal-settings";
import { findInbox } from "../../db/inboxes";
import { findConversation } from "../../db/conversations";
import { portalRequestInsert } from "../../db/portal-conversations";
import { conversationInsert, derivedId } from "../../channels/threads";
import { roomOf } from "../../conversation/room-client";
import { enforce } from "../../channels/webchat/abuse-limits";
import { REQUESTS_PER_CUSTOMER } from "../../portal/limits";
import { customerOnly } from "./access";

const create = createRoute({
  method: "post",
  path: "/api/v1/portal/requests",
  ...customerOnly,
  request: jsonBody(PortalRequestBody),
  responses: {
    201: jsonResponse(PortalRequestCreated, "The request's conversation (the same one again for a resent clientId)"),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    429: errors[429],
  },
});

export const portalRequestRoutes = router().openapi(create, async (c) => {
  const db = c.var.db;
  const body = c.req.valid("json");
  const { contactId, name } = c.var.customer;
  const settings = await readPortalSettings(db);
  const inbox = settings.inboxId ? await findInbox(db, settings.inboxId) : undefined;
  if (!inbox || inbox.deletedAt) throw new ApiError(404, "inbox_not_found", "The portal takes no new requests right now.");
  const categoryId = body.categoryId ?? null;
  if (categoryId !== null && !settings.categories.some((k) => k.id === categoryId)) {
    throw new ApiError(400, "validation_failed", "The request is not valid.", [{ path: ["categoryId"], message: "no such category" }]);
  }
  await enforce(c, "requests", [[`portal:request:${contactId}`, REQUESTS_PER_CUSTOMER]]);
  const now = Date.now();
  const id = await derivedId("portal-request", contactId, body.clientId);
  // Conversation and subject in one batch; a replay inserts neither again.
  await db.batch([
    conversationInsert(db, inbox, id, contactId, now),
    portalRequestInsert(db, { conversationId: id, contactId, subject: body.subject, categoryId, now }),
  ]);
  const conversation = await findConversation(db, id);
  if (!conversation) throw new Error("portal request vanished after insert");
  const result = await roomOf(c.env, conversation).command({
    type: "message",
    actor: { type: "contact", id: contactId, name: name ?? conversation.contactName },
    kind: "text",
    body: `${body.subject}\n\n${body.description}`,
    clientId: body.clientId,
    ...(categoryId ? { portalCategory: categoryId } : {}),
  });
  return c.json({ conversationId: id, duplicate: result.duplicate }, 201);
});
