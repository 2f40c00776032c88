/**
 * @module Listener: the consoles' live list. Runs after the D1 commit and publishes the
 * rows as D1 now holds them (read back inside the D1 listener's batch), so what a console shows live
 * is exactly what `GET /conversations` returns. One call per team per batch, carrying
 * that team's changed rows; a conversation with several events in the batch is one row.
 * A conversation that moved team (an assignment event with `fromTeamId`) also reaches
 * the team it left, whose row must disappear.
 */
import { database } from "../../db/client";
import { findConversations } from "../../db/conversations";
import { NO_TEAM_FEED, type ConversationSummary } from "../../protocol";
import type { PipelineBatch, PipelineListener } from "../types";

/** Conversations without a team go to the admins' feed. */
export const UNROUTED_TEAM = NO_TEAM_FEED;

export const teamQueuePublish: PipelineListener = {
  name: "team-queue-publish",
  stage: "after-commit",
  async handle(batch, env) {
    // Normally the rows the D1 listener read back inside its commit; read them here only
    // when it did not run (e.g. a benchmark experiment without it).
    const rows =
      batch.projected ??
      (await findConversations(
        database(env.DB),
        batch.conversations.map((c) => c.state.id),
      ));
    // Transfers first: the teams a conversation left drop its row and say when its
    // customer started waiting, so the new team keeps that place in time.
    const left = teamsLeft(batch);
    const byOldTeam = groupBy(rows.filter((r) => left.has(r.id)), (r) => [...left.get(r.id)!].filter((t) => t !== (r.teamId ?? UNROUTED_TEAM)));
    const carried: Record<string, number> = {};
    const answers = await Promise.all([...byOldTeam].map(([team, moved]) => env.TEAM_QUEUE.getByName(team).leaveMany(moved)));
    for (const answer of answers) Object.assign(carried, answer);
    const byTeam = groupBy(rows, (r) => [r.teamId ?? UNROUTED_TEAM]);
    const reopened = reopenedBy(batch);
    await Promise.all(
      [...byTeam].map(([team, changed]) => env.TEAM_QUEUE.getByName(team).publishMany(changed, pick(carried, changed), changed.filter((r) => reopened.has(r.id)).map((r) => r.id))),
    );
  },
};

/** Per conversation, the teams it left in this batch (from its assignment events). */
function teamsLeft(batch: PipelineBatch): Map<string, Set<string>> {
  const left = new Map<string, Set<string>>();
  for (const { state, events } of batch.conversations) {
    for (const e of events) {
      if (e.type !== "assignment" || e.fromTeamId === undefined) continue;
      const teams = left.get(state.id) ?? new Set<string>();
      teams.add(e.fromTeamId ?? UNROUTED_TEAM);
      left.set(state.id, teams);
    }
  }
  return left;
}

/** Conversations a customer reopened in this batch (a resolved one written to again):
 * their queue decides whether the previous agent keeps them. */
function reopenedBy(batch: PipelineBatch): Set<string> {
  const ids = new Set<string>();
  for (const { state, events } of batch.conversations) {
    if (events.some((e) => e.type === "status" && e.from === "resolved" && e.to === "open" && e.actor.type === "contact")) ids.add(state.id);
  }
  return ids;
}

function groupBy(rows: ConversationSummary[], teamsOf: (row: ConversationSummary) => string[]): Map<string, ConversationSummary[]> {
  const byTeam = new Map<string, ConversationSummary[]>();
  for (const row of rows) for (const team of teamsOf(row)) byTeam.set(team, [...(byTeam.get(team) ?? []), row]);
  return byTeam;
}

function pick(carried: Record<string, number>, rows: ConversationSummary[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (carried[r.id] !== undefined) out[r.id] = carried[r.id]!;
  return out;
}
