/**
 * @module Invites: an admin makes a one-time link with an expiry (no password is ever
 * set by someone else); whoever opens it picks their name and password, becomes the
 * agent and is signed in. D1 keeps only the token's SHA-256.
 */
import { createRoute } from "@hono/zod-openapi";
import { newId } from "../db/client";
import { findAgent, findAgentByEmail, findDefaultTeam, teamIdsOf, toAgent } from "../db/agents";
import { acceptInvite, findInvite, insertInvite } from "../db/agent-admin";
import { isUniqueViolation } from "../db/constraint-errors";
import { toProfile } from "../db/profiles";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOnly } from "./access";
import { ApiError } from "../http/api-error";
import { AcceptInviteBody, CreateInviteBody, Invite, INVITE_TTL_MS, InviteTokenParam, Me } from "../protocol";
import { hasRole } from "../auth/roles";
import { hashPassword } from "../auth/password";
import { randomToken, sha256Base64Url } from "../auth/encoding";
import { startSession } from "../auth/session";
import { audited, auditedStatement } from "../audit/entry";

const create = createRoute({
  method: "post",
  path: "/api/v1/agents/invites",
  ...adminOnly,
  request: jsonBody(CreateInviteBody),
  responses: { 201: jsonResponse(Invite, "The invite; its link is shown this once"), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});

const accept = createRoute({
  method: "post",
  path: "/api/v1/invites/{token}/accept",
  request: { params: InviteTokenParam, ...jsonBody(AcceptInviteBody) },
  responses: {
    201: jsonResponse(Me, "Agent created and signed in"),
    400: errors[400],
    403: errors[403],
    404: errors[404],
    409: errors[409],
    410: errors[410],
  },
});

function gone(code: "invite_used" | "invite_expired"): ApiError {
  return code === "invite_used"
    ? new ApiError(410, code, "This invite was already used. Sign in, or ask an admin for a new one.")
    : new ApiError(410, code, "This invite has expired. Ask an admin for a new one.");
}

export const inviteRoutes = router()
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    if (body.role === "owner" && !hasRole(c.var.agent.role, "owner")) throw new ApiError(403, "forbidden", "Only an owner may invite an owner.");
    if (await findAgentByEmail(c.var.db, body.email)) throw new ApiError(409, "conflict", "An agent with this e-mail already exists.");
    const token = randomToken();
    const now = Date.now();
    const expiresAt = now + INVITE_TTL_MS;
    const audit = audited(c, "agent.invited", { type: "invite", id: null }, { email: body.email, role: body.role, expiresAt });
    await insertInvite(c.var.db, { tokenHash: await sha256Base64Url(token), email: body.email, role: body.role, invitedBy: c.var.agent.id, createdAt: now, expiresAt }, audit);
    const url = `${new URL(c.req.url).origin}/console/invite#${token}`;
    return c.json({ email: body.email, role: body.role, url, token, expiresAt }, 201);
  })
  .openapi(accept, async (c) => {
    const { token } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
    const tokenHash = await sha256Base64Url(token);
    const invite = await findInvite(db, tokenHash);
    if (!invite) throw new ApiError(404, "invite_not_found", "No invite with this link. Check you copied all of it.");
    if (invite.acceptedAt !== null) throw gone("invite_used");
    const now = Date.now();
    if (invite.expiresAt <= now) throw gone("invite_expired");
    const id = newId();
    const team = await findDefaultTeam(db);
    let claimed: boolean;
    try {
      const self = { type: "agent" as const, id, name: body.name };
      const audit = auditedStatement(c, "agent.invite_accepted", { type: "agent", id }, { email: invite.email, role: invite.role, invitedBy: invite.invitedBy }, self);
      claimed = await acceptInvite(db, tokenHash, { id, name: body.name, password: await hashPassword(body.password), teamId: team?.id ?? null }, now, audit);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "An agent with this e-mail already exists; sign in instead.");
      throw err;
    }
    // Lost to a racing accept (or the expiry passed while the password was hashed).
    if (!claimed) throw gone(invite.expiresAt <= Date.now() ? "invite_expired" : "invite_used");
    await startSession(c, id, audited(c, "auth.sign_in", { type: "agent", id }, { via: "invite" }, { type: "agent", id, name: body.name }));
    const row = (await findAgent(db, id))!;
    return c.json({ agent: toAgent(row), teamIds: await teamIdsOf(db, id), profile: toProfile(row) }, 201);
  });
