/**
 * @module JSON bodies are UTF-8. @hono/zod-openapi checks that a JSON route's body is
 * declared `application/json` (415 otherwise) but ignores its charset, and the body is
 * then always decoded as UTF-8; a client sending `charset=utf-16` would get its text
 * silently mangled. RFC 8259 §8.1 (https://www.rfc-editor.org/rfc/rfc8259#section-8.1):
 * JSON exchanged between systems MUST be UTF-8. So any other declared charset is refused.
 */
import type { MiddlewareHandler } from "hono";
import { errorJson } from "./api-error";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const CHARSET_PARAM = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;
const UTF8 = /^utf-?8$/i;

/** The charset a Content-Type declares for a JSON body, or null when it declares none. */
function jsonCharset(contentType: string): string | null {
  if (!JSON_MEDIA_TYPE.test(contentType)) return null;
  return CHARSET_PARAM.exec(contentType)?.[1] ?? null;
}

/** Refuses a JSON body declared in any charset but UTF-8 with 415 `unsupported_media_type`.
 *
 * ```ts
 * app.use("/api/*", jsonCharsetGuard);
 * ```
 */
export const jsonCharsetGuard: MiddlewareHandler = async (c, next) => {
  const charset = jsonCharset(c.req.header("Content-Type") ?? "");
  if (charset !== null && !UTF8.test(charset)) {
    return errorJson(c, 415, "unsupported_media_type", "JSON bodies must be UTF-8 (charset=utf-8 or no charset).");
  }
  return next();
};
