/**
 * @module Automatic distribution, the "roleta" (issue 14): while the head of a team's
 * queue waits and an online member has free capacity, give it to the least loaded of
 * them and, among equals, to the one who has waited longest since their last
 * assignment.
 *
 * Runs inside the TeamQueue (its alarm), never in a room's request path. The
 * invariants and what guards each:
 * - never two agents for one conversation: the row is claimed out of the list first
 *   (a TeamQueue is single-threaded), and the room assigns only if it still waits
 *   (`onlyIfWaiting`), so a Next or an admin's assignment meanwhile wins and is kept;
 * - capacity never exceeded by automatic assignment: one unit is reserved in D1 by a
 *   conditional statement before the room is asked (../db/capacity.ts), which holds
 *   across every team the agent belongs to;
 * - nothing leaves the queue without an assignee: a row goes back to its place unless
 *   the room's answer shows an assignee (or that it stopped waiting).
 */
import type { Env } from "../env";
import type { ConversationSummary } from "../protocol";
import { roomOf } from "../conversation/room-client";
import { agentLoads, releaseCapacity, reserveCapacity, type AgentLoad } from "../db/capacity";
import type { WaitingList, WaitingRow } from "./waiting-list";

/** Assignments per run before yielding: the alarm runs again at once if more wait, so
 * one long burst cannot hold the queue's thread (publishes and Next wait behind it). */
export const MAX_ASSIGNMENTS_PER_RUN = 200;

/** The pick among agents who may take one more: least loaded, then longest since their
 * last assignment, then by id so the choice is the same everywhere. */
export function chooseAgent(loads: readonly AgentLoad[], skip: string | null): AgentLoad | null {
  const free = loads.filter((a) => a.load < a.capacity);
  free.sort((a, b) => a.load - b.load || a.lastAssignedAt - b.lastAssignedAt || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  // The agent it timed out with comes last, not never: when no one else is free, the
  // customer is better served by them than by waiting for no one.
  return free.find((a) => a.agentId !== skip) ?? free[0] ?? null;
}

export interface DistributionRun {
  assigned: Array<{ conversationId: string; agentId: string }>;
  /** More may be possible (the run stopped at its cap): run again. */
  more: boolean;
}

export interface DistributionDeps {
  env: Env;
  list: WaitingList;
  /** Online members here, present or inside their reconnect grace. */
  available: string[];
  defaultCapacity: number;
  now: () => number;
}

export async function distribute(deps: DistributionDeps): Promise<DistributionRun> {
  const run: DistributionRun = { assigned: [], more: false };
  if (deps.available.length === 0) return run;
  const db = deps.env.DB;
  let loads = await agentLoads(db, deps.available, deps.defaultCapacity, deps.now());
  while (run.assigned.length < MAX_ASSIGNMENTS_PER_RUN) {
    const head = deps.list.head(deps.now());
    if (!head) return run;
    let agent = await reserveFor(head, loads, deps);
    if (agent === "refresh") {
      // Someone else's load moved (another team, a manual assignment): read again.
      loads = await agentLoads(db, deps.available, deps.defaultCapacity, deps.now());
      agent = await reserveFor(head, loads, deps, true);
    }
    if (!agent || agent === "refresh") return run;
    const claimed = deps.list.claim(head.summary.id, deps.now());
    if (!claimed) {
      await releaseCapacity(db, head.summary.id, agent.agentId);
      continue;
    }
    const assignee = await assignThroughRoom(deps.env, claimed.summary, agent);
    if (assignee === agent.agentId) {
      agent.load += 1;
      agent.lastAssignedAt = deps.now();
      run.assigned.push({ conversationId: claimed.summary.id, agentId: agent.agentId });
      continue;
    }
    await releaseCapacity(db, claimed.summary.id, agent.agentId);
    // The room could not answer: back to its place, and stop for now (the alarm retries).
    if (assignee === "error") {
      deps.list.unclaim(claimed.summary.id);
      throw new Error(`distribution: room for ${claimed.summary.id} did not answer`);
    }
    // It stopped waiting (assigned or closed meanwhile): the claim is dropped by the
    // publish of that change; if it somehow still waits, it returns after the claim TTL.
  }
  run.more = true;
  return run;
}

/** Reserves a unit for the best free agent; "refresh" when every reservation failed
 * because the loads were stale (only once per head). */
async function reserveFor(head: WaitingRow, loads: AgentLoad[], deps: DistributionDeps, final = false): Promise<AgentLoad | null | "refresh"> {
  const tried = new Set<string>();
  for (;;) {
    const candidate = chooseAgent(loads.filter((l) => !tried.has(l.agentId)), head.skipAgent);
    if (!candidate) return tried.size > 0 && !final ? "refresh" : null;
    if (await reserveCapacity(deps.env.DB, { conversationId: head.summary.id, agentId: candidate.agentId, capacity: candidate.capacity, now: deps.now() })) return candidate;
    tried.add(candidate.agentId);
  }
}

/** The room's assignee after asking it to assign if the conversation still waits. */
async function assignThroughRoom(env: Env, summary: ConversationSummary, agent: AgentLoad): Promise<string | null | "error"> {
  try {
    const { state } = await roomOf(env, summary).command({
      type: "assign",
      actor: { type: "system", id: null, name: null },
      assigneeId: agent.agentId,
      assigneeName: agent.name,
      onlyIfWaiting: true,
      reason: "auto",
    });
    return state.assigneeId;
  } catch (err) {
    console.warn(JSON.stringify({ msg: "distribution: assign failed", conversationId: summary.id, error: String(err) }));
    return "error";
  }
}
