/**
 * @module Owner setup, login, logout and `me`. Setup works only while no agent exists;
 * failed sign-ins are limited per address and account, per address, and per account
 * (the rule is in auth/login-limits.ts). Sign-ins, failures (audit/sign-in-failures.ts)
 * and sign-outs go to the audit log.
 */
import { createRoute } from "@hono/zod-openapi";
import { newId } from "../db/client";
import { countAgents, createOwnerIfNone, findAgent, findAgentByEmail, teamIdsOf, toAgent } from "../db/agents";
import { toProfile } from "../db/profiles";
import { DEFAULT_TEAM_NAME } from "../db/teams";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOnly } from "./access";
import { ApiError } from "../http/api-error";
import { LoginBody, Me, Ok, SetupBody, SetupState } from "../protocol";
import { decoyHash, hashPassword, verifyPassword } from "../auth/password";
import { endSession, sessionAgent, startSession } from "../auth/session";
import { mayTrySignIn, recordSignInFailure, recordSignInSuccess } from "../auth/login-limits";
import { audited, auditedStatement } from "../audit/entry";
import { recordSignInFailureAudit } from "../audit/sign-in-failures";

const setupState = createRoute({
  method: "get",
  path: "/api/v1/setup",
  responses: { 200: jsonResponse(SetupState, "Whether the owner still has to be created") },
});

const setup = createRoute({
  method: "post",
  path: "/api/v1/setup",
  request: jsonBody(SetupBody),
  responses: { 201: jsonResponse(Me, "Owner created and signed in"), 400: errors[400], 403: errors[403], 409: errors[409] },
});

const login = createRoute({
  method: "post",
  path: "/api/v1/auth/login",
  request: jsonBody(LoginBody),
  responses: { 200: jsonResponse(Me, "Signed in; the session cookie is set"), 400: errors[400], 401: errors[401], 403: errors[403], 429: errors[429] },
});

const logout = createRoute({
  method: "post",
  path: "/api/v1/auth/logout",
  responses: { 200: jsonResponse(Ok, "Session revoked"), 403: errors[403] },
});

const me = createRoute({
  method: "get",
  path: "/api/v1/me",
  ...agentOnly,
  responses: { 200: jsonResponse(Me, "The signed-in agent"), 401: errors[401] },
});

export const authRoutes = router()
  .openapi(setupState, async (c) => c.json({ needsSetup: (await countAgents(c.var.db)) === 0 }, 200))
  .openapi(setup, async (c) => {
    const body = c.req.valid("json");
    const db = c.var.db;
    if ((await countAgents(db)) > 0) throw new ApiError(409, "setup_already_done", "The owner already exists; sign in instead.");
    const owner = { id: newId(), name: body.name, email: body.email, password: await hashPassword(body.password) };
    const self = { type: "agent" as const, id: owner.id, name: owner.name };
    const audit = auditedStatement(c, "agent.created", { type: "agent", id: owner.id }, { role: "owner", via: "setup" }, self);
    const created = await createOwnerIfNone(db, owner, { id: newId(), name: DEFAULT_TEAM_NAME[body.locale ?? "en"] }, Date.now(), audit);
    if (!created) throw new ApiError(409, "setup_already_done", "The owner already exists; sign in instead.");
    await startSession(c, owner.id, audited(c, "auth.sign_in", { type: "agent", id: owner.id }, {}, self));
    const row = (await findAgent(db, owner.id))!;
    return c.json({ agent: toAgent(row), teamIds: await teamIdsOf(db, owner.id), profile: toProfile(row) }, 201);
  })
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.var.db;
    const ip = c.req.header("CF-Connecting-IP") ?? "local";
    if (!(await mayTrySignIn(db, ip, email))) throw new ApiError(429, "rate_limited", "Too many failed sign-ins. Wait a few minutes and try again.");
    const row = await findAgentByEmail(db, email);
    const stored = row && !row.disabledAt ? { hash: row.passwordHash, salt: row.passwordSalt, iterations: row.passwordIterations } : await decoyHash();
    const ok = await verifyPassword(password, stored);
    if (!row || row.disabledAt || !ok) {
      await recordSignInFailure(db, ip, email);
      const reason = !row ? "unknown_account" : row.disabledAt ? "deactivated" : "wrong_password";
      await recordSignInFailureAudit(c, { email, agentId: row?.id ?? null, reason });
      throw new ApiError(401, "invalid_credentials", "E-mail or password is wrong.");
    }
    await recordSignInSuccess(db, ip, email);
    await startSession(c, row.id, audited(c, "auth.sign_in", { type: "agent", id: row.id }, {}, { type: "agent", id: row.id, name: row.name }));
    return c.json({ agent: toAgent(row), teamIds: await teamIdsOf(db, row.id), profile: toProfile(row) }, 200);
  })
  .openapi(logout, async (c) => {
    // Whose session it is, for the entry; a dead or absent one records nothing.
    const agent = await sessionAgent(c);
    await endSession(c, agent ? audited(c, "auth.sign_out", { type: "agent", id: agent.id }, {}, { type: "agent", id: agent.id, name: agent.name }) : undefined);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(me, async (c) => {
    const db = c.var.db;
    const row = await findAgent(db, c.var.agent.id);
    if (!row) throw new ApiError(401, "unauthenticated", "Sign in first.");
    return c.json({ agent: toAgent(row), teamIds: await teamIdsOf(db, row.id), profile: toProfile(row) }, 200);
  });
