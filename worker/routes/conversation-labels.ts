/**
 * @module Labels on a conversation: its tags, its type (classification), and tags on
 * single messages. Any signed-in agent may label; admins define the tags and types
 * (./tags.ts, ./conversation-types.ts). An unknown tag or type is a 404 and nothing is
 * written.
 */
import { createRoute } from "@hono/zod-openapi";
import { messageTagsOf, replaceConversationTags, replaceMessageTags } from "../db/tags";
import { existingTagIds } from "./tag-ids";
import { findConversationType, setConversationType } from "../db/conversation-types";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { ConversationDetail, ConversationTypeBody, MessageTags, TagIds, TagIdsBody } from "../protocol";
import { roomOf } from "../conversation/room-client";
import { detailFromRoom, loadConversation, loadItem } from "./conversation-context";
import { IdParam, SeqParams } from "./params";

const tags = createRoute({
  method: "put",
  path: "/api/v1/conversations/{id}/tags",
  ...agentOr("status:write"),
  request: { params: IdParam, ...jsonBody(TagIdsBody) },
  responses: { 200: jsonResponse(TagIds, "The conversation's tags now (the set is replaced)"), ...writeErrors },
});
const type = createRoute({
  method: "put",
  path: "/api/v1/conversations/{id}/type",
  ...agentOr("status:write"),
  request: { params: IdParam, ...jsonBody(ConversationTypeBody) },
  responses: { 200: jsonResponse(ConversationDetail, "The conversation with its new type (null clears it)"), ...writeErrors },
});
const messageTags = createRoute({
  method: "get",
  path: "/api/v1/conversations/{id}/message-tags",
  ...agentOr("conversations:read"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(MessageTags, "Every tagged message of the conversation, in seq order"), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const tagMessage = createRoute({
  method: "put",
  path: "/api/v1/conversations/{id}/messages/{seq}/tags",
  ...agentOr("status:write"),
  request: { params: SeqParams, ...jsonBody(TagIdsBody) },
  responses: { 200: jsonResponse(TagIds, "The message's tags now (the set is replaced)"), ...writeErrors },
});

export const conversationLabelRoutes = router()
  .openapi(tags, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    const tagIds = await existingTagIds(c.var.db, c.req.valid("json").tagIds);
    return c.json({ tagIds: await replaceConversationTags(c.var.db, conversation.id, tagIds) }, 200);
  })
  .openapi(type, async (c) => {
    const conversation = await loadItem(c, c.req.valid("param").id);
    const { typeId } = c.req.valid("json");
    const db = c.var.db;
    if (typeId !== null && !(await findConversationType(db, typeId))) throw new ApiError(404, "conversation_type_not_found", "No conversation type with that id.");
    await setConversationType(db, conversation.id, typeId);
    const state = await roomOf(c.env, conversation).snapshot();
    return c.json(detailFromRoom({ ...conversation, typeId }, state), 200);
  })
  .openapi(messageTags, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    return c.json({ messages: await messageTagsOf(c.var.db, conversation.id) }, 200);
  })
  .openapi(tagMessage, async (c) => {
    const { id, seq } = c.req.valid("param");
    const conversation = await loadConversation(c, id);
    // Asked of the room, not D1: an agent may tag a message the moment it arrives,
    // before its projection reaches D1.
    const { events } = await roomOf(c.env, conversation).history(seq - 1, 1, "agent");
    if (events[0]?.seq !== seq || events[0].type !== "message") throw new ApiError(404, "message_not_found", "No message with that seq in this conversation.");
    const tagIds = await existingTagIds(c.var.db, c.req.valid("json").tagIds);
    return c.json({ tagIds: await replaceMessageTags(c.var.db, conversation.id, seq, tagIds) }, 200);
  });
