/**
 * @module Agents' uploads (attached to a reply) and downloads of any conversation's files.
 */
import { createRoute } from "@hono/zod-openapi";
import { cookieAuth, errors, jsonResponse, router } from "../http/openapi";
import { agentOnly, writeErrors } from "./access";
import { uploadBodyLimit } from "../http/upload-limit";
import { Attachment } from "../protocol";
import { requireAgent } from "../auth/session";
import { serveFile, storeUpload } from "../channels/webchat/files";
import { loadConversation } from "./conversation-context";
import { IdParam } from "./params";

const upload = createRoute({
  method: "post",
  path: "/api/v1/conversations/{id}/uploads",
  security: cookieAuth,
  middleware: [requireAgent, uploadBodyLimit],
  description: "The raw file is the body; `Content-Type` is its type and `X-File-Name` its URI-encoded name.",
  request: { params: IdParam },
  responses: { 201: jsonResponse(Attachment, "Stored; reply with `attachmentIds: [id]`"), ...writeErrors, 413: errors[413], 415: errors[415] },
});
const download = createRoute({
  method: "get",
  path: "/api/v1/files/{id}",
  ...agentOnly,
  request: { params: IdParam },
  responses: { 200: { description: "The file" }, 401: errors[401], 404: errors[404] },
});

export const fileRoutes = router()
  .openapi(upload, async (c) => {
    const conversation = await loadConversation(c, c.req.valid("param").id);
    return c.json(await storeUpload(c, conversation, { type: "agent", id: c.var.agent.id }), 201);
  })
  .openapi(download, async (c) => serveFile(c, c.req.valid("param").id) as never);
