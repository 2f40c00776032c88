/**
 * @module Listener: the D1 copy that lists and search read. Committed stage, so a batch
 * is not forgotten until D1 has it; idempotent (see ../../db/projection.ts). Leaves the
 * batch's list rows, as committed, on `batch.projected`, and what later listeners asked
 * to read (`batch.readsWanted`, ../types.ts) on `batch.read`: one D1 round trip for all.
 */
import { database } from "../../db/client";
import { projectBatchAndReadBack } from "../../db/projection";
import type { PipelineListener } from "../types";

export const d1Projection: PipelineListener = {
  name: "d1-projection",
  stage: "committed",
  async handle(batch, env) {
    // The rows read back in the same transaction go on the batch: the live list publishes
    // them without reading D1 again.
    const wanted = batch.readsWanted ?? [];
    const { rows, extra, ...report } = await projectBatchAndReadBack(
      database(env.DB),
      batch.conversations,
      wanted.flatMap((w) => w.statements),
    );
    batch.projected = rows;
    batch.read = new Map();
    let at = 0;
    for (const w of wanted) {
      batch.read.set(w.listener, extra.slice(at, at + w.statements.length));
      at += w.statements.length;
    }
    return report;
  },
};
