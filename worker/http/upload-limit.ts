/**
 * @module The body limit of upload routes (everything else under /api takes JSON up to
 * MAX_JSON_BODY_BYTES). Hono's bodyLimit also counts streamed bodies without a
 * Content-Length, so a lying client cannot slip past it.
 */
import { bodyLimit } from "hono/body-limit";
import { MAX_JSON_BODY_BYTES, MAX_UPLOAD_BYTES } from "../protocol";
import { errorJson } from "./api-error";

export const UPLOAD_PATH = /\/uploads$/;

export const uploadBodyLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES,
  onError: (c) => errorJson(c, 413, "payload_too_large", `Files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`),
});

export const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: (c) => errorJson(c, 413, "payload_too_large", `Bodies are limited to ${MAX_JSON_BODY_BYTES} bytes.`),
});
