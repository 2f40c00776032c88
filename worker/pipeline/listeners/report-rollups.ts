/**
 * @module Listener: report rollups (issue 18). Committed stage, after the D1 projection
 * (so a conversation with a gap can be folded from the history the projection has just
 * stored); idempotent by the facts' keys and the cursors (../../reports/fold-rooms.ts).
 */
import { database } from "../../db/client";
import { foldRooms } from "../../reports/fold-rooms";
import type { PipelineListener } from "../types";

export const reportRollups: PipelineListener = {
  name: "report-rollups",
  stage: "committed",
  async handle(batch, env) {
    return foldRooms(database(env.DB), batch.conversations);
  },
};
