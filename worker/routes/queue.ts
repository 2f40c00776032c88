/**
 * @module The console's live list socket: an agent joins a TeamQueue (one of its teams;
 * admins and owners any team) and receives every conversation change of that team.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { findDefaultTeam, findTeam, teamIdsOf } from "../db/agents";
import { router } from "../http/openapi";
import { agentOnly, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { hasRole } from "../auth/roles";
import { assertSameOriginSocket } from "../auth/csrf";
import { AGENT_HEADER, AVAILABILITY_HEADER } from "../queue/team-queue";
import { availabilityOf } from "../db/agent-status";
import { NO_TEAM_FEED } from "../protocol";

const socket = createRoute({
  method: "get",
  path: "/api/v1/queue/ws",
  ...agentOnly,
  request: { query: z.object({ team: z.string().min(1).max(64).optional() }) },
  responses: { 101: { description: "WebSocket: QueueFrame out" }, ...writeErrors },
});

export const queueRoutes = router().openapi(socket, async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(400, "bad_request", "This endpoint only speaks WebSocket.");
  assertSameOriginSocket(c.req.raw);
  const db = c.var.db;
  const agent = c.var.agent;
  const mine = await teamIdsOf(db, agent.id);
  const teamId = c.req.valid("query").team ?? mine[0] ?? (await findDefaultTeam(db))?.id;
  if (!teamId) throw new ApiError(404, "team_not_found", "There is no team yet.");
  // The feed of conversations without a team: admins only (they see Unassigned whole).
  if (teamId === NO_TEAM_FEED && !hasRole(agent.role, "admin")) throw new ApiError(403, "forbidden", "Only admins follow conversations without a team.");
  // Admins may join any team's queue, but only a real one: a made-up id would create a
  // TeamQueue object (and its storage) for a team that does not exist.
  if (teamId !== NO_TEAM_FEED && !mine.includes(teamId) && !(await findTeam(db, teamId))) throw new ApiError(404, "team_not_found", "No team with that id.");
  if (!mine.includes(teamId) && !hasRole(agent.role, "admin")) throw new ApiError(403, "forbidden", "You are not a member of that team.");
  const headers = new Headers(c.req.raw.headers);
  headers.set(AGENT_HEADER, agent.id);
  headers.set(AVAILABILITY_HEADER, await availabilityOf(db, agent.id));
  return c.env.TEAM_QUEUE.getByName(teamId).fetch(new Request(c.req.url, { headers })) as never;
});
