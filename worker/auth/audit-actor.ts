/**
 * @module Who made an API call and from where, as the audit log and the consent ledger
 * record it (issue 16): the signed-in agent or the API token, and the client's address
 * as Cloudflare saw it (`CF-Connecting-IP`,
 * https://developers.cloudflare.com/fundamentals/reference/http-headers/#cf-connecting-ip).
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

/** The client's IP address, or null where the request did not come through Cloudflare's
 * edge (local tests). */
export function clientIp(c: Context<AppEnv>): string | null {
  return c.req.header("CF-Connecting-IP") ?? null;
}
