/**
 * @module The visitor's conversation: history, HTTP send (the socket's fallback), and
 * the socket itself (opened with a short-lived ticket, never the visitor token). Private
 * notes never reach these. With `requireIdentity`, only a verified visitor may write.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../../http/api-error";
import { errors, jsonBody, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { History, HistoryQuery, MessageAck, WidgetPostMessageBody, WidgetSocketTicket } from "../../protocol";
import { roomOf } from "../../conversation/room-client";
import { bearer, visitorFrom, visitorOfClaims } from "../../channels/webchat/visitor";
import { assertMayWrite, mayWrite } from "../../channels/webchat/identity-rules";
import { mintSocketTicket, readSocketTicket } from "../../channels/webchat/socket-ticket";
import { MESSAGES_PER_IP, byIp, enforce } from "../../channels/webchat/abuse-limits";

const history = createRoute({
  method: "get",
  path: "/api/v1/widget/messages",
  security: visitorAuth,
  request: { query: HistoryQuery },
  responses: { 200: jsonResponse(History, "Events the visitor may see, after `after`"), 400: errors[400], 401: errors[401] },
});
const post = createRoute({
  method: "post",
  path: "/api/v1/widget/messages",
  security: visitorAuth,
  request: jsonBody(WidgetPostMessageBody),
  responses: { 201: jsonResponse(MessageAck, "Stored (or already stored under this clientId)"), 400: errors[400], 401: errors[401], 403: errors[403], 429: errors[429] },
});
const ticket = createRoute({
  method: "post",
  path: "/api/v1/widget/socket-tickets",
  security: visitorAuth,
  responses: { 200: jsonResponse(WidgetSocketTicket, "A ticket for one socket upgrade, valid for 60 s"), 401: errors[401] },
});
const socket = createRoute({
  method: "get",
  path: "/api/v1/widget/ws",
  request: { query: z.object({ ticket: z.string().min(1).max(512), after: z.coerce.number().int().nonnegative().default(0) }) },
  responses: { 101: { description: "WebSocket: ServerFrame out, ClientFrame in" }, 400: errors[400], 401: errors[401] },
});

export const widgetMessageRoutes = router()
  .openapi(history, async (c) => {
    const { conversation } = await visitorFrom(c, bearer(c));
    const { after, limit } = c.req.valid("query");
    return c.json(await roomOf(c.env, conversation).history(after, limit, "contact"), 200);
  })
  .openapi(post, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    const body = c.req.valid("json");
    await assertMayWrite(c.var.db, claims);
    await enforce(c, "messages", [[byIp(c, "message"), MESSAGES_PER_IP]]);
    const result = await roomOf(c.env, conversation).command({
      type: "message",
      actor: { type: "contact", id: claims.contactId, name: conversation.contactName },
      kind: "text",
      body: body.body,
      clientId: body.clientId,
      attachmentIds: body.attachmentIds,
    });
    return c.json({ seq: result.seq, duplicate: result.duplicate }, 201);
  })
  .openapi(ticket, async (c) => {
    const { claims } = await visitorFrom(c, bearer(c));
    return c.json(await mintSocketTicket(c.var.db, claims), 200);
  })
  .openapi(socket, async (c) => {
    const db = c.var.db;
    const read = await readSocketTicket(db, c.req.valid("query").ticket);
    if (read.check === "expired") throw new ApiError(401, "token_expired", "This socket ticket has expired; get a new one.");
    if (!read.claims) throw new ApiError(401, "invalid_token", "Missing or invalid socket ticket.");
    const { claims, conversation } = await visitorOfClaims(db, read.claims);
    // Decided once per socket: a visitor who identifies later reconnects with a new ticket.
    const readOnly = !(await mayWrite(db, claims));
    return roomOf(c.env, conversation).connect(c.req.raw, { type: "contact", id: claims.contactId, name: conversation.contactName, readOnly }) as never;
  });
