/**
 * @module An agent's own marks on a conversation: star it (favourites, the Starred view)
 * and mark it read up to a seq (unread counts). Any signed-in agent; each mark is the
 * caller's alone.
 */
import { createRoute } from "@hono/zod-openapi";
import { markRead, setStar } from "../db/agent-marks";
import { jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOnly, writeErrors } from "./access";
import { Ok, ReadBody, StarBody } from "../protocol";
import { roomOf } from "../conversation/room-client";
import { loadConversation } from "./conversation-context";
import { IdParam } from "./params";

const star = createRoute({
  method: "post",
  path: "/api/v1/conversations/{id}/star",
  ...agentOnly,
  request: { params: IdParam, ...jsonBody(StarBody) },
  responses: { 200: jsonResponse(Ok, "Starred or unstarred for the caller"), ...writeErrors },
});
const read = createRoute({
  method: "post",
  path: "/api/v1/conversations/{id}/read",
  ...agentOnly,
  request: { params: IdParam, ...jsonBody(ReadBody) },
  responses: { 200: jsonResponse(Ok, "The caller's read mark is at least `seq` now"), ...writeErrors },
});

export const conversationMarkRoutes = router()
  .openapi(star, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    await setStar(c.var.db, c.var.agent.id, conversation.id, c.req.valid("json").starred, Date.now());
    return c.json({ ok: true as const }, 200);
  })
  .openapi(read, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    // Capped at the room's last seq (D1's copy may trail it): a mark past the end would
    // hide the next customer message from this agent's unread count.
    const { lastSeq } = await roomOf(c.env, conversation).snapshot();
    await markRead(c.var.db, c.var.agent.id, conversation.id, Math.min(c.req.valid("json").seq, lastSeq), Date.now());
    return c.json({ ok: true as const }, 200);
  });
