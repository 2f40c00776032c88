/**
 * @module Listener: report rollups (issue 18). Committed stage, after the D1 projection
 * (so a conversation with a gap can be folded from the history the projection has just
 * stored); idempotent by the facts' keys and the cursors (../../reports/fold-rooms.ts).
 */
import { database } from "../../db/client";
import { foldInputReads, foldInputsFrom } from "../../db/report-facts";
import { foldedIds, foldRooms } from "../../reports/fold-rooms";
import type { PipelineListener } from "../types";

const NAME = "report-rollups";

export const reportRollups: PipelineListener = {
  name: NAME,
  stage: "committed",
  // Cursors, conversations, hours and zone: read inside the projection's batch.
  reads: (batch, db) => [...foldInputReads(db, foldedIds(batch.conversations))],
  async handle(batch, env) {
    const read = batch.read?.get(NAME);
    return foldRooms(database(env.DB), batch.conversations, read ? foldInputsFrom(read) : undefined);
  },
};
