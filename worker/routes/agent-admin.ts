/**
 * @module Agent administration for admins: the full list (with capacity and status),
 * role and capacity changes, deactivation and reactivation. Only an owner may make,
 * unmake, deactivate or reactivate an owner; the last active owner is never demoted or
 * deactivated (409 last_owner; the rule lives in the UPDATEs, db/agent-admin.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { findAgent, teamIdsOf, type AgentRow } from "../db/agents";
import { deactivate, listAllAgents, openAssignedIds, reactivate, toManagedAgent, updateRole } from "../db/agent-admin";
import { findConversation } from "../db/conversations";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOnly, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { DeactivateResult, ManagedAgent, ManagedAgentList, PatchAgentBody } from "../protocol";
import { hasRole } from "../auth/roles";
import { roomOf } from "../conversation/room-client";
import { IdParam } from "./params";
import type { AppEnv } from "../env";
import { audited, auditedStatement } from "../audit/entry";

const all = createRoute({
  method: "get",
  path: "/api/v1/agents/all",
  ...adminOnly,
  responses: { 200: jsonResponse(ManagedAgentList, "Every agent, deactivated ones too"), 401: errors[401], 403: errors[403] },
});

const patch = createRoute({
  method: "patch",
  path: "/api/v1/agents/{id}",
  ...adminOnly,
  request: { params: IdParam, ...jsonBody(PatchAgentBody) },
  responses: { 200: jsonResponse(ManagedAgent, "Role and capacity stored"), ...writeErrors, 409: errors[409] },
});

const deactivateRoute = createRoute({
  method: "post",
  path: "/api/v1/agents/{id}/deactivate",
  ...adminOnly,
  request: { params: IdParam },
  responses: { 200: jsonResponse(DeactivateResult, "Deactivated: sessions revoked, open conversations unassigned"), ...writeErrors, 409: errors[409] },
});

const reactivateRoute = createRoute({
  method: "post",
  path: "/api/v1/agents/{id}/reactivate",
  ...adminOnly,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ManagedAgent, "Active again (signs in with their own password)"), ...writeErrors },
});

async function target(c: Context<AppEnv>, id: string): Promise<AgentRow> {
  const row = await findAgent(c.var.db, id);
  if (!row) throw new ApiError(404, "agent_not_found", "No agent with that id.");
  return row;
}

function ownerOnlyFor(c: Context<AppEnv>, touchesOwner: boolean): void {
  if (touchesOwner && !hasRole(c.var.agent.role, "owner")) throw new ApiError(403, "forbidden", "Only an owner may change an owner, or make one.");
}

const lastOwner = () => new ApiError(409, "last_owner", "This is the last active owner. Make another agent an owner first.");

/** Hands the agent's open conversations back through the room's own assign command, so
 * each room logs the change and publishes it (the list, the queue). Read from the room,
 * not only D1: D1's copy trails it, and a conversation reassigned meanwhile is left alone. */
async function unassignAll(c: Context<AppEnv>, agentId: string): Promise<string[]> {
  const done: string[] = [];
  for (const id of await openAssignedIds(c.var.db, agentId)) {
    const conversation = await findConversation(c.var.db, id);
    if (!conversation) continue;
    const room = roomOf(c.env, conversation);
    const state = await room.snapshot();
    if (state.assigneeId !== agentId || state.status === "resolved") continue;
    // Back to the queue at the customer's original place (the TeamQueue remembers it).
    const result = await room.command({ type: "assign", actor: { type: "agent", id: c.var.agent.id, name: c.var.agent.name }, assigneeId: null, assigneeName: null, onlyIfAssignedTo: agentId, reason: "deactivated" });
    if (!result.duplicate) done.push(id);
  }
  return done;
}

export const agentAdminRoutes = router()
  .openapi(all, async (c) => c.json({ agents: await listAllAgents(c.var.db) }, 200))
  .openapi(patch, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const row = await target(c, id);
    ownerOnlyFor(c, row.role === "owner" || body.role === "owner");
    // A new role is a role change; the same role with a capacity is a setting.
    const audit =
      body.role !== row.role
        ? auditedStatement(c, "agent.role_changed", { type: "agent", id }, { from: row.role, to: body.role, name: row.name })
        : auditedStatement(c, "settings.changed", { type: "agent", id }, { area: "agents", op: "updated", fields: Object.keys(body).sort(), name: row.name });
    if (!(await updateRole(c.var.db, id, body.role, body.capacity, audit))) throw lastOwner();
    return c.json(toManagedAgent((await findAgent(c.var.db, id))!), 200);
  })
  .openapi(deactivateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await target(c, id);
    ownerOnlyFor(c, row.role === "owner");
    if (!row.disabledAt && !(await deactivate(c.var.db, id, Date.now(), auditedStatement(c, "agent.disabled", { type: "agent", id }, { name: row.name, role: row.role })))) throw lastOwner();
    // Their consoles stop receiving the teams' live lists now, and they count as offline.
    await Promise.all((await teamIdsOf(c.var.db, id)).map((teamId) => c.env.TEAM_QUEUE.getByName(teamId).dropAgent(id)));
    const unassigned = await unassignAll(c, id);
    return c.json({ agent: toManagedAgent((await findAgent(c.var.db, id))!), unassigned }, 200);
  })
  .openapi(reactivateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await target(c, id);
    ownerOnlyFor(c, row.role === "owner");
    await reactivate(c.var.db, id, audited(c, "agent.enabled", { type: "agent", id }, { name: row.name, role: row.role }));
    return c.json(toManagedAgent((await findAgent(c.var.db, id))!), 200);
  });
