/**
 * @module The signed-in agent's own profile: name, avatar, language and alert
 * preferences (`PATCH /api/v1/me`), and the password change, which needs the current
 * password and signs the agent's other sessions out.
 */
import { createRoute } from "@hono/zod-openapi";
import { getCookie } from "hono/cookie";
import { findAgent, teamIdsOf, toAgent } from "../db/agents";
import { changePassword, toProfile, updateProfile } from "../db/profiles";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOnly } from "./access";
import { ApiError } from "../http/api-error";
import { ChangePasswordBody, Me, Ok, UpdateProfileBody } from "../protocol";
import { hashPassword, verifyPassword } from "../auth/password";
import { SESSION_COOKIE } from "../auth/session";
import { takeToken, clearTokens } from "../auth/rate-limit";
import { sha256Base64Url } from "../auth/encoding";
import { audited } from "../audit/entry";

/** As many tries as a login gets per e-mail: a session left open must not become a way
 * to guess the password it was opened with. */
const PASSWORD_CHECKS = { limit: 10, windowMs: 15 * 60_000 };

const update = createRoute({
  method: "patch",
  path: "/api/v1/me",
  ...agentOnly,
  request: jsonBody(UpdateProfileBody),
  responses: { 200: jsonResponse(Me, "The updated profile"), 400: errors[400], 401: errors[401], 403: errors[403] },
});

const password = createRoute({
  method: "post",
  path: "/api/v1/me/password",
  ...agentOnly,
  request: jsonBody(ChangePasswordBody),
  responses: {
    200: jsonResponse(Ok, "Password changed; the agent's other sessions are signed out"),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    429: errors[429],
  },
});

export const profileRoutes = router()
  .openapi(update, async (c) => {
    const db = c.var.db;
    const row = await updateProfile(db, c.var.agent.id, c.req.valid("json"));
    if (!row) throw new ApiError(401, "unauthenticated", "Sign in first.");
    return c.json({ agent: toAgent(row), teamIds: await teamIdsOf(db, row.id), profile: toProfile(row) }, 200);
  })
  .openapi(password, async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const db = c.var.db;
    const agentId = c.var.agent.id;
    const key = `password:agent:${agentId}`;
    if (!(await takeToken(db, key, PASSWORD_CHECKS))) throw new ApiError(429, "rate_limited", "Too many attempts. Wait a few minutes and try again.");
    const row = await findAgent(db, agentId);
    if (!row) throw new ApiError(401, "unauthenticated", "Sign in first.");
    const ok = await verifyPassword(currentPassword, { hash: row.passwordHash, salt: row.passwordSalt, iterations: row.passwordIterations });
    // 403, not 401: the session is fine, and a 401 would tell the console to sign out.
    if (!ok) throw new ApiError(403, "invalid_credentials", "The current password is wrong.", [{ path: ["currentPassword"], message: "The current password is wrong." }]);
    await clearTokens(db, key);
    // requireAgent has already checked the cookie, so it is present here.
    const keep = await sha256Base64Url(getCookie(c, SESSION_COOKIE) ?? "");
    await changePassword(db, agentId, await hashPassword(newPassword), keep, Date.now(), audited(c, "auth.password_changed", { type: "agent", id: agentId }));
    return c.json({ ok: true as const }, 200);
  });
