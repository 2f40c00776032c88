/**
 * @module Customer portal sessions: the agents' recipe (auth/session.ts: a random token
 * in an HttpOnly cookie, its SHA-256 in D1, revocable) under their own cookie name and
 * table. The two never stand in for each other: `sessionAgent` reads only `sb_session`
 * and the `sessions` table, `portalCustomer` only `sb_portal` and `portal_sessions`, so an
 * agent's cookie opens no portal page and a customer's no console route, even when a
 * value is copied into the other cookie (its hash is in the other table).
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findLivePortalSession, insertPortalSession, revokePortalSession } from "../db/portal-customers";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../env";
import { randomToken, sha256Base64Url } from "./encoding";
import { isLocalhost } from "./session";
import { audited } from "../audit/entry";

export const PORTAL_COOKIE = "sb_portal";
/** Shorter than an agent's 14 days: a customer signs in now and then, from shared
 * computers too, and a new link is one e-mail away. */
const PORTAL_SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface PortalCaller {
  contactId: string;
  email: string;
  /** The contact's name, unless it is a generated visitor name (never shown to them). */
  name: string | null;
  /** The SHA-256 of the session's token (to keep this one when ending the others). */
  sessionHash: string;
}

/** Starts a session for the contact and sets the cookie. `Path=/`: the portal's pages
 * live under /portal and its API under /api/v1/portal. */
/** Opens a session; `how` goes into its `portal.sign_in` audit entry, written with it. */
export async function startPortalSession(c: Context<AppEnv>, contactId: string, email: string, how: "link" | "password"): Promise<void> {
  const token = randomToken();
  const now = Date.now();
  const audit = audited(c, "portal.sign_in", { type: "contact", id: contactId }, { method: how }, { type: "contact", id: contactId, name: null });
  await insertPortalSession(c.var.db, { tokenHash: await sha256Base64Url(token), contactId, email, now, expiresAt: now + PORTAL_SESSION_TTL_MS }, audit);
  setCookie(c, PORTAL_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    // Secure everywhere but plain-http localhost, where browsers would drop the cookie.
    secure: !isLocalhost(c.req.url),
    path: "/",
    maxAge: PORTAL_SESSION_TTL_MS / 1000,
  });
}

export async function endPortalSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, PORTAL_COOKIE);
  if (token && token.length <= 100) await revokePortalSession(c.var.db, await sha256Base64Url(token), Date.now());
  deleteCookie(c, PORTAL_COOKIE, { path: "/" });
}

/** The signed-in customer, or null. */
export async function portalCustomer(c: Context<AppEnv>): Promise<PortalCaller | null> {
  const token = getCookie(c, PORTAL_COOKIE);
  if (!token || token.length > 100) return null;
  const sessionHash = await sha256Base64Url(token);
  const row = await findLivePortalSession(c.var.db, sessionHash, Date.now());
  if (!row) return null;
  return { contactId: row.contactId, email: row.email, name: row.nameGenerated ? null : row.name, sessionHash };
}

/** Middleware: 401 unless a live portal session is presented; sets `c.var.customer`. */
export const requireCustomer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const customer = await portalCustomer(c);
  if (!customer) throw new ApiError(401, "unauthenticated", "Sign in to the portal first.");
  c.set("customer", customer);
  await next();
};
