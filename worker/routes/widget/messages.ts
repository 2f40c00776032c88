/**
 * @module The visitor's conversation: history, HTTP send (the socket's fallback), and
 * the socket itself. Private notes never reach these.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { seedOf } from "../../db/conversations";
import { errors, jsonBody, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { History, HistoryQuery, MessageAck, WidgetPostMessageBody } from "../../protocol";
import { connectToRoom, roomStub, runCommand } from "../../conversation/room-client";
import { bearer, visitorFrom } from "../../webchat/visitor";
import { MESSAGES_PER_IP, byIp, enforce } from "../../webchat/abuse-limits";

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
  responses: { 201: jsonResponse(MessageAck, "Stored (or already stored under this clientId)"), 400: errors[400], 401: errors[401], 429: errors[429] },
});
const socket = createRoute({
  method: "get",
  path: "/api/v1/widget/ws",
  request: { query: z.object({ token: z.string().min(1).max(2048), after: z.coerce.number().int().nonnegative().default(0) }) },
  responses: { 101: { description: "WebSocket: ServerFrame out, ClientFrame in" }, 400: errors[400], 401: errors[401] },
});

export const widgetMessageRoutes = router()
  .openapi(history, async (c) => {
    const { conversation } = await visitorFrom(c, bearer(c));
    const { after, limit } = c.req.valid("query");
    return c.json(await roomStub(c.env, conversation.id).history(seedOf(conversation), after, limit, "contact"), 200);
  })
  .openapi(post, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    const body = c.req.valid("json");
    await enforce(c, "messages", [[byIp(c, "message"), MESSAGES_PER_IP]]);
    const result = await runCommand(c.env, conversation, {
      type: "message",
      actor: { type: "contact", id: claims.contactId, name: conversation.contactName },
      kind: "text",
      body: body.body,
      clientId: body.clientId,
      attachmentIds: body.attachmentIds,
    });
    return c.json({ seq: result.seq, duplicate: result.duplicate }, 201);
  })
  .openapi(socket, async (c) => {
    const { token } = c.req.valid("query");
    const { claims, conversation } = await visitorFrom(c, token);
    return connectToRoom(c.env, c.req.raw, conversation, { type: "contact", id: claims.contactId, name: conversation.contactName }) as never;
  });
