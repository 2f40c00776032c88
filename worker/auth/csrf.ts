/**
 * @module CSRF protection for cookie-authenticated writes.
 *
 * The session cookie is SameSite=Lax, which already keeps it off cross-site POSTs in
 * current browsers; this check is the second lock. Like Hono's `csrf()` middleware it
 * compares `Origin` with the request's own origin, but it denies when `Origin` is
 * missing (Hono lets those through): every browser sends `Origin` on a fetch POST, so
 * only non-browser clients lack it, and those should use API tokens, not cookies.
 * `Sec-Fetch-Site: same-origin` is accepted too (sent by every current browser).
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (origin !== null) return origin === new URL(request.url).origin;
  return request.headers.get("Sec-Fetch-Site") === "same-origin";
}

/** Rejects unsafe methods from another origin with 403 `csrf_rejected`. */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && !isSameOrigin(c.req.raw)) {
    throw new ApiError(403, "csrf_rejected", "Cross-site request refused: send it from the console's own origin.");
  }
  await next();
};

/** The check for console sockets. A WebSocket handshake is a GET, so `csrfGuard` lets it
 * through, yet it carries the session cookie: a foreign page could open a socket as the
 * signed-in agent (cross-site WebSocket hijacking). Browsers always send `Origin` on a
 * handshake, so a foreign one is refused; one without `Origin` is not a browser's and
 * cannot ride a victim's cookie. */
export function assertSameOriginSocket(request: Request): void {
  if (request.headers.get("Origin") !== null && !isSameOrigin(request)) throw new ApiError(403, "csrf_rejected", "Cross-site socket refused.");
}
