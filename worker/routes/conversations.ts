/**
 * @module The agents' conversation API: list, read, reply, assign, change status, and the
 * live socket. Every route needs a signed-in agent; any role may work conversations.
 * Rows and details are ConversationItems: the summary plus the caller's own star, read
 * mark and unread count, and the conversation's tags and type.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { findAgent, findTeam } from "../db/agents";
import { listConversationItems } from "../db/conversation-items";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOnly, agentOr, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { AssignBody, AssignResult, ConversationDetail, ConversationList, ConversationListQuery, History, HistoryQuery, MAX_SNOOZE_MS, MessageAck, PostMessageBody, StatusBody } from "../protocol";
import { assertSameOriginSocket } from "../auth/csrf";
import { actorOf, callerId, callerInboxes } from "../auth/principal";
import { roomOf } from "../conversation/room-client";
import { capacityExceeded, holdCapacity, releaseCapacity } from "../db/capacity";
import { decodeCursor, encodeCursor } from "./cursor";
import { detailFromRoom, loadConversation, loadItem } from "./conversation-context";
import { IdParam } from "./params";

const list = createRoute({
  method: "get",
  path: "/api/v1/conversations",
  ...agentOr("conversations:read"),
  request: { query: ConversationListQuery },
  responses: { 200: jsonResponse(ConversationList, "A page of conversations, most recent activity first"), 400: errors[400], 401: errors[401] },
});
const get = createRoute({
  method: "get",
  path: "/api/v1/conversations/{id}",
  ...agentOr("conversations:read"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(ConversationDetail, "The conversation"), 401: errors[401], 404: errors[404] },
});
const history = createRoute({
  method: "get",
  path: "/api/v1/conversations/{id}/messages",
  ...agentOr("conversations:read"),
  request: { params: IdParam, query: HistoryQuery },
  responses: { 200: jsonResponse(History, "Events after `after`, in seq order"), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const post = createRoute({
  method: "post",
  path: "/api/v1/conversations/{id}/messages",
  ...agentOr("messages:write"),
  request: { params: IdParam, ...jsonBody(PostMessageBody) },
  responses: { 201: jsonResponse(MessageAck, "Stored (or already stored under this clientId)"), ...writeErrors, 422: errors[422] },
});
const assign = createRoute({
  method: "post",
  path: "/api/v1/conversations/{id}/assign",
  ...agentOr("status:write"),
  request: { params: IdParam, ...jsonBody(AssignBody) },
  responses: { 200: jsonResponse(AssignResult, "Assignment stored (overCapacity set when the assignee is now over capacity)"), ...writeErrors },
});
const status = createRoute({
  method: "post",
  path: "/api/v1/conversations/{id}/status",
  ...agentOr("status:write"),
  request: { params: IdParam, ...jsonBody(StatusBody) },
  responses: { 200: jsonResponse(ConversationDetail, "Status stored"), ...writeErrors },
});
const socket = createRoute({
  method: "get",
  path: "/api/v1/conversations/{id}/ws",
  ...agentOnly,
  request: { params: IdParam, query: z.object({ after: z.coerce.number().int().nonnegative().default(0) }) },
  responses: { 101: { description: "WebSocket: ServerFrame out, ClientFrame in" }, ...writeErrors, 429: errors[429] },
});

export const conversationRoutes = router()
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const assigneeId = q.assignee === "me" ? callerId(c) : q.assignee === "none" ? null : q.assignee;
    const before = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await listConversationItems(c.var.db, {
      agentId: callerId(c),
      inboxIds: callerInboxes(c) ?? undefined,
      view: q.view,
      status: q.status,
      assigneeId,
      inboxId: q.inbox,
      channel: q.channel,
      teamId: q.team,
      tagId: q.tag,
      before,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return c.json({ conversations: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null }, 200);
  })
  .openapi(get, async (c) => {
    const conversation = await loadItem(c, c.req.valid("param").id);
    // The room is the source of truth; D1 may trail it by one projection.
    const state = await roomOf(c.env, conversation).snapshot();
    return c.json(detailFromRoom(conversation, state), 200);
  })
  .openapi(history, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    const { after, limit } = c.req.valid("query");
    return c.json(await roomOf(c.env, conversation).history(after, limit, "agent"), 200);
  })
  .openapi(post, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    const result = await roomOf(c.env, conversation).command({
      type: "message",
      actor: actorOf(c),
      kind: body.kind,
      body: body.body,
      clientId: body.clientId ?? null,
      attachmentIds: body.attachmentIds,
      template: body.template,
      replyToSeq: body.replyToSeq,
      ...(body.cc ? { cc: body.cc } : {}),
    });
    return c.json({ seq: result.seq, duplicate: result.duplicate }, 201);
  })
  .openapi(assign, async (c) => {
    const conversation = await loadItem(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    const assigneeId = body.assigneeId === undefined ? conversation.assigneeId : body.assigneeId;
    const assignee = assigneeId ? await findAgent(c.var.db, assigneeId) : null;
    if (assigneeId && (!assignee || assignee.disabledAt)) throw new ApiError(404, "agent_not_found", "No active agent with that id.");
    // Checked here, not left to D1: the room would store the event and its projection
    // would then fail on the foreign key forever, stalling the conversation's D1 row.
    if (body.teamId && !(await findTeam(c.var.db, body.teamId))) throw new ApiError(404, "team_not_found", "No team with that id.");
    // The agent who gains the conversation, if any.
    const gaining = assignee && assignee.id !== conversation.assigneeId ? assignee : null;
    if (gaining) await holdCapacity(c.env.DB, conversation.id, gaining.id, Date.now());
    const result = await roomOf(c.env, conversation).command({
      type: "assign",
      actor: actorOf(c),
      assigneeId,
      assigneeName: assignee?.name ?? null,
      teamId: body.teamId,
    });
    if (gaining && result.duplicate) await releaseCapacity(c.env.DB, conversation.id, gaining.id);
    const overCapacity = gaining && !result.duplicate ? await capacityExceeded(c.env.DB, gaining.id, conversation.id, result.state.teamId) : null;
    return c.json({ ...detailFromRoom(conversation, result.state), overCapacity }, 200);
  })
  .openapi(status, async (c) => {
    const conversation = await loadItem(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    if (body.status === "snoozed" && body.until <= Date.now()) throw new ApiError(400, "validation_failed", "Snooze until a time in the future.", [{ path: ["until"], message: "must be in the future" }]);
    if (body.status === "snoozed" && body.until > Date.now() + MAX_SNOOZE_MS) {
      throw new ApiError(400, "validation_failed", `Snooze at most ${MAX_SNOOZE_MS / 86_400_000} days ahead.`, [{ path: ["until"], message: `must be within ${MAX_SNOOZE_MS / 86_400_000} days` }]);
    }
    const result = await roomOf(c.env, conversation).command({
      type: "status",
      actor: actorOf(c),
      to: body.status,
      until: body.status === "snoozed" ? body.until : undefined,
      unassign: body.status === "resolved" ? body.unassign : undefined,
    });
    return c.json(detailFromRoom(conversation, result.state), 200);
  })
  .openapi(socket, async (c) => {
    assertSameOriginSocket(c.req.raw);
    const conversation = await loadConversation(c, c.req.valid("param").id);
    return roomOf(c.env, conversation).connect(c.req.raw, { type: "agent", id: c.var.agent.id, name: c.var.agent.name }) as never;
  });
