/**
 * @module Listener: the D1 copy that lists and search read. Committed stage, so a batch
 * is not forgotten until D1 has it; idempotent (see ../../db/projection.ts). Leaves the
 * batch's list rows, as committed, on `batch.projected`.
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
    const { rows, ...report } = await projectBatchAndReadBack(database(env.DB), batch.conversations);
    batch.projected = rows;
    return report;
  },
};
