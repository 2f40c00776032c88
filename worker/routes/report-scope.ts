/**
 * @module Who sees which report figures, decided once for every report route: admins and
 * tokens with `reports:read` see everyone's; an agent sees only their own (the agent
 * filter is theirs, whatever they asked — naming another agent is refused); a token
 * limited to some inboxes must name one of them.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { callerId, callerInboxes, callerIsAdmin } from "../auth/principal";
import type { ReportFilters } from "../protocol";

/** The filters the report runs with, narrowed to what the caller may see. */
export function scopedFilters(c: Context<AppEnv>, asked: ReportFilters): ReportFilters {
  const filters: ReportFilters = { agentId: asked.agentId, teamId: asked.teamId, inboxId: asked.inboxId, channel: asked.channel };
  const p = c.var.principal;
  if (p.kind === "agent" && !callerIsAdmin(c)) {
    if (asked.agentId !== undefined && asked.agentId !== p.agent.id) throw new ApiError(403, "forbidden", "Agents see their own figures only.");
    filters.agentId = callerId(c);
  }
  const inboxes = callerInboxes(c);
  if (inboxes !== null && (asked.inboxId === undefined || !inboxes.includes(asked.inboxId))) {
    throw new ApiError(403, "forbidden", "This token covers only some inboxes: name one of them in `inboxId`.");
  }
  return filters;
}
