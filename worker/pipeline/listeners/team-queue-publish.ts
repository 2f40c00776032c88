/**
 * @module Listener: the consoles' live list. Runs after the D1 commit and publishes the
 * rows as D1 now holds them (read back inside the D1 listener's batch), so what a console shows live
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
    // Normally the rows the D1 listener read back inside its commit; read them here only
    // when it did not run (e.g. a benchmark experiment without it).
    const rows =
      batch.projected ??
      (await findConversations(
        database(env.DB),
        batch.conversations.map((c) => c.state.id),
      ));
    const byTeam = new Map<string, ConversationSummary[]>();
    for (const row of rows) {
      const team = row.teamId ?? UNROUTED_TEAM;
      byTeam.set(team, [...(byTeam.get(team) ?? []), row]);
    }
    await Promise.all([...byTeam].map(([team, changed]) => env.TEAM_QUEUE.getByName(team).publishMany(changed)));
  },
};
