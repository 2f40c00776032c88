/**
 * @module Manual "Next" (issue 14): take the head of the caller's teams' queues, by the
 * one order (./order.ts), and assign it to the caller through the conversation's room.
 *
 * Atomic per conversation: a TeamQueue is single-threaded, so `claim` hands a row to one
 * caller only; a second caller pressing Next at the same moment finds it gone and moves
 * to the next head. The room then assigns only if the conversation still waits, so an
 * assignment made meanwhile (an admin, another route) is never overwritten.
 */
import type { Env } from "../env";
import type { Actor } from "../protocol";
import { roomOf } from "../conversation/room-client";
import type { RoomSummary } from "../conversation/commands";
import { compareSortKeys } from "./order";
import type { WaitingRow } from "./waiting-list";

/** Heads lost to other callers before giving up; each loss means someone else got work,
 * so under any real contention this is far more than enough. */
const MAX_ATTEMPTS = 25;

export async function takeNext(env: Env, teamIds: string[], agent: { id: string; name: string }): Promise<RoomSummary | null> {
  const actor: Actor = { type: "agent", id: agent.id, name: agent.name };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // RPC answers lose the tuple type of the key; it is the WaitingRow the queue returned.
    const heads = await Promise.all(teamIds.map(async (teamId) => ({ teamId, head: (await env.TEAM_QUEUE.getByName(teamId).head()) as WaitingRow | null })));
    const best = heads
      .filter((h): h is { teamId: string; head: WaitingRow } => h.head !== null)
      .sort((a, b) => compareSortKeys(a.head.key, b.head.key))[0];
    if (!best) return null;
    const queue = env.TEAM_QUEUE.getByName(best.teamId);
    const claimed = await queue.claim(best.head.summary.id);
    if (!claimed) continue; // another caller took it first
    let state: RoomSummary;
    try {
      const result = await roomOf(env, claimed.summary).command({ type: "assign", actor, assigneeId: agent.id, assigneeName: agent.name, onlyIfWaiting: true, reason: "next" });
      state = result.state;
    } catch (err) {
      // The room could not answer: the conversation still waits, back at its place.
      await queue.unclaim(claimed.summary.id);
      throw err;
    }
    // Someone assigned or closed it meanwhile; the publish of that change drops the claim.
    if (state.assigneeId === agent.id) return state;
  }
  return null;
}
