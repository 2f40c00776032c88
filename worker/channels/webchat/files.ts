/**
 * @module Attachments: bytes in R2 under `files/<id>`, the owning conversation in the
 * object's metadata (so a download can be authorized without D1), and the attachment
 * registered with the conversation's room (so a send can reference it by id).
 */
import type { Context } from "hono";
import { MAX_FILE_NAME_CHARS, normalizeName, truncateText, type Attachment, type ConversationSummary } from "../../protocol";
import { newId } from "../../db/client";
import { ApiError } from "../../http/api-error";
import { roomOf } from "../../conversation/room-client";
import type { AppEnv } from "../../env";
import { bytesMatchType, isAllowedType } from "./file-types";
import { isInlineImage } from "../../protocol/limits";

const KEY_PREFIX = "files/";

/** The R2 key of attachment `id`. */
export function fileKey(id: string): string {
  return KEY_PREFIX + id;
}

function cleanName(header: string | undefined): string {
  let name = "file";
  try {
    if (header) name = decodeURIComponent(header);
  } catch {
    // A malformed escape: keep the default rather than refuse the file.
  }
  // The same normalization as every name (no controls, no bidi overrides), then no
  // paths or quotes: the name is shown to people and put in a header.
  const cleaned = truncateText(normalizeName(name).replace(/["\\/]/g, "_").trim(), MAX_FILE_NAME_CHARS);
  return cleaned || "file";
}

/** Stores the request body as an attachment of `conversation`, uploaded by `owner`.
 * The body size is already capped by the route's body-limit middleware. */
export async function storeUpload(c: Context<AppEnv>, conversation: ConversationSummary, owner: { type: "contact" | "agent" | "bot"; id: string }): Promise<Attachment> {
  const contentType = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!isAllowedType(contentType)) {
    throw new ApiError(415, "unsupported_media_type", "Send images, PDFs or common documents (Word, Excel, OpenDocument, text, CSV).");
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength === 0) throw new ApiError(400, "bad_request", "The file is empty.");
  if (!bytesMatchType(contentType, bytes)) throw new ApiError(415, "unsupported_media_type", `The file is not a real ${contentType}.`);
  const attachment: Attachment = { id: newId(), name: cleanName(c.req.header("X-File-Name")), contentType, size: bytes.byteLength };
  await c.env.FILES.put(KEY_PREFIX + attachment.id, bytes, {
    httpMetadata: { contentType },
    customMetadata: { conversationId: conversation.id, name: attachment.name },
  });
  await roomOf(c.env, conversation).registerUpload(owner, attachment);
  return attachment;
}

/** Streams a stored file. With `conversationId`, only a file of that conversation is
 * served (a visitor's view); a miss and a foreign file look the same (404). */
/** The conversation a stored file belongs to, or null when there is no such file. */
export async function fileConversationId(files: R2Bucket, id: string): Promise<string | null> {
  const head = await files.head(KEY_PREFIX + id);
  return head?.customMetadata?.conversationId ?? null;
}

export async function serveFile(c: Context<AppEnv>, id: string, conversationId?: string): Promise<Response> {
  const object = await c.env.FILES.get(KEY_PREFIX + id);
  if (!object || (conversationId !== undefined && object.customMetadata?.conversationId !== conversationId)) {
    throw new ApiError(404, "not_found", "No such file.");
  }
  const contentType = object.httpMetadata?.contentType ?? "application/octet-stream";
  const name = object.customMetadata?.name ?? "file";
  const headers = new Headers({
    "Content-Type": contentType,
    "Content-Length": String(object.size),
    // Uploaded bytes are never a page of ours: no sniffing, no scripts, no same-origin.
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Content-Disposition": `${isInlineImage(contentType) ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
    "Cache-Control": "private, max-age=3600",
    ETag: object.httpEtag,
  });
  return new Response(object.body, { headers });
}
