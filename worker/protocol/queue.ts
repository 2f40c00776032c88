/**
 * @module Shapes of the waiting list's API (issue 14): per-team queue stats for the
 * console's queue panel. (`POST /api/v1/queue/next` answers with a ConversationDetail.)
 */
import { z } from "zod";

/** One of the caller's teams' queues right now. */
export const TeamQueueStats = z.object({
  teamId: z.string(),
  /** Open, unassigned conversations waiting in the team's queue. */
  waiting: z.number().int().nonnegative(),
  /** How long the longest-waiting customer has waited (ms); null when no one waits. */
  oldestWaitMs: z.number().int().nonnegative().nullable(),
  /** A priority item waits (a web chat visitor, or a callback due): the Next button turns red. */
  priorityWaiting: z.boolean(),
});
export type TeamQueueStats = z.infer<typeof TeamQueueStats>;

/** `GET /api/v1/queue/stats` (agents): one entry per team the caller belongs to. */
export const QueueStats = z.object({ teams: z.array(TeamQueueStats) });
export type QueueStats = z.infer<typeof QueueStats>;

/** `PUT /api/v1/conversations/:id/callback`: call the customer back at `at` (ms since the
 * epoch, in the future, within a year). The conversation waits in its team's queue and
 * heads it from 5 minutes before. `DELETE` on the same path cancels. */
export const ScheduleCallbackBody = z.strictObject({ at: z.number().int().positive() });
export type ScheduleCallbackBody = z.infer<typeof ScheduleCallbackBody>;

/** How long before a callback's time it heads the queue (issue 14, rule 1). */
export const CALLBACK_LEAD_MS = 5 * 60_000;

/** The live feed of conversations that have no team (routing found none): not a queue,
 * nothing is distributed from it; admins and owners join it so those conversations
 * still reach them live in the Unassigned view (`GET /api/v1/queue/ws?team=unrouted`). */
export const NO_TEAM_FEED = "unrouted";

/** How far ahead a callback may be scheduled: a year, leap day included (366 days). */
export const MAX_CALLBACK_AHEAD_MS = 366 * 86_400_000;
