/**
 * @module A signed-in customer's conversations: the list (every channel their contact
 * speaks on), one conversation's public log, a reply, an upload to attach to it, and its
 * files. A conversation is found only together with the customer's contact id, so
 * another customer's conversation answers 404 exactly like one that does not exist.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { Context } from "hono";
import { errors, jsonBody, jsonResponse, router } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { uploadBodyLimit } from "../../http/upload-limit";
import { Attachment, PortalConversationDetail, PortalConversationList, PortalMessageAck, PortalReplyBody } from "../../protocol";
import { contactLog } from "../../portal/contact-log";
import { roomOf } from "../../conversation/room-client";
import { conversationOfContact, conversationsOfContact } from "../../db/portal-conversations";
import { serveFile, storeUpload } from "../../channels/webchat/files";
import { enforce } from "../../channels/webchat/abuse-limits";
import { portalConversation, portalEvents } from "../../portal/view";
import { UPLOADS_PER_CUSTOMER, WRITES_PER_CUSTOMER } from "../../portal/limits";
import type { AppEnv } from "../../env";
import { IdParam } from "../params";
import { customerOnly } from "./access";

const list = createRoute({
  method: "get",
  path: "/api/v1/portal/conversations",
  ...customerOnly,
  responses: { 200: jsonResponse(PortalConversationList, "The customer's conversations, newest activity first"), 401: errors[401] },
});
const detail = createRoute({
  method: "get",
  path: "/api/v1/portal/conversations/{id}",
  ...customerOnly,
  request: { params: IdParam },
  responses: { 200: jsonResponse(PortalConversationDetail, "Public messages and status changes"), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const reply = createRoute({
  method: "post",
  path: "/api/v1/portal/conversations/{id}/messages",
  ...customerOnly,
  request: { params: IdParam, ...jsonBody(PortalReplyBody) },
  responses: {
    201: jsonResponse(PortalMessageAck, "Stored (or already stored under this clientId)"),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
    429: errors[429],
  },
});
const upload = createRoute({
  method: "post",
  path: "/api/v1/portal/conversations/{id}/uploads",
  ...customerOnly,
  description: "The raw file is the body; `Content-Type` is its type and `X-File-Name` its URI-encoded name. The web chat's file rules apply.",
  middleware: [uploadBodyLimit, ...customerOnly.middleware],
  request: { params: IdParam },
  responses: {
    201: jsonResponse(Attachment, "Stored; reply with `attachmentIds: [id]`"),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
    413: errors[413],
    415: errors[415],
    429: errors[429],
  },
});
const file = createRoute({
  method: "get",
  path: "/api/v1/portal/conversations/{id}/files/{fileId}",
  ...customerOnly,
  request: { params: IdParam.extend({ fileId: z.string().min(1).max(64) }) },
  responses: { 200: { description: "The file (never served as a page: nosniff, sandboxed)" }, 400: errors[400], 401: errors[401], 404: errors[404] },
});

/** The customer's conversation `id`, or 404. */
async function ownConversation(c: Context<AppEnv>, id: string) {
  const row = await conversationOfContact(c.var.db, c.var.customer.contactId, id);
  if (!row) throw new ApiError(404, "conversation_not_found", "No such conversation.");
  return row;
}

/** A customer writes only into a conversation still going: a resolved one is history
 * (a new request starts a new conversation). */
function assertNotResolved(status: string): void {
  if (status === "resolved") throw new ApiError(409, "conflict", "This conversation is resolved; open a new request instead.");
}

export const portalConversationRoutes = router()
  .openapi(list, async (c) => {
    const rows = await conversationsOfContact(c.var.db, c.var.customer.contactId);
    return c.json({ conversations: rows.map(portalConversation) }, 200);
  })
  .openapi(detail, async (c) => {
    const row = await ownConversation(c, c.req.valid("param").id);
    const [state, events] = await Promise.all([roomOf(c.env, row).snapshot(), contactLog(c.env, row)]);
    // The room's status, not D1's copy: the projection may lag a reply by a moment.
    const conversation = portalConversation({ ...row, status: state.status });
    return c.json({ conversation, events: portalEvents(events), canReply: state.status !== "resolved" }, 200);
  })
  .openapi(reply, async (c) => {
    const row = await ownConversation(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    const { contactId, name } = c.var.customer;
    await enforce(c, "messages", [[`portal:write:${contactId}`, WRITES_PER_CUSTOMER]]);
    const room = roomOf(c.env, row);
    assertNotResolved((await room.snapshot()).status);
    const result = await room.command({
      type: "message",
      actor: { type: "contact", id: contactId, name: name ?? row.contactName },
      kind: "text",
      body: body.body,
      clientId: body.clientId,
      attachmentIds: body.attachmentIds,
    });
    return c.json({ seq: result.seq, duplicate: result.duplicate }, 201);
  })
  .openapi(upload, async (c) => {
    const row = await ownConversation(c, c.req.valid("param").id);
    const { contactId } = c.var.customer;
    await enforce(c, "uploads", [[`portal:upload:${contactId}`, UPLOADS_PER_CUSTOMER]]);
    assertNotResolved((await roomOf(c.env, row).snapshot()).status);
    return c.json(await storeUpload(c, row, { type: "contact", id: contactId }), 201);
  })
  .openapi(file, async (c) => {
    const { id, fileId } = c.req.valid("param");
    const row = await ownConversation(c, id);
    // Its own uploads and the attachments of events it may see; never a note's.
    if (!(await roomOf(c.env, row).contactMaySee(c.var.customer.contactId, fileId))) throw new ApiError(404, "not_found", "No such file.");
    return (await serveFile(c, fileId, row.id)) as never;
  });
