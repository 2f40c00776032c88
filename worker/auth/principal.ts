/**
 * @module Who is calling an API route: a signed-in agent (session cookie) or an API token.
 * `authorize` is the one middleware behind every console/API route's access rule
 * (worker/routes/access.ts); the helpers give routes what they need from either caller
 * without looking at which: the actor events are stored under, the id per-agent columns
 * are read for, and the inboxes the caller may see.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../env";
import type { Actor, Role, TokenScope } from "../protocol";
import { authenticateToken, presentedSecret } from "./api-token";
import { hasRole } from "./roles";
import { sessionAgent, type SessionAgent } from "./session";

export interface TokenCaller {
  id: string;
  name: string;
  scopes: TokenScope[];
  /** null: every inbox. */
  inboxIds: string[] | null;
}

export type Principal = { kind: "agent"; agent: SessionAgent } | { kind: "token"; token: TokenCaller };

export interface AccessRule {
  /** The least role a session needs. */
  role: Role;
  /** The scope a token needs, or "none": no token may call the route. */
  token: TokenScope | "none";
}

/** 401 without a live credential; 403 with a role or scope too small. Sets `principal`
 * (and `agent` for sessions, which session-only routes read directly). */
export function authorize(rule: AccessRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const secret = presentedSecret(c.req.raw);
    if (secret !== null) {
      const row = await authenticateToken(c, secret);
      if (rule.token === "none") throw new ApiError(403, "forbidden", "API tokens cannot use this route; sign in to the console.");
      if (!row.scopes.includes(rule.token)) throw new ApiError(403, "forbidden", `This needs a token with the ${rule.token} scope.`);
      c.set("principal", { kind: "token", token: { id: row.id, name: row.name, scopes: row.scopes, inboxIds: row.inboxIds } });
      return next();
    }
    const agent = await sessionAgent(c);
    if (!agent) throw new ApiError(401, "unauthenticated", "Sign in first.");
    if (!hasRole(agent.role, rule.role)) throw new ApiError(403, "forbidden", `This needs the ${rule.role} role.`);
    c.set("agent", agent);
    c.set("principal", { kind: "agent", agent });
    await next();
  };
}

/** Whom events caused by this request are stored as: the agent, or the token as a bot. */
export function actorOf(c: Context<AppEnv>): Actor {
  const p = c.var.principal;
  return p.kind === "agent" ? { type: "agent", id: p.agent.id, name: p.agent.name } : { type: "bot", id: p.token.id, name: p.token.name };
}

/** The id per-caller columns (star, read mark, "mine") are read for. A token has none of
 * its own, so its id matches no agent's rows: those columns read as unset. */
export function callerId(c: Context<AppEnv>): string {
  const p = c.var.principal;
  return p.kind === "agent" ? p.agent.id : p.token.id;
}

/** The inboxes the caller is limited to; null: all of them. */
export function callerInboxes(c: Context<AppEnv>): string[] | null {
  const p = c.var.principal;
  return p.kind === "token" ? p.token.inboxIds : null;
}

export function mayUseInbox(c: Context<AppEnv>, inboxId: string): boolean {
  const limited = callerInboxes(c);
  return limited === null || limited.includes(inboxId);
}

/** Whether the caller is an admin: an admin or owner session, or a token with the admin scope. */
export function callerIsAdmin(c: Context<AppEnv>): boolean {
  const p = c.var.principal;
  return p.kind === "agent" ? hasRole(p.agent.role, "admin") : p.token.scopes.includes("admin");
}
