/**
 * @module Visitor uploads and downloads. A visitor can only attach files to its own
 * conversation, and only get links to files it may see there (its own uploads and the
 * attachments of events shown to it, never a private note's). Downloads need no token:
 * the link is signed for that one file and expires (channels/webchat/file-links.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errors, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { uploadBodyLimit } from "../../http/upload-limit";
import { Attachment, WidgetFileLink } from "../../protocol";
import { roomOf } from "../../conversation/room-client";
import { serveFile, storeUpload } from "../../channels/webchat/files";
import { checkFileLink, fileLink } from "../../channels/webchat/file-links";
import { assertMayWrite } from "../../channels/webchat/identity-rules";
import { bearer, visitorFrom } from "../../channels/webchat/visitor";
import { IdParam } from "../params";
import { UPLOADS_PER_IP, UPLOADS_PER_VISITOR, byIp, enforce } from "../../channels/webchat/abuse-limits";

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
    403: errors[403],
    413: errors[413],
    415: errors[415],
    429: errors[429],
  },
});
const link = createRoute({
  method: "get",
  path: "/api/v1/widget/files/{id}/link",
  security: visitorAuth,
  request: { params: IdParam },
  responses: { 200: jsonResponse(WidgetFileLink, "A short-lived URL for this one file"), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const download = createRoute({
  method: "get",
  path: "/api/v1/widget/files/{id}",
  description: "Only through a link from `/files/{id}/link`: `exp` and `sig` sign this file id until `exp`.",
  request: {
    params: IdParam,
    query: z.object({ exp: z.coerce.number().int().nonnegative(), sig: z.string().min(1).max(128) }),
  },
  responses: { 200: { description: "The file" }, 400: errors[400], 403: errors[403], 404: errors[404] },
});

export const widgetFileRoutes = router()
  .openapi(upload, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    await assertMayWrite(c.var.db, claims);
    await enforce(c, "uploads", [
      [`upload:contact:${claims.contactId}`, UPLOADS_PER_VISITOR],
      [byIp(c, "upload"), UPLOADS_PER_IP],
    ]);
    return c.json(await storeUpload(c, conversation, { type: "contact", id: claims.contactId }), 201);
  })
  .openapi(link, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    const { id } = c.req.valid("param");
    // A miss, another conversation's file and a private note's file all look the same.
    if (!(await roomOf(c.env, conversation).contactMaySee(claims.contactId, id))) {
      throw new ApiError(404, "not_found", "No such file.");
    }
    return c.json(await fileLink(c.var.db, id), 200);
  })
  .openapi(download, async (c) => {
    const { id } = c.req.valid("param");
    const { exp, sig } = c.req.valid("query");
    const check = await checkFileLink(c.var.db, id, exp, sig);
    if (check === "invalid") throw new ApiError(403, "forbidden", "This file link is not valid.");
    if (check === "expired") throw new ApiError(403, "link_expired", "This file link has expired; open the file from the chat again.");
    const res = await serveFile(c, id);
    // The browser may keep the bytes while the link lives, not longer.
    res.headers.set("Cache-Control", `private, max-age=${Math.max(0, Math.floor((exp - Date.now()) / 1000))}`);
    return res as never;
  });
