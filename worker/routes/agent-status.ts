/**
 * @module Agent status (issue 14): `PUT /api/v1/me/status` (the agent sets online or
 * away; stored in D1 and told to each of their teams' queues), `GET /api/v1/me/status`
 * (what they chose, for the console's toggle), and
 * `GET /api/v1/agents/status` (a team's members with their effective status, which the
 * TeamQueue knows from the console sockets).
 */
import { createRoute } from "@hono/zod-openapi";
import { activeMembers, availabilityOf, storeAvailability } from "../db/agent-status";
import { findDefaultTeam, findTeam, teamIdsOf } from "../db/agents";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOnly, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { hasRole } from "../auth/roles";
import { AgentStatusQuery, MyStatus, PutStatusBody, TeamAgentStatus } from "../protocol";

const put = createRoute({
  method: "put",
  path: "/api/v1/me/status",
  ...agentOnly,
  request: jsonBody(PutStatusBody),
  responses: { 200: jsonResponse(MyStatus, "Availability stored"), 400: errors[400], 401: errors[401], 403: errors[403] },
});

const mine = createRoute({
  method: "get",
  path: "/api/v1/me/status",
  ...agentOnly,
  responses: { 200: jsonResponse(MyStatus, "The availability the agent chose"), 401: errors[401] },
});

const list = createRoute({
  method: "get",
  path: "/api/v1/agents/status",
  ...agentOnly,
  request: { query: AgentStatusQuery },
  responses: { 200: jsonResponse(TeamAgentStatus, "The team's members and their effective status"), ...writeErrors },
});

export const agentStatusRoutes = router()
  .openapi(mine, async (c) => c.json({ status: await availabilityOf(c.var.db, c.var.agent.id) }, 200))
  .openapi(put, async (c) => {
    const { status } = c.req.valid("json");
    const agentId = c.var.agent.id;
    // D1 first: a console connecting meanwhile reads it and brings it to the queue.
    await storeAvailability(c.var.db, agentId, status);
    for (const teamId of await teamIdsOf(c.var.db, agentId)) await c.env.TEAM_QUEUE.getByName(teamId).setAvailability(agentId, status);
    return c.json({ status }, 200);
  })
  .openapi(list, async (c) => {
    const db = c.var.db;
    const agent = c.var.agent;
    const mine = await teamIdsOf(db, agent.id);
    const teamId = c.req.valid("query").team ?? mine[0] ?? (await findDefaultTeam(db))?.id;
    if (!teamId) throw new ApiError(404, "team_not_found", "There is no team yet.");
    // As the queue socket: members see their teams; admins any real team.
    if (!mine.includes(teamId)) {
      if (!(await findTeam(db, teamId))) throw new ApiError(404, "team_not_found", "No team with that id.");
      if (!hasRole(agent.role, "admin")) throw new ApiError(403, "forbidden", "You are not a member of that team.");
    }
    const members = await activeMembers(db, teamId);
    const statuses = await c.env.TEAM_QUEUE.getByName(teamId).statuses(members.map((m) => m.id));
    return c.json({ teamId, agents: members.map((m) => ({ ...m, status: statuses[m.id] ?? "offline" })) }, 200);
  });
