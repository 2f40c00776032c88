/**
 * @module The agents' work on the waiting list (issue 14): `POST /api/v1/queue/next` takes
 * the head of the caller's teams' queues, `GET /api/v1/queue/stats` shows each of those
 * queues' length, oldest wait and whether a priority item waits.
 */
import { createRoute } from "@hono/zod-openapi";
import { teamIdsOf } from "../db/agents";
import { errors, jsonResponse, router } from "../http/openapi";
import { agentOnly } from "./access";
import { ApiError } from "../http/api-error";
import { ConversationDetail, QueueStats } from "../protocol";
import { takeNext } from "../queue/next";
import { detailFromRoom, loadItem } from "./conversation-context";

const next = createRoute({
  method: "post",
  path: "/api/v1/queue/next",
  ...agentOnly,
  responses: {
    200: jsonResponse(ConversationDetail, "The conversation now assigned to the caller"),
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});

const stats = createRoute({
  method: "get",
  path: "/api/v1/queue/stats",
  ...agentOnly,
  responses: { 200: jsonResponse(QueueStats, "One entry per team of the caller"), 401: errors[401] },
});

export const queueWorkRoutes = router()
  .openapi(next, async (c) => {
    const agent = c.var.agent;
    const state = await takeNext(c.env, await teamIdsOf(c.var.db, agent.id), agent);
    if (!state) throw new ApiError(404, "queue_empty", "No conversation is waiting in your teams' queues.");
    return c.json(detailFromRoom(await loadItem(c, state.id), state), 200);
  })
  .openapi(stats, async (c) => {
    const teamIds = await teamIdsOf(c.var.db, c.var.agent.id);
    const now = Date.now();
    const teams = await Promise.all(
      teamIds.map(async (teamId) => {
        const s = await c.env.TEAM_QUEUE.getByName(teamId).stats();
        return { teamId, waiting: s.waiting, oldestWaitMs: s.oldestReceivedAt === null ? null : Math.max(0, now - s.oldestReceivedAt), priorityWaiting: s.priorityWaiting };
      }),
    );
    return c.json({ teams }, 200);
  });
