/**
 * @module Who recorded a consent record through the API (issue 16): the signed-in agent or
 * the API token. Where from is `clientIp` in ../audit/entry.ts, the one reading of
 * `CF-Connecting-IP` (bounded) that the audit log uses too.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { AuditActorType, ConsentRecorder } from "../protocol";

export interface CallerRef {
  type: AuditActorType & ConsentRecorder;
  id: string;
  name: string;
}

/** The caller of an authorized route: an agent, or a token (by its id and name). */
export function callerRef(c: Context<AppEnv>): CallerRef {
  const p = c.var.principal;
  return p.kind === "agent" ? { type: "agent", id: p.agent.id, name: p.agent.name } : { type: "token", id: p.token.id, name: p.token.name };
}

