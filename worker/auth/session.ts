/**
 * @module Agent sessions: a random token in an HttpOnly cookie, its SHA-256 in D1, so a
 * session can be revoked server-side and a leaked database holds no usable token.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { BatchItem } from "drizzle-orm/batch";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findLiveSession, insertSession, revokeSession, toAgent } from "../db/agents";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../env";
import type { Agent } from "../protocol";
import { randomToken, sha256Base64Url } from "./encoding";

export const SESSION_COOKIE = "sb_session";
const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export type SessionAgent = Agent;

/** Plain-http localhost, where browsers drop Secure cookies (agents' and customers' sessions). */
export function isLocalhost(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/** Starts a session for `agentId` and sets the cookie on the response; `audit` lands
 * with the session. */
export async function startSession(c: Context<AppEnv>, agentId: string, audit?: BatchItem<"sqlite">): Promise<void> {
  const token = randomToken();
  const now = Date.now();
  await insertSession(c.var.db, await sha256Base64Url(token), agentId, now, now + SESSION_TTL_MS, audit);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    // Secure everywhere but plain-http localhost, where browsers would drop the cookie.
    secure: !isLocalhost(c.req.url),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Revokes the cookie's session and clears the cookie; `audit` lands only if the session
 * was live. */
export async function endSession(c: Context<AppEnv>, audit?: BatchItem<"sqlite">): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await revokeSession(c.var.db, await sha256Base64Url(token), Date.now(), audit);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/** Resolves the cookie to a live session's agent, or null. */
export async function sessionAgent(c: Context<AppEnv>): Promise<SessionAgent | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const row = await findLiveSession(c.var.db, await sha256Base64Url(token), Date.now());
  return row ? toAgent(row.agent) : null;
}

/** Middleware: 401 unless a live session is presented; sets `c.var.agent`. */
export const requireAgent: MiddlewareHandler<AppEnv> = async (c, next) => {
  const agent = await sessionAgent(c);
  if (!agent) throw new ApiError(401, "unauthenticated", "Sign in first.");
  c.set("agent", agent);
  await next();
};
