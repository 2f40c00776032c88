/**
 * @module Visitor uploads and downloads. A visitor can only attach files to, and read
 * files of, its own conversation.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errors, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { uploadBodyLimit } from "../../http/upload-limit";
import { Attachment } from "../../protocol";
import { serveFile, storeUpload } from "../../webchat/files";
import { bearer, visitorFrom } from "../../webchat/visitor";
import { IdParam } from "../params";
import { UPLOADS_PER_IP, UPLOADS_PER_VISITOR, byIp, enforce } from "../../webchat/abuse-limits";

const upload = createRoute({
  method: "post",
  path: "/api/v1/widget/uploads",
  security: visitorAuth,
  description: "The raw file is the body; `Content-Type` is its type and `X-File-Name` its URI-encoded name.",
  middleware: [uploadBodyLimit],
  responses: {
    201: jsonResponse(Attachment, "Stored; send a message with `attachmentIds: [id]`"),
    400: errors[400],
    401: errors[401],
    413: errors[413],
    415: errors[415],
    429: errors[429],
  },
});
const download = createRoute({
  method: "get",
  path: "/api/v1/widget/files/{id}",
  security: visitorAuth,
  description: "The visitor token may come as `?token=` (for `<img src>`) or as a Bearer header.",
  request: { params: IdParam, query: z.object({ token: z.string().min(1).max(2048).optional() }) },
  responses: { 200: { description: "The file" }, 400: errors[400], 401: errors[401], 404: errors[404] },
});

export const widgetFileRoutes = router()
  .openapi(upload, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    await enforce(c, "uploads", [
      [`upload:contact:${claims.contactId}`, UPLOADS_PER_VISITOR],
      [byIp(c, "upload"), UPLOADS_PER_IP],
    ]);
    return c.json(await storeUpload(c, conversation, { type: "contact", id: claims.contactId }), 201);
  })
  .openapi(download, async (c) => {
    const { conversation } = await visitorFrom(c, c.req.valid("query").token ?? bearer(c));
    return serveFile(c, c.req.valid("param").id, conversation.id) as never;
  });
