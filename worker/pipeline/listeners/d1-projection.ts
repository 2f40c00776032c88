/**
 * @module Listener: the D1 copy that lists and search read. Committed stage, so a batch
 * is not forgotten until D1 has it; idempotent (see ../../db/projection.ts).
 */
import { database } from "../../db/client";
import { projectBatch } from "../../db/projection";
import type { PipelineListener } from "../types";

export const d1Projection: PipelineListener = {
  name: "d1-projection",
  stage: "committed",
  handle: (batch, env) => projectBatch(database(env.DB), batch.conversations),
};
