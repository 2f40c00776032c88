/**
 * The production Worker as the chat benchmark runs it: every route and Durable Object
 * unchanged, plus `GET /__bench/pipeline`, which returns the Projector's counters (D1
 * statements and rows written, events, projection lag). Bench only: `npm run bench`
 * starts wrangler with this file as the entry; the deployed Worker has no such route.
 */
import worker from "../../../worker/index";
import type { Env } from "../../../worker/env";
import { PROJECTOR_SHARDS } from "../../../worker/pipeline/shard";

export { ConversationRoom, TeamQueue, Projector } from "../../../worker/index";

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    if (new URL(request.url).pathname === "/__bench/pipeline") {
      const shards = await Promise.all(Array.from({ length: PROJECTOR_SHARDS }, (_, i) => env.PROJECTOR.getByName(`projector-${i}`).pipelineStats()));
      return Response.json(shards);
    }
    return worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
