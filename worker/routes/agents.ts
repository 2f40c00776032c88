/**
 * @module Agents and teams: anyone signed in may list them; admins add agents.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { newId } from "../db/client";
import { createAgent, findAgentByEmail, findDefaultTeam, listAgents, listTeams } from "../db/agents";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, adminOnly } from "./access";
import { ApiError } from "../http/api-error";
import { Agent, CreateAgentBody, Team, AgentList, TeamList } from "../protocol";
import { hashPassword } from "../auth/password";
import { audited } from "../audit/entry";

const list = createRoute({
  method: "get",
  path: "/api/v1/agents",
  ...agentOr("conversations:read"),
  responses: { 200: jsonResponse(AgentList, "Active agents"), 401: errors[401] },
});

const create = createRoute({
  method: "post",
  path: "/api/v1/agents",
  ...adminOnly,
  request: jsonBody(CreateAgentBody),
  responses: { 201: jsonResponse(Agent, "Agent created (member of the default team)"), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});

const teams = createRoute({
  method: "get",
  path: "/api/v1/teams",
  ...agentOr("conversations:read"),
  responses: { 200: jsonResponse(TeamList, "Teams"), 401: errors[401] },
});

export const agentRoutes = router()
  .openapi(list, async (c) => c.json({ agents: await listAgents(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = c.var.db;
    if (await findAgentByEmail(db, body.email)) throw new ApiError(409, "conflict", "An agent with this e-mail already exists.");
    const team = await findDefaultTeam(db);
    const agent = { id: newId(), name: body.name, email: body.email, role: body.role };
    const audit = audited(c, "agent.created", { type: "agent", id: agent.id }, { email: agent.email, role: agent.role, name: agent.name });
    await createAgent(db, { ...agent, password: await hashPassword(body.password), teamIds: team ? [team.id] : [] }, Date.now(), audit);
    return c.json(agent, 201);
  })
  .openapi(teams, async (c) => c.json({ teams: await listTeams(c.var.db) }, 200));
