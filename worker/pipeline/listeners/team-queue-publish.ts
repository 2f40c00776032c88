/**
 * @module Listener: the consoles' live list. Runs after the D1 commit and publishes the
 * rows as D1 now holds them (one read for the whole batch), so what a console shows live
 * is exactly what `GET /conversations` returns. One call per team per batch, carrying
 * that team's changed rows; a conversation with several events in the batch is one row.
 */
import { database } from "../../db/client";
import { findConversations } from "../../db/conversations";
import type { ConversationSummary } from "../../protocol";
import type { PipelineListener } from "../types";

/** Conversations without a team go to this queue, as before the pipeline. */
export const UNROUTED_TEAM = "unrouted";

export const teamQueuePublish: PipelineListener = {
  name: "team-queue-publish",
  stage: "after-commit",
  async handle(batch, env) {
    const rows = await findConversations(
      database(env.DB),
      batch.conversations.map((c) => c.state.id),
    );
    const byTeam = new Map<string, ConversationSummary[]>();
    for (const row of rows) {
      const team = row.teamId ?? UNROUTED_TEAM;
      byTeam.set(team, [...(byTeam.get(team) ?? []), row]);
    }
    await Promise.all([...byTeam].map(([team, changed]) => env.TEAM_QUEUE.getByName(team).publishMany(changed)));
  },
};
