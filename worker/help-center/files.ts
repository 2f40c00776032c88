/**
 * @module Help center images (article bodies, portal logos): bytes in R2 under
 * `hc-files/<id>`, uploaded by agents, served to anyone at `/hc-files/<id>` since public
 * pages show them. Only raster images whose bytes match their type are taken (the
 * attachment rules of channels/webchat/file-types.ts; no SVG, which can carry script),
 * and they are served as uploads always are: nosniff, a sandboxing CSP, never as a page.
 * Ids are random UUIDs: an image of an internal article is reachable only by its link.
 */
import type { Context } from "hono";
import { newId } from "../db/client";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { bytesMatchType, isAllowedType } from "../channels/webchat/file-types";
import { isInlineImage } from "../protocol/limits";

const KEY_PREFIX = "hc-files/";
/** Public path of an uploaded image. */
export const hcFileUrl = (id: string) => `/hc-files/${id}`;

export async function hcFileExists(files: R2Bucket, id: string): Promise<boolean> {
  return (await files.head(KEY_PREFIX + id)) !== null;
}

/** Stores the request body (already size-capped by the route) as a help center image. */
export async function storeHcImage(c: Context<AppEnv>, uploadedBy: string) {
  const contentType = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!isAllowedType(contentType) || !isInlineImage(contentType)) {
    throw new ApiError(415, "unsupported_media_type", "Upload PNG, JPEG, GIF or WebP images.");
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength === 0) throw new ApiError(400, "bad_request", "The file is empty.");
  if (!bytesMatchType(contentType, bytes)) throw new ApiError(415, "unsupported_media_type", `The file is not a real ${contentType}.`);
  const id = newId();
  await c.env.FILES.put(KEY_PREFIX + id, bytes, { httpMetadata: { contentType }, customMetadata: { uploadedBy } });
  return { id, url: hcFileUrl(id), contentType, size: bytes.byteLength };
}

/** An uploaded image, or 404 (as plain text: this is not an API route). */
export async function serveHcImage(c: Context<AppEnv>, id: string): Promise<Response> {
  const object = /^[0-9a-f-]{36}$/.test(id) ? await c.env.FILES.get(KEY_PREFIX + id) : null;
  const contentType = object?.httpMetadata?.contentType ?? "";
  if (!object || !isInlineImage(contentType)) return c.text("Not found", 404);
  return new Response(object.body, {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(object.size),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
      // Ids are never reused: a stored image never changes.
      "Cache-Control": "public, max-age=86400, immutable",
      ETag: object.httpEtag,
    },
  });
}
