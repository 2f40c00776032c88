/**
 * @module Team administration, for admins: create a team, read and change its settings
 * (name, distribution, capacity, business hours, away message, overflow), its members.
 * Deleting a team is ./team-delete.ts.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { newId } from "../db/client";
import { findAgent } from "../db/agents";
import { addMember, findTeamRow, insertTeam, removeMember, teamDetail, updateTeam } from "../db/team-settings";
import { isUniqueViolation } from "../db/constraint-errors";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOrToken, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { CreateTeamBody, TeamDetail, UpdateTeamBody } from "../protocol";
import type { Db } from "../db/client";
import { IdParam } from "./params";
import { settingsChanged } from "../audit/entry";

const MemberParams = IdParam.extend({ agentId: z.string().min(1).max(64) });

const create = createRoute({
  method: "post",
  path: "/api/v1/teams",
  ...adminOrToken,
  request: jsonBody(CreateTeamBody),
  responses: { 201: jsonResponse(TeamDetail, "Team created"), ...writeErrors, 409: errors[409] },
});

const read = createRoute({
  method: "get",
  path: "/api/v1/teams/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(TeamDetail, "The team, its settings and members"), 401: errors[401], 403: errors[403], 404: errors[404] },
});

const update = createRoute({
  method: "patch",
  path: "/api/v1/teams/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateTeamBody) },
  responses: { 200: jsonResponse(TeamDetail, "Team changed"), ...writeErrors, 409: errors[409] },
});

const addAgent = createRoute({
  method: "put",
  path: "/api/v1/teams/{id}/members/{agentId}",
  ...adminOrToken,
  request: { params: MemberParams },
  responses: { 200: jsonResponse(TeamDetail, "The agent is a member"), ...writeErrors },
});

const removeAgent = createRoute({
  method: "delete",
  path: "/api/v1/teams/{id}/members/{agentId}",
  ...adminOrToken,
  request: { params: MemberParams },
  responses: { 200: jsonResponse(TeamDetail, "The agent is no longer a member"), ...writeErrors },
});

function teamNotFound(): ApiError {
  return new ApiError(404, "team_not_found", "No team with that id.");
}

function nameTaken(err: unknown): never {
  if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "Another team already has this name.");
  throw err;
}

/** The overflow rules: the overflow team exists, is not the team itself, and does not
 * overflow back into it (a cycle of two would bounce a conversation forever). */
async function checkOverflow(db: Db, teamId: string, overflowTeamId: string | null | undefined): Promise<void> {
  if (!overflowTeamId) return;
  if (overflowTeamId === teamId) {
    throw new ApiError(400, "validation_failed", "A team cannot overflow into itself.", [{ path: ["overflowTeamId"], message: "must be another team" }]);
  }
  const overflow = await findTeamRow(db, overflowTeamId);
  if (!overflow) throw new ApiError(404, "team_not_found", "No overflow team with that id.");
  if (overflow.overflowTeamId === teamId) throw new ApiError(409, "conflict", "That team already overflows into this one; two teams cannot overflow into each other.");
}

async function detailOr404(db: Db, id: string): Promise<TeamDetail> {
  const detail = await teamDetail(db, id);
  if (!detail) throw teamNotFound();
  return detail;
}

export const teamRoutes = router()
  .openapi(create, async (c) => {
    const { name, ...settings } = c.req.valid("json");
    const id = newId();
    await checkOverflow(c.var.db, id, settings.overflowTeamId);
    await insertTeam(c.var.db, id, name, settings, Date.now(), settingsChanged(c, "teams", "created", { type: "team", id }, { name, fields: settings })).catch(nameTaken);
    return c.json(await detailOr404(c.var.db, id), 201);
  })
  .openapi(read, async (c) => c.json(await detailOr404(c.var.db, c.req.valid("param").id), 200))
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const team = await findTeamRow(c.var.db, id);
    if (!team) throw teamNotFound();
    await checkOverflow(c.var.db, id, changes.overflowTeamId);
    const found = await updateTeam(c.var.db, id, changes, settingsChanged(c, "teams", "updated", { type: "team", id }, { name: changes.name ?? team.name, fields: changes })).catch(nameTaken);
    if (!found) throw teamNotFound();
    // The team's queue caches its distribution settings: tell it (turning "auto" on
    // starts handing out what waits at once).
    await c.env.TEAM_QUEUE.getByName(id).settingsChanged();
    return c.json(await detailOr404(c.var.db, id), 200);
  })
  .openapi(addAgent, async (c) => {
    const { id, agentId } = c.req.valid("param");
    const team = await findTeamRow(c.var.db, id);
    if (!team) throw teamNotFound();
    const agent = await findAgent(c.var.db, agentId);
    if (!agent || agent.disabledAt) throw new ApiError(404, "agent_not_found", "No active agent with that id.");
    await addMember(c.var.db, id, agentId, settingsChanged(c, "team_members", "added", { type: "team", id }, { name: team.name, agentId, agentName: agent.name }));
    return c.json(await detailOr404(c.var.db, id), 200);
  })
  .openapi(removeAgent, async (c) => {
    const { id, agentId } = c.req.valid("param");
    const team = await findTeamRow(c.var.db, id);
    if (!team) throw teamNotFound();
    await removeMember(c.var.db, id, agentId, settingsChanged(c, "team_members", "removed", { type: "team", id }, { name: team.name, agentId }));
    return c.json(await detailOr404(c.var.db, id), 200);
  });
