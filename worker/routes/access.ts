/**
 * @module Who may call a console route, stated once: spread `agentOnly` or `adminOnly`
 * into a `createRoute` definition and it carries both the middleware that enforces the
 * role and the security scheme the OpenAPI document shows. `writeErrors` are the error
 * answers every console write on a path id shares.
 */
import { requireAgent } from "../auth/session";
import { requireRole } from "../auth/roles";
import { cookieAuth, errors } from "../http/openapi";

/** Any signed-in agent (agent, admin or owner). */
export const agentOnly = { security: cookieAuth, middleware: [requireAgent] };

/** Admins and owners. */
export const adminOnly = { security: cookieAuth, middleware: [requireAgent, requireRole("admin")] };

/** Bad input, not signed in, role too low or cross-site, no such id. */
export const writeErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] };
