/**
 * @module Who may call a console/API route, stated once per route: spread one of these
 * into a `createRoute` definition and it carries both the middleware that enforces the
 * rule (auth/principal.ts `authorize`) and the security schemes the OpenAPI document shows.
 *
 * Each rule names the least session role AND what an API token needs:
 * - `agentOnly` / `adminOnly`: console sessions only; no API token may call the route
 *   (sign-in and profile, per-agent marks, agent and token administration…);
 * - `agentOr(scope)`: any signed-in agent, or a token holding `scope`;
 * - `adminOrToken`: admins and owners, or a token holding the `admin` scope;
 * - `ownerOnly`: owners' console sessions only (the audit log: who watches the admins).
 * A route a token may call reads its caller through `actorOf`/`callerId`/`mayUseInbox`
 * (auth/principal.ts), never `c.var.agent` (unset on token calls).
 * `writeErrors` are the error answers every console write on a path id shares.
 */
import { authorize, type AccessRule } from "../auth/principal";
import { cookieAuth, errors, tokenAuth } from "../http/openapi";
import type { TokenScope } from "../protocol";

export function access(rule: AccessRule) {
  return { security: rule.token === "none" ? cookieAuth : [...cookieAuth, ...tokenAuth], middleware: [authorize(rule)] };
}

/** Any signed-in agent (agent, admin or owner); no API token. */
export const agentOnly = access({ role: "agent", token: "none" });

/** Admins and owners; no API token. */
export const adminOnly = access({ role: "admin", token: "none" });

/** Owners only; no API token. The audit log is where owners check what admins (and
 * tokens) did, so neither an admin nor any token — even one with the admin scope, which
 * an admin may mint — may read it. */
export const ownerOnly = access({ role: "owner", token: "none" });

/** Any signed-in agent, or an API token with `scope`. */
export const agentOr = (scope: TokenScope) => access({ role: "agent", token: scope });

/** Admins and owners, or an API token with the `admin` scope. */
export const adminOrToken = access({ role: "admin", token: "admin" });

/** Bad input, not signed in, role too low or cross-site, no such id. */
export const writeErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] };
