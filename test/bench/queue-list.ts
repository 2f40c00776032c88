/**
 * @module The queue benchmark's first half: one TeamQueue holding 10,000 waiting
 * conversations, enqueue (one more row published) and pop (head + claim) latencies, and
 * the same operations against the floor (one indexed INSERT, or SELECT … LIMIT 1 + DELETE,
 * on a table of the same shape in the same Durable Object class), through the bench
 * entry's `/__bench/queue/*` routes (bench-worker/queue-bench.ts).
 *
 * Each operation is measured three ways: end to end from this process (one HTTP request
 * to the Worker, one RPC to the Durable Object), in the DO as the time of one RPC that runs
 * 100 operations back to back divided by 100, and as the rows SQLite read and wrote.
 * Queue and floor run in alternating blocks so a change in the machine's load hits both.
 */
import { summarize, type Summary } from "./stats.ts";

export interface QueueListOptions {
  /** Rows waiting before the measurement starts. */
  waiting: number;
  /** Operations measured per kind, end to end (and again in batches). */
  ops: number;
  log: (line: string) => void;
}

export const QUEUE_LIST_DEFAULTS = { waiting: 10_000, ops: 1_000 };

type Op = "enqueue" | "pop" | "floorEnqueue" | "floorPop";
const OPS: readonly Op[] = ["enqueue", "pop", "floorEnqueue", "floorPop"];
/** Operations per block (end to end) and per batched RPC. */
const BLOCK = 100;

export interface OpFigures {
  /** Bench process → Worker → DO → back, per operation (ms). */
  endToEnd: Summary;
  /** The Worker's own time around the RPC, ms resolution (workerd's clock). */
  rpc: Summary;
  /** One RPC running BLOCK operations, divided by BLOCK (ms per operation). */
  inDoMsPerOp: number;
  rowsReadPerOp: number;
  rowsWrittenPerOp: number;
}

export interface QueueListResult {
  options: { waiting: number; ops: number };
  fillMs: number;
  waitingAtEnd: { queue: number; floor: number };
  ops: Record<Op, OpFigures>;
}

interface RunAnswer {
  ops: number;
  rowsRead: number;
  rowsWritten: number;
  popped: string[];
  rpcMs: number;
}

async function post<T>(base: string, action: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}/__bench/queue/${action}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
  if (res.status !== 200) throw new Error(`/__bench/queue/${action}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function runQueueListBench(base: string, partial: Partial<QueueListOptions> & Pick<QueueListOptions, "log">): Promise<QueueListResult> {
  const opts: QueueListOptions = { ...QUEUE_LIST_DEFAULTS, ...partial };
  const queue = `bench-list-${Date.now()}`;
  const { log } = opts;

  log(`queue: filling one TeamQueue and the floor's table with ${opts.waiting} waiting rows`);
  let t0 = performance.now();
  const filled = await post<{ waiting: number }>(base, "fill", { queue, from: 0, count: opts.waiting, chunk: 500 });
  const fillMs = performance.now() - t0;
  await post(base, "run", { queue, op: "floorEnqueue", from: 0, count: opts.waiting });
  if (filled.waiting !== opts.waiting) throw new Error(`queue: ${filled.waiting} rows waiting after the fill, expected ${opts.waiting}`);
  log(`queue: ${filled.waiting} waiting after ${(fillMs / 1000).toFixed(1)} s`);

  // Numbers for new rows: past the fill, distinct per phase.
  const next: Record<Op, number> = { enqueue: opts.waiting, pop: 0, floorEnqueue: opts.waiting, floorPop: 0 };
  const samples = Object.fromEntries(OPS.map((op) => [op, { e2e: [] as number[], rpc: [] as number[], rowsRead: 0, rowsWritten: 0, batchMs: 0, batchOps: 0 }])) as Record<Op, { e2e: number[]; rpc: number[]; rowsRead: number; rowsWritten: number; batchMs: number; batchOps: number }>;

  const one = async (op: Op): Promise<string[]> => {
    const start = performance.now();
    const answer = await post<RunAnswer>(base, "run", { queue, op, from: next[op]++, count: 1 });
    samples[op].e2e.push(performance.now() - start);
    samples[op].rpc.push(answer.rpcMs);
    samples[op].rowsRead += answer.rowsRead;
    samples[op].rowsWritten += answer.rowsWritten;
    return answer.popped;
  };

  // Warm-up, not recorded: the isolate's JIT and SQLite's page cache.
  for (let i = 0; i < 20; i++) {
    for (const op of OPS) {
      const answer = await post<RunAnswer>(base, "run", { queue, op, from: 900_000 + i, count: 1 });
      if (op === "pop") await post(base, "settle", { queue, ids: answer.popped });
    }
  }

  log(`queue: ${opts.ops} end-to-end operations of each kind, in blocks of ${BLOCK}, queue and floor alternating`);
  for (let done = 0; done < opts.ops; done += BLOCK) {
    const n = Math.min(BLOCK, opts.ops - done);
    for (const op of OPS) {
      const popped: string[] = [];
      for (let i = 0; i < n; i++) popped.push(...(await one(op)));
      // Popped rows get their assignment published, as the room's would be: claims end.
      if (op === "pop") await post(base, "settle", { queue, ids: popped });
    }
  }

  log(`queue: the same, ${BLOCK} operations per RPC (time in the Durable Object)`);
  const batch: Record<Op, number> = { enqueue: 2 * opts.waiting + opts.ops, pop: 0, floorEnqueue: 2 * opts.waiting + opts.ops, floorPop: 0 };
  for (let done = 0; done < opts.ops; done += BLOCK) {
    const n = Math.min(BLOCK, opts.ops - done);
    for (const op of OPS) {
      const answer = await post<RunAnswer>(base, "run", { queue, op, from: batch[op], count: n });
      batch[op] += n;
      samples[op].batchMs += answer.rpcMs;
      samples[op].batchOps += n;
      if (op === "pop") await post(base, "settle", { queue, ids: answer.popped });
    }
  }

  const end = await post<{ waiting: number; floor: number }>(base, "count", { queue });
  const ops = Object.fromEntries(
    OPS.map((op) => {
      const s = samples[op];
      return [op, { endToEnd: summarize(s.e2e), rpc: summarize(s.rpc), inDoMsPerOp: s.batchMs / s.batchOps, rowsReadPerOp: s.rowsRead / s.e2e.length, rowsWrittenPerOp: s.rowsWritten / s.e2e.length }];
    }),
  ) as Record<Op, OpFigures>;
  return { options: { waiting: opts.waiting, ops: opts.ops }, fillMs, waitingAtEnd: { queue: end.waiting, floor: end.floor }, ops };
}
