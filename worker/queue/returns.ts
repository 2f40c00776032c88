/**
 * @module Conversations going back to the queue (issue 14): their agent went offline,
 * let the team's no-answer deadline pass, or (for a reopened conversation) is not
 * there to take it back. Each is an assignment event in the conversation's log, with
 * its reason, so agents see it in the timeline. The room applies it only if the agent
 * still has the conversation (and, for offline/timeout, no one has answered), so a
 * reply or a reassignment that lands first always wins. The published row then finds
 * its original place in the waiting list (the TeamQueue's AssignedBook kept it).
 */
import type { Env } from "../env";
import type { ConversationSummary } from "../protocol";
import { roomOf } from "../conversation/room-client";
import type { AssignedRow, ReturnReason } from "./assigned-book";

/** Returns one conversation; true when the room gave it back (false: it had moved on). */
export async function returnToQueue(env: Env, summary: ConversationSummary, agentId: string, reason: ReturnReason): Promise<boolean> {
  const { duplicate } = await roomOf(env, summary).command({
    type: "assign",
    actor: { type: "system", id: null, name: null },
    assigneeId: null,
    assigneeName: null,
    onlyIfAssignedTo: agentId,
    // A reopened conversation was answered before; the others go back only unanswered.
    onlyIfUnanswered: reason !== "reopened",
    reason,
  });
  return !duplicate;
}

/** Asks each pending return of the room. Answers which the room declined (it had moved
 * on); a room that fails is logged and stays pending for the next alarm. */
export async function settleReturns(env: Env, rows: readonly AssignedRow[]): Promise<{ declined: string[]; failed: number }> {
  const declined: string[] = [];
  let failed = 0;
  for (const row of rows) {
    try {
      if (!(await returnToQueue(env, row.summary, row.agentId, row.returnReason!))) declined.push(row.conversationId);
    } catch (err) {
      failed += 1;
      console.warn(JSON.stringify({ msg: "return to queue failed", conversationId: row.conversationId, reason: row.returnReason, error: String(err) }));
    }
  }
  return { declined, failed };
}
