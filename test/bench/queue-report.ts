/**
 * @module The queue benchmark's printed report (queue-list.ts and queue-burst.ts), with
 * each queue figure beside the floor's and their ratio.
 */
import { fmt, type Summary } from "./stats.ts";
import type { OpFigures, QueueListResult } from "./queue-list.ts";
import type { QueueBurstResult } from "./queue-burst.ts";

export interface QueueMachine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  load: number;
  date: string;
}

const ratio = (x: number, y: number) => (Number.isFinite(x) && Number.isFinite(y) && y > 0 ? `${fmt(x / y, 2)}×` : "–");

function row(name: string, s: Summary): string {
  return `  ${name.padEnd(30)} ${String(s.count).padStart(6)} ${fmt(s.p50, 2).padStart(8)} ${fmt(s.p90, 2).padStart(8)} ${fmt(s.p99, 2).padStart(8)} ${fmt(s.max, 2).padStart(8)}`;
}

function opLines(name: string, q: OpFigures, f: OpFigures): string[] {
  return [
    row(`${name}, end to end`, q.endToEnd),
    row(`  floor`, f.endToEnd),
    `  ${"  ratio".padEnd(30)} ${"".padStart(6)} ${ratio(q.endToEnd.p50, f.endToEnd.p50).padStart(8)} ${ratio(q.endToEnd.p90, f.endToEnd.p90).padStart(8)} ${ratio(q.endToEnd.p99, f.endToEnd.p99).padStart(8)} ${ratio(q.endToEnd.max, f.endToEnd.max).padStart(8)}`,
    `  ${name} in the DO: ${fmt(q.inDoMsPerOp, 3)} ms per op (floor ${fmt(f.inDoMsPerOp, 3)}, ${ratio(q.inDoMsPerOp, f.inDoMsPerOp)}); SQLite rows read/written per op ${fmt(q.rowsReadPerOp, 1)}/${fmt(q.rowsWrittenPerOp, 1)} (floor ${fmt(f.rowsReadPerOp, 1)}/${fmt(f.rowsWrittenPerOp, 1)})`,
  ];
}

export function formatQueueBench(m: QueueMachine, list: QueueListResult | null, burst: QueueBurstResult | null, loadAtEnd: number): string {
  const out = [
    "",
    "Switchboard queue benchmark (wrangler dev, local workerd, loopback)",
    `  date     ${m.date}`,
    `  machine  ${m.cpu} · ${m.cores} cores · ${fmt(m.memoryGiB, 1)} GiB · ${m.os}`,
    `  node     ${m.node} · load average ${fmt(m.load, 2)} at start, ${fmt(loadAtEnd, 2)} at the end`,
  ];
  if (list) {
    const o = list.ops;
    out.push(
      "",
      `Waiting list: one TeamQueue holding ${list.options.waiting} waiting conversations (filled in ${fmt(list.fillMs / 1000, 1)} s), ${list.options.ops} operations of each kind (ms)`,
      `  enqueue = publishMany of one row; pop = head() + claim(); floor = one indexed INSERT / SELECT … LIMIT 1 + DELETE, same DO class and RPC`,
      `  ${"".padEnd(30)} ${"n".padStart(6)} ${"p50".padStart(8)} ${"p90".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`,
      ...opLines("enqueue", o.enqueue, o.floorEnqueue),
      ...opLines("pop", o.pop, o.floorPop),
      `  Worker-side RPC time (ms resolution): enqueue p50 ${fmt(o.enqueue.rpc.p50, 0)} p99 ${fmt(o.enqueue.rpc.p99, 0)}; pop p50 ${fmt(o.pop.rpc.p50, 0)} p99 ${fmt(o.pop.rpc.p99, 0)}`,
      `  waiting at the end: ${list.waitingAtEnd.queue} in the queue, ${list.waitingAtEnd.floor} in the floor's table`,
    );
  }
  if (burst) {
    const b = burst;
    out.push(
      "",
      `Automatic distribution: ${b.options.arrivals} web chat visitors write at once (≤ ${b.options.inFlight} in flight) to a team of ${b.options.agents} online agents, capacity ${b.options.capacity} each`,
      `  setup      agents created and signed in ${fmt(b.setup.agentsMs / 1000, 1)} s · queue sockets ${fmt(b.setup.socketsMs / 1000, 1)} s · visitor sessions ${fmt(b.setup.sessionsMs / 1000, 1)} s`,
      `  arrivals   first message sent → last acked: ${fmt(b.arrivalsMs / 1000, 2)} s (${fmt((1000 * b.options.arrivals) / b.arrivalsMs, 0)}/s)`,
      b.allAssignedMs !== null
        ? `  assigned   first arrival → all ${b.assigned} shown assigned on the live list: ${fmt(b.allAssignedMs / 1000, 2)} s (${fmt((1000 * b.assigned) / b.allAssignedMs, 0)} assignments/s); last ack → all assigned ${fmt((b.allAssignedMs - b.arrivalsMs) / 1000, 2)} s`
        : `  assigned   only ${b.assigned} of ${b.options.arrivals} within the timeout`,
      `  ${"".padEnd(30)} ${"n".padStart(6)} ${"p50".padStart(8)} ${"p90".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`,
      row("message acked → assigned (ms)", b.ackToAssigned),
      `  loads      min ${b.loads.min}, max ${b.loads.max}, spread (max − min) ${b.loads.spread}; per agent: ${b.loads.byAgent.join(" ")}`,
      b.invariants.ok
        ? `  invariants ok: every conversation open with exactly one assignment (automatic) in its log matching D1, nobody above capacity, none waiting`
        : `  invariants FAILED (${b.invariants.failures.length}):\n${b.invariants.failures.slice(0, 20).map((f) => `    - ${f}`).join("\n")}`,
    );
  }
  return out.join("\n");
}
