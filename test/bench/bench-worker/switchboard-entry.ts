/**
 * The production Worker as the chat benchmark runs it: every route and Durable Object
 * unchanged, plus `GET /__bench/pipeline`, which returns the Projector's counters (D1
 * statements and rows written, events, projection lag). Bench only: `npm run bench`
 * starts wrangler with this file as the entry; the deployed Worker has no such route.
 *
 * `--listeners d1|publish|none|<name,name…>` (run.ts) sets BENCH_LISTENERS, which keeps only those
 * pipeline listeners: an experiment to show how much of the latency each one costs on
 * this machine (locally D1 and the TeamQueues run on workerd's one thread with the rooms).
 * Rooms still hand every event to the Projector, which still batches and acknowledges.
 * `--flush-ms N` (BENCH_FLUSH_MS) sets the Projector's shortest time between flushes.
 *
 * The TeamQueue here is ./queue-bench.ts's subclass, with the methods the queue
 * benchmark drives through `POST /__bench/queue/*`; production methods are unchanged.
 */
import worker, { Projector as ProductionProjector } from "../../../worker/index";
import type { Env } from "../../../worker/env";
import { LISTENERS } from "../../../worker/pipeline/listeners";
import { PROJECTOR_SHARDS } from "../../../worker/pipeline/shard";

import { BenchTeamQueue, queueBenchRoute } from "./queue-bench";

export { CampaignRunner, ConversationRoom, WebhookOutbox } from "../../../worker/index";
export { BenchTeamQueue as TeamQueue };

type BenchEnv = Env & { BENCH_LISTENERS?: string; BENCH_FLUSH_MS?: string };

const KEEP: Record<string, string[]> = {
  // Every production listener (a hand-kept list here had fallen behind: reports, consent,
  // contact fields, agent bots and automation were left out of "all").
  all: LISTENERS.map((l) => l.name),
  d1: ["d1-projection"],
  publish: ["team-queue-publish"],
  none: [],
};

export class Projector extends ProductionProjector {
  constructor(ctx: DurableObjectState, env: BenchEnv) {
    super(ctx, env);
    // A name from KEEP, or listener names separated by commas ("d1-projection,report-rollups").
    const named = env.BENCH_LISTENERS ?? "all";
    const keep = KEEP[named] ?? named.split(",");
    this.listeners = LISTENERS.filter((l) => keep.includes(l.name));
    const flushMs = Number(env.BENCH_FLUSH_MS);
    if (env.BENCH_FLUSH_MS && Number.isFinite(flushMs) && flushMs >= 0) this.flushIntervalMs = flushMs;
  }
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/__bench/queue/") && request.method === "POST") return queueBenchRoute(request, env);
    if (path === "/__bench/pipeline") {
      const shards = await Promise.all(Array.from({ length: PROJECTOR_SHARDS }, (_, i) => env.PROJECTOR.getByName(`projector-${i}`).pipelineStats()));
      return Response.json(shards);
    }
    return worker.fetch(request, env, ctx);
  },
  // Inbound mail (wrangler dev's /cdn-cgi/handler/email) for the channel benchmark.
  email: worker.email,
} satisfies ExportedHandler<Env>;
