/**
 * @module Role checks. Owner ⊃ admin ⊃ agent; each route names the least role it needs.
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../env";
import type { Role } from "../protocol";

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** Use after `requireAgent`: 403 unless the agent's role is at least `least`. */
export function requireRole(least: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasRole(c.var.agent.role, least)) throw new ApiError(403, "forbidden", `This needs the ${least} role.`);
    await next();
  };
}
