/**
 * @module Conversation types (classifications): every agent reads the list; admins
 * create, rename and delete them. A name is unique in any letter case (409). Deleting a
 * type leaves its conversations unclassified.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { newId } from "../db/client";
import { deleteConversationType, insertConversationType, listConversationTypes, renameConversationType } from "../db/conversation-types";
import { unlessDuplicate } from "../db/constraint-errors";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, adminOrToken, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { ConversationType, ConversationTypeInput, Ok, ConversationTypeList } from "../protocol";
import { IdParam } from "./params";
import { settingsChanged } from "../audit/entry";

const taken = () => new ApiError(409, "conflict", "A conversation type with this name already exists.");
const missing = () => new ApiError(404, "conversation_type_not_found", "No conversation type with that id.");

const list = createRoute({
  method: "get",
  path: "/api/v1/conversation-types",
  ...agentOr("conversations:read"),
  responses: { 200: jsonResponse(ConversationTypeList, "Every conversation type, by name"), 401: errors[401] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/conversation-types",
  ...adminOrToken,
  request: jsonBody(ConversationTypeInput),
  responses: { 201: jsonResponse(ConversationType, "Type created"), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/conversation-types/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(ConversationTypeInput) },
  responses: { 200: jsonResponse(ConversationType, "Type renamed"), ...writeErrors, 409: errors[409] },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/conversation-types/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Type deleted; its conversations are unclassified"), ...writeErrors },
});

export const conversationTypeRoutes = router()
  .openapi(list, async (c) => c.json({ types: await listConversationTypes(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const id = newId();
    const { name } = c.req.valid("json");
    const type = await unlessDuplicate(insertConversationType(c.var.db, { id, name }, Date.now(), settingsChanged(c, "conversation_types", "created", { type: "conversation_type", id }, { name })));
    if (type === "duplicate") throw taken();
    return c.json(type, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const { name } = c.req.valid("json");
    const type = await unlessDuplicate(renameConversationType(c.var.db, id, name, settingsChanged(c, "conversation_types", "updated", { type: "conversation_type", id }, { name, fields: { name } })));
    if (type === "duplicate") throw taken();
    if (!type) throw missing();
    return c.json(type, 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deleteConversationType(c.var.db, id, settingsChanged(c, "conversation_types", "deleted", { type: "conversation_type", id })))) throw missing();
    return c.json({ ok: true as const }, 200);
  });
