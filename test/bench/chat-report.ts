/**
 * @module The chat benchmark's printed report: every Switchboard figure beside the bare
 * relay's (the floor) as a ratio, the pipeline's counters, throughput and integrity.
 */
import type { ChatBenchResult } from "./chat-latency.ts";
import type { Machine } from "./bench-args.ts";
import { fmt, type Summary } from "./stats.ts";
import { LOCAL_OBSERVABILITY } from "./server.ts";

function latencyRow(name: string, s: Summary): string {
  return `  ${name.padEnd(28)} ${String(s.count).padStart(6)} ${fmt(s.p50, 2).padStart(8)} ${fmt(s.p90, 2).padStart(8)} ${fmt(s.p99, 2).padStart(8)} ${fmt(s.max, 2).padStart(8)}`;
}

/** `x` as a multiple of the floor's `y`. */
function ratio(x: number, y: number | undefined): string {
  return y !== undefined && Number.isFinite(x) && Number.isFinite(y) && y > 0 ? `${fmt(x / y, 2)}×` : "–";
}

/** A latency summary beside the floor's, with the ratios. */
function vsFloorRow(name: string, s: Summary, f: Summary | undefined): string[] {
  return [
    latencyRow(name, s),
    ...(f ? [latencyRow("  floor (bare relay)", f), `  ${"  ratio".padEnd(28)} ${"".padStart(6)} ${ratio(s.p50, f.p50).padStart(8)} ${ratio(s.p90, f.p90).padStart(8)} ${ratio(s.p99, f.p99).padStart(8)} ${ratio(s.max, f.max).padStart(8)}`] : []),
  ];
}

/** workerd's CPU time per message (all of its threads), beside the floor's. */
function cpuLine(own: number | null, floor: number | null | undefined): string {
  if (own === null) return "  workerd CPU per message: not measured (no /proc)";
  return `  workerd CPU per message  ${fmt(own, 3)} ms${floor ? `; floor ${fmt(floor, 3)} ms, ratio ${ratio(own, floor)}` : ""}  (CPU time: steadier than latency on a busy machine, though not immune)`;
}

function pipelineLines(r: ChatBenchResult): string[] {
  const p = r.paced;
  if (!p.lag) return [];
  const lines = [
    `Projection (paced phase): stored (ack) → shown by the live list, which publishes only after the D1 commit (ms)`,
    latencyRow("projection lag", p.lag),
  ];
  if (p.lagUnseen > 0) lines.push(`  ${p.lagUnseen} messages never shown by the live list within 10 s`);
  if (p.pipeline) {
    const c = p.pipeline;
    lines.push(
      `  Projector: ${c.messages} messages in ${c.batches} D1 batches (${fmt(c.messages / Math.max(1, c.batches), 1)} messages, ${fmt(c.conversationsPerBatch, 1)} conversations per batch)`,
      `  D1 per message: ${fmt(c.perMessage.statements, 2)} statements, ${fmt(c.perMessage.rowsWritten, 2)} rows written (indexes and FTS5 included)`,
      `  flush (buffer, D1 batch, publish): p50 ${fmt(c.flushMs.p50, 0)} ms, p99 ${fmt(c.flushMs.p99, 0)} ms, max ${fmt(c.flushMs.max, 0)} ms, ${fmt(c.flushMs.total / 1000, 1)} s in all (${Object.entries(c.listenerMs).map(([n, ms]) => `${n} ${fmt(ms / 1000, 1)} s`).join(", ")})`,
      `  stored → batch done (D1 commit + publish), whole run: p50 ${fmt(c.lagMs.p50, 0)} ms, p90 ${fmt(c.lagMs.p90, 0)} ms, p99 ${fmt(c.lagMs.p99, 0)} ms, max ${fmt(c.lagMs.max, 0)} ms; ${c.failedPublishes} failed publishes`,
    );
  }
  return lines;
}

/** An experiment's settings (`--listeners`, `--flush-ms`), printed so its figures are not
 * taken for Switchboard's. */
export interface ChatExperiment {
  listeners: string;
  flushMs?: string;
}

export function formatChatBench(m: Machine, r: ChatBenchResult, run: { trouble: string[]; reloads: number }, floor: ChatBenchResult | null, experiment: ChatExperiment): string {
  const { trouble, reloads } = run;
  const o = r.options;
  const t = r.throughput;
  const steady = t.series.slice(1); // the first second includes the ramp-up
  const zeroSeconds = (series: number[]) => series.filter((n) => n === 0).length;
  const out = [
    "",
    "Switchboard chat benchmark (wrangler dev, local workerd, loopback)",
    `  date     ${m.date}`,
    `  machine  ${m.cpu} · ${m.cores} cores · ${fmt(m.memoryGiB, 1)} GiB · ${m.os}`,
    `  node     ${m.node} · load average ${fmt(m.load, 2)} at start`,
    `  wrangler local observability collector ${LOCAL_OBSERVABILITY === "false" ? "off (both servers; X_LOCAL_OBSERVABILITY=true measures with it)" : `X_LOCAL_OBSERVABILITY=${LOCAL_OBSERVABILITY}`}`,
    ...(experiment.listeners !== "all" ? [`  EXPERIMENT: pipeline listeners kept: ${experiment.listeners} (not a valid Switchboard figure)`] : []),
    ...(experiment.flushMs !== undefined ? [`  EXPERIMENT: the Projector flushes at most every ${experiment.flushMs} ms`] : []),
    `  setup    ${o.conversations} conversations · ${r.setup.sockets} sockets (customer + agent each) · body ${o.bodyChars} chars`,
    `           sessions ${fmt(r.setup.sessionsMs / 1000)} s · sockets opened in ${fmt(r.setup.socketsMs / 1000)} s (connect→hello p50 ${fmt(r.setup.connect.p50, 1)} ms, p99 ${fmt(r.setup.connect.p99, 1)} ms)`,
    "",
    `Paced: ${o.conversations} customers × ${o.pacedRate} message/s for ${fmt(o.pacedMs / 1000, 0)} s, send → event on the agent's socket (ms)`,
    `  ${"".padEnd(28)} ${"n".padStart(6)} ${"p50".padStart(8)} ${"p90".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`,
    ...vsFloorRow("customer → agent", r.paced.delivery, floor?.paced.delivery),
    ...vsFloorRow("send → ack (sender)", r.paced.ack, floor?.paced.ack),
    `  delivered per second  ${r.paced.series.join(" ")}${floor ? `   (floor: ${floor.paced.series.join(" ")})` : ""}`,
    cpuLine(r.paced.cpuMsPerMessage, floor?.paced.cpuMsPerMessage),
    "",
    ...pipelineLines(r),
    "",
    `Latency: ${o.latencyMessages} messages at ${o.latencyRate}/s (${fmt((100 * o.latencyRate) / t.perSecond, 0)}% of the throughput below), send → event on the other socket (ms)`,
    `  ${"".padEnd(28)} ${"n".padStart(6)} ${"p50".padStart(8)} ${"p90".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`,
    latencyRow("customer → agent", r.latency.customerToAgent),
    latencyRow("agent → customer", r.latency.agentToCustomer),
    ...vsFloorRow("both directions", r.latency.all, floor?.latency.all),
    latencyRow("send → ack (sender)", r.latency.ack),
    `  client event-loop delay p99 ${fmt(r.latency.clientLoopDelayP99Ms, 2)} ms (measurement noise)`,
    "",
    `Throughput: ${o.conversations} agents, ${o.window} sends in flight each (customers are rate-limited by design), ${fmt(t.durationMs / 1000, 0)} s`,
    `  sustained          ${fmt(t.perSecond, 0)} messages/s (acked to the agent and delivered to the customer)${floor ? `; floor ${fmt(floor.throughput.perSecond, 0)}/s, ratio ${ratio(t.perSecond, floor.throughput.perSecond)}` : ""}`,
    `  per second         ${t.series.join(" ")}   (min ${steady.length ? Math.min(...steady) : "–"} after the first second; ${zeroSeconds(t.series)} seconds with none)`,
    ...(floor ? [`  floor per second   ${floor.throughput.series.join(" ")}   (${zeroSeconds(floor.throughput.series)} seconds with none)`] : []),
    `  messages           ${t.completed} completed in the window, ${t.sent} sent`,
    cpuLine(t.cpuMsPerMessage, floor?.throughput.cpuMsPerMessage),
    ...vsFloorRow("under load: send → customer", t.delivery, floor?.throughput.delivery),
    latencyRow("under load: send → ack", t.ack),
    "",
    r.projection.caughtUpMs !== null
      ? `D1 projection: every conversation's lastSeq in the list ${fmt(r.projection.caughtUpMs / 1000, 1)} s after the last message`
      : `D1 projection: ${r.projection.behind} conversations still behind 30 s after the last message`,
    "",
    r.integrity.ok
      ? `integrity: ok (${r.integrity.checkedMessages} messages: gapless ordered seqs on all ${r.setup.sockets} sockets, one ack per clientId, each delivered once)`
      : `integrity: FAILED (${r.integrity.totalFailures} problems)\n${r.integrity.failures.map((f) => `  - ${f}`).join("\n")}`,
  ];
  if (reloads > 0) out.push(`wrangler restarted the Worker ${reloads} time(s) during the run (a source file changed): every socket was dropped, figures are invalid`);
  if (r.integrity.duplicateAcks > 0) out.push(`  note: ${r.integrity.duplicateAcks} clientIds were acked twice with the same seq`);
  if (trouble.length > 0) out.push(`server log: ${trouble.length} warning/error lines, first ones:\n${trouble.slice(0, 8).map((l) => `  | ${l}`).join("\n")}`);
  return out.join("\n");
}
