/**
 * @module Deleting a team (admins): refused while it has conversations, unless a target
 * team is named; then each conversation's room logs the move (the assignment path), D1
 * follows, and the team goes with its memberships.
 */
import { createRoute } from "@hono/zod-openapi";
import { findAgent } from "../db/agents";
import { findConversation } from "../db/conversations";
import { countTeamConversations, deleteTeam, findTeamRow, teamConversationIds } from "../db/team-settings";
import { errors, jsonResponse, router } from "../http/openapi";
import { adminOrToken } from "./access";
import { ApiError } from "../http/api-error";
import { DeleteTeamQuery, TeamDeleted } from "../protocol";
import type { Actor } from "../protocol";
import { roomOf } from "../conversation/room-client";
import { IdParam } from "./params";
import type { AppEnv } from "../env";
import { actorOf } from "../auth/principal";
import type { Context } from "hono";
import { settingsChanged } from "../audit/entry";

const remove = createRoute({
  method: "delete",
  path: "/api/v1/teams/{id}",
  ...adminOrToken,
  request: { params: IdParam, query: DeleteTeamQuery },
  responses: {
    200: jsonResponse(TeamDeleted, "Team deleted; its conversations moved to the target"),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});

/** Rooms told at once: bounded so a large team does not open hundreds of DO calls together. */
const ROOMS_AT_ONCE = 8;

/** Tells each conversation's room it now belongs to `targetId`, through the same command
 * an agent's reassignment sends, so the timeline shows the move. Every conversation, the
 * resolved ones too: a room projects its own team id with each later event, and a deleted
 * team there would fail D1's foreign key. Status stays (keepStatus). */
async function moveRooms(c: Context<AppEnv>, ids: string[], targetId: string, actor: Actor): Promise<void> {
  for (let i = 0; i < ids.length; i += ROOMS_AT_ONCE) {
    await Promise.all(
      ids.slice(i, i + ROOMS_AT_ONCE).map(async (id) => {
        const conversation = await findConversation(c.var.db, id);
        if (!conversation) return;
        const assignee = conversation.assigneeId ? await findAgent(c.var.db, conversation.assigneeId) : undefined;
        await roomOf(c.env, conversation).command({
          type: "assign",
          actor,
          assigneeId: conversation.assigneeId,
          assigneeName: assignee?.name ?? null,
          teamId: targetId,
          keepStatus: true,
        });
      }),
    );
  }
}

export const teamDeleteRoutes = router().openapi(remove, async (c) => {
  const { id } = c.req.valid("param");
  const { targetTeamId } = c.req.valid("query");
  const db = c.var.db;
  const team = await findTeamRow(db, id);
  if (!team) throw new ApiError(404, "team_not_found", "No team with that id.");
  if (targetTeamId === id) {
    throw new ApiError(400, "validation_failed", "Move the conversations to another team.", [{ path: ["targetTeamId"], message: "must be another team" }]);
  }
  if (targetTeamId && !(await findTeamRow(db, targetTeamId))) throw new ApiError(404, "team_not_found", "No target team with that id.");
  const moved = await countTeamConversations(db, id);
  if (moved > 0 && !targetTeamId) throw new ApiError(409, "conflict", "The team has conversations: name a target team (targetTeamId) to move them to.");
  if (targetTeamId) await moveRooms(c, await teamConversationIds(db, id), targetTeamId, actorOf(c));
  await deleteTeam(db, id, targetTeamId ?? null, settingsChanged(c, "teams", "deleted", { type: "team", id }, { name: team.name, targetTeamId: targetTeamId ?? null, movedConversations: moved }));
  return c.json({ ok: true as const, movedConversations: moved }, 200);
});
