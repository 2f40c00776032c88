/**
 * @module The body limit of upload routes (everything else under /api takes JSON up to
 * MAX_JSON_BODY_BYTES). Hono's bodyLimit also counts streamed bodies without a
 * Content-Length, so a lying client cannot slip past it.
 */
import { bodyLimit } from "hono/body-limit";
import { MAX_HC_IMAGE_BYTES, MAX_JSON_BODY_BYTES, MAX_UPLOAD_BYTES } from "../protocol";
import { errorJson } from "./api-error";

/** The routes whose body is a file, not JSON; each carries `uploadBodyLimit` itself.
 * Matched as whole routes (method and full path), never by a path's ending: a suffix test
 * once let `PATCH /api/v1/contacts/uploads` parse a 50 MB JSON body. */
const UPLOAD_ROUTES: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: "POST", path: /^\/api\/v1\/conversations\/[^/]+\/uploads$/ },
  { method: "POST", path: /^\/api\/v1\/widget\/uploads$/ },
  { method: "POST", path: /^\/api\/v1\/portal\/conversations\/[^/]+\/uploads$/ },
  { method: "POST", path: /^\/api\/v1\/help-center\/uploads$/ },
];

export function isUploadRoute(method: string, path: string): boolean {
  return UPLOAD_ROUTES.some((r) => r.method === method && r.path.test(path));
}

export const uploadBodyLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES,
  onError: (c) => errorJson(c, 413, "payload_too_large", `Files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`),
});

/** Help center images: an article's picture or a logo, never a document. */
export const hcUploadBodyLimit = bodyLimit({
  maxSize: MAX_HC_IMAGE_BYTES,
  onError: (c) => errorJson(c, 413, "payload_too_large", `Images are limited to ${MAX_HC_IMAGE_BYTES / 1024 / 1024} MiB.`),
});

export const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: (c) => errorJson(c, 413, "payload_too_large", `Bodies are limited to ${MAX_JSON_BODY_BYTES} bytes.`),
});
