/**
 * @module Tags: every agent reads the list (to tag conversations, messages and contacts);
 * admins create, rename, recolour and delete them. A name is unique in any letter case
 * (409). Deleting a tag takes it off everything that carried it and deletes the segment
 * rules on it, in the same batch.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { newId } from "../db/client";
import { deleteTag, insertTag, listTags, updateTag } from "../db/tags";
import { unlessDuplicate } from "../db/constraint-errors";
import { republishContacts } from "../pipeline/contact-priority-publish";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, adminOrToken, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { CreateTagBody, Ok, Tag, UpdateTagBody, TagList } from "../protocol";
import { IdParam } from "./params";
import { settingsChanged } from "../audit/entry";

const taken = () => new ApiError(409, "conflict", "A tag with this name already exists.");
const missing = () => new ApiError(404, "tag_not_found", "No tag with that id.");

const list = createRoute({
  method: "get",
  path: "/api/v1/tags",
  ...agentOr("conversations:read"),
  responses: { 200: jsonResponse(TagList, "Every tag, by name"), 401: errors[401] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/tags",
  ...adminOrToken,
  request: jsonBody(CreateTagBody),
  responses: { 201: jsonResponse(Tag, "Tag created"), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/tags/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateTagBody) },
  responses: { 200: jsonResponse(Tag, "Tag updated"), ...writeErrors, 409: errors[409] },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/tags/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Tag deleted and taken off every conversation, message and contact"), ...writeErrors },
});

export const tagRoutes = router()
  .openapi(list, async (c) => c.json({ tags: await listTags(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const id = newId();
    const tag = await unlessDuplicate(insertTag(c.var.db, { id, name: body.name, color: body.color }, Date.now(), settingsChanged(c, "tags", "created", { type: "tag", id }, { name: body.name })));
    if (tag === "duplicate") throw taken();
    return c.json(tag, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const tag = await unlessDuplicate(updateTag(c.var.db, id, changes, settingsChanged(c, "tags", "updated", { type: "tag", id }, { fields: changes, ...(changes.name ? { name: changes.name } : {}) })));
    if (tag === "duplicate") throw taken();
    if (!tag) throw missing();
    return c.json(tag, 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    const moved = await deleteTag(c.var.db, id, settingsChanged(c, "tags", "deleted", { type: "tag", id }));
    if (moved === null) throw missing();
    // Contacts a rule on this tag lifted drop back: their waiting conversations move.
    await republishContacts(c.env, c.var.db, moved);
    return c.json({ ok: true as const }, 200);
  });
