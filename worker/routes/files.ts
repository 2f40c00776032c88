/**
 * @module Agents' uploads (attached to a reply) and downloads of any conversation's files.
 */
import { createRoute } from "@hono/zod-openapi";
import { errors, jsonResponse, router } from "../http/openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { agentOr, writeErrors } from "./access";
import { uploadBodyLimit } from "../http/upload-limit";
import { Attachment } from "../protocol";
import { callerInboxes } from "../auth/principal";
import { ApiError } from "../http/api-error";
import { fileConversationId, serveFile, storeUpload } from "../channels/webchat/files";
import { loadConversation } from "./conversation-context";
import { IdParam } from "./params";

/** Uploading is half of sending an attachment, so it needs what sending does. */
const uploadAccess = agentOr("messages:write");
const upload = createRoute({
  method: "post",
  path: "/api/v1/conversations/{id}/uploads",
  security: uploadAccess.security,
  middleware: [...uploadAccess.middleware, uploadBodyLimit],
  description: "The raw file is the body; `Content-Type` is its type and `X-File-Name` its URI-encoded name.",
  request: { params: IdParam },
  responses: { 201: jsonResponse(Attachment, "Stored; reply with `attachmentIds: [id]`"), ...writeErrors, 413: errors[413], 415: errors[415] },
});
const download = createRoute({
  method: "get",
  path: "/api/v1/files/{id}",
  ...agentOr("conversations:read"),
  request: { params: IdParam },
  responses: { 200: { description: "The file" }, 401: errors[401], 404: errors[404] },
});

/** Who owns an upload: the agent, or the token as a bot (the one that may then send it). */
function uploader(c: Context<AppEnv>): { type: "agent" | "bot"; id: string } {
  const p = c.var.principal;
  return p.kind === "agent" ? { type: "agent", id: p.agent.id } : { type: "bot", id: p.token.id };
}

export const fileRoutes = router()
  .openapi(upload, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    return c.json(await storeUpload(c, conversation, uploader(c)), 201);
  })
  .openapi(download, async (c) => {
    const { id } = c.req.valid("param");
    // A token limited to some inboxes gets only its conversations' files (404 otherwise).
    if (!callerInboxes(c)) return serveFile(c, id) as never;
    const owner = await fileConversationId(c.env.FILES, id);
    if (owner === null) throw new ApiError(404, "not_found", "No such file.");
    await loadConversation(c, owner);
    return serveFile(c, id, owner) as never;
  });
