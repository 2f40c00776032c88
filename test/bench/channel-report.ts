/**
 * @module The channel benchmark's printed figures: each beside the floor's (the bare
 * webhook receiver of bench-worker/relay.ts, run by the same client in the same
 * invocation) as a ratio, since on a shared machine only a same-run ratio means much.
 */
import { fmt, type Summary } from "./stats.ts";
import type { BurstResult, ChannelBenchResult } from "./channel-webhooks.ts";

const header = `  ${"".padEnd(34)} ${"n".padStart(6)} ${"p50".padStart(8)} ${"p90".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`;

function row(name: string, s: Summary): string {
  return `  ${name.padEnd(34)} ${String(s.count).padStart(6)} ${fmt(s.p50, 2).padStart(8)} ${fmt(s.p90, 2).padStart(8)} ${fmt(s.p99, 2).padStart(8)} ${fmt(s.max, 2).padStart(8)}`;
}

function ratio(x: number, y: number | undefined): string {
  return y !== undefined && Number.isFinite(x) && Number.isFinite(y) && y > 0 ? `${fmt(x / y, 2)}×` : "–";
}

function withFloor(name: string, s: Summary, f: Summary | undefined): string[] {
  if (!f) return [row(name, s)];
  return [row(name, s), row("  floor", f), `  ${"  ratio".padEnd(34)} ${"".padStart(6)} ${ratio(s.p50, f.p50).padStart(8)} ${ratio(s.p90, f.p90).padStart(8)} ${ratio(s.p99, f.p99).padStart(8)} ${ratio(s.max, f.max).padStart(8)}`];
}

const failures = (f: Record<string, number>) => (Object.keys(f).length === 0 ? "all 200" : `not 200: ${Object.entries(f).map(([status, n]) => `${n}× ${status === "0" ? "no answer" : status}`).join(", ")}`);

function burstLines(name: string, b: BurstResult, f: BurstResult | undefined): string[] {
  return [...withFloor(`${name} (${b.shots} deliveries)`, b.toOk, f?.toOk), `  ${"".padEnd(36)}wall ${fmt(b.wallMs, 0)} ms${f ? ` (floor ${fmt(f.wallMs, 0)} ms)` : ""}; ${failures(b.failures)}`];
}

export function formatChannelBench(r: ChannelBenchResult, floor: ChannelBenchResult | null, standInCalls: string[]): string {
  const o = r.options;
  const s = r.sustained;
  const f = floor?.sustained;
  const i = r.integrity;
  return [
    "",
    `Switchboard channel benchmark: signed ${r.channel.name} webhooks, ${r.channel.signing} (wrangler dev, local workerd, loopback)`,
    `Sustained: ${s.sent} deliveries from ${o.contacts} customers offered at ${o.rate}/s for ${o.seconds} s, ≤ ${o.maxInFlight} in flight`,
    `  offered per second    ${s.offeredSeries.join(" ")}`,
    `  200s per second       ${s.completedSeries.join(" ")}${f ? `   (floor: ${f.completedSeries.join(" ")})` : ""}`,
    `  throughput            ${fmt(s.perSecond, 0)} deliveries/s answered 200 (first request → last answer ${fmt(s.durationMs / 1000, 1)} s)${f ? `; floor ${fmt(f.perSecond, 0)}/s (${fmt(f.durationMs / 1000, 1)} s)` : ""}; ${failures(s.failures)}`,
    s.cpuMsPerDelivery === null ? "  workerd CPU per delivery: not measured" : `  workerd CPU per delivery ${fmt(s.cpuMsPerDelivery, 2)} ms${f?.cpuMsPerDelivery ? `; floor ${fmt(f.cpuMsPerDelivery, 2)} ms, ratio ${ratio(s.cpuMsPerDelivery, f.cpuMsPerDelivery)}` : ""}`,
    `  time to the 200 (ms)`,
    header,
    ...withFloor("request sent → 200", s.toOk, f?.toOk),
    // Split only when some customers wrote more than once.
    ...(s.toOkLater.count > 0 ? [...withFloor("… a customer's first message", s.toOkFirst, f?.toOkFirst), ...withFloor("… later messages", s.toOkLater, f?.toOkLater)] : []),
    ...withFloor("due (schedule) → 200", s.dueToOk, f?.dueToOk),
    "",
    `Burst: ${o.burst} messages into one conversation, request sent → 200 (ms)`,
    header,
    ...burstLines("concurrent", r.burst.concurrent, floor?.burst.concurrent),
    ...burstLines("back-to-back", r.burst.sequential, floor?.burst.sequential),
    ...(r.burst.batched ? burstLines("one batched delivery", r.burst.batched, floor?.burst.batched ?? undefined) : []),
    "",
    `Provider API stand-in during this run: ${standInCalls.length} calls${standInCalls.length ? ` (${[...new Set(standInCalls)].slice(0, 4).join(", ")}: the inbox's setup; inbound text needs none)` : " (inbound text needs none)"}`,
    i === null
      ? "integrity: not checked"
      : i.ok
        ? `integrity: ok (${i.conversations} conversations, one per customer; ${i.messages} messages, each stored once with its text and ${i.concurrentInversions === null ? "a time of receipt (the provider sends no timestamp)" : "provider timestamp"}; ${i.orderedPairs} send-after-200 pairs in order; ${r.burst.batched ? "the batched delivery in its order; " : ""}concurrent burst: ${i.concurrentInversions === null ? "no provider timestamps to compare" : `${i.concurrentInversions} pairs stored out of provider-timestamp order, none promised`})`
        : `integrity: FAILED (${i.totalFailures} problems)\n${i.failures.map((line) => `  - ${line}`).join("\n")}`,
  ].join("\n");
}

export interface ChannelRun {
  result: ChannelBenchResult;
  floor: ChannelBenchResult | null;
}

/** One line per provider: the sustained phase's throughput, time to the 200 and workerd
 * CPU per delivery (the steadiest figure on a shared machine), each beside its floor's,
 * and whether every message was stored once. */
export function formatChannelComparison(runs: readonly ChannelRun[]): string {
  if (runs.length === 0) return "";
  const o = runs[0]!.result.options;
  const cell = (x: string, w = 9) => x.padStart(w);
  const cpu = (ms: number | null | undefined) => (ms === null || ms === undefined ? "–" : fmt(ms, 2));
  const head = `  ${"provider".padEnd(20)}${cell("200/s")}${cell("floor/s")}${cell("p50 ms")}${cell("floor")}${cell("ratio", 7)}${cell("p99 ms")}${cell("floor")}${cell("ratio", 7)}${cell("CPU ms")}${cell("floor")}${cell("ratio", 7)}  integrity`;
  const lines = runs.map(({ result: r, floor }) => {
    const s = r.sustained;
    const f = floor?.sustained;
    const i = r.integrity;
    const integrity = i === null ? "not checked" : i.ok ? `ok: ${i.messages} stored once, ${i.conversations} conversations` : `FAILED (${i.totalFailures})`;
    return `  ${r.channel.name.padEnd(20)}${cell(fmt(s.perSecond, 0))}${cell(f ? fmt(f.perSecond, 0) : "–")}${cell(fmt(s.toOk.p50, 1))}${cell(f ? fmt(f.toOk.p50, 1) : "–")}${cell(ratio(s.toOk.p50, f?.toOk.p50), 7)}${cell(fmt(s.toOk.p99, 1))}${cell(f ? fmt(f.toOk.p99, 1) : "–")}${cell(ratio(s.toOk.p99, f?.toOk.p99), 7)}${cell(cpu(s.cpuMsPerDelivery))}${cell(cpu(f?.cpuMsPerDelivery))}${cell(s.cpuMsPerDelivery !== null && f?.cpuMsPerDelivery ? ratio(s.cpuMsPerDelivery, f.cpuMsPerDelivery) : "–", 7)}  ${integrity}; ${failures(s.failures)}`;
  });
  return ["", `Channels side by side: sustained phase, ${runs[0]!.result.sustained.sent} signed deliveries from ${o.contacts} customers offered at ${o.rate}/s, ≤ ${o.maxInFlight} in flight; request sent → 200`, head, ...lines].join("\n");
}
