/**
 * `npm run bench`: starts the Worker locally (wrangler dev, loopback only), runs the
 * widget load benchmark (widget-load.ts, headless Chromium), the console benchmark
 * (console-load.ts: 5,000 conversations seeded, headless Chromium) and the chat
 * benchmark, each on a fresh server, and prints their figures. Exits non-zero when a run
 * fails or the integrity checks find lost, duplicated or reordered messages.
 *
 *   node test/bench/run.ts [--conversations 200] [--messages 2000] [--rate 250]
 *                          [--window 4] [--seconds 10] [--json results.json]
 *                          [--widget-loads 20] [--console-loads 20]
 *                          [--console-conversations 5000] [--console-live 40]
 *                          [--contacts 500] [--webhook-rate 100] [--webhook-seconds 10]
 *                          [--webhook-in-flight 32] [--burst 50]
 *                          [--channels whatsapp,telegram,twilio]
 *                          [--only widget|console|channels|queue|webhooks|helpcenter|chat|reports]
 *                          [--reports-conversations 200000] [--reports-runs 50]
 *                          [--hc-articles 2000] [--hc-requests 500]
 *                          [--fanout-rate 100] [--fanout-seconds 10] [--fanout-conversations 200]
 *                          [--queue-waiting 10000] [--queue-ops 1000] [--queue-agents 50]
 *                          [--queue-capacity 25] [--queue-arrivals 1000]
 *                          [--url http://127.0.0.1:PORT] [--verbose]
 *                          [--listeners all|d1|publish|none] [--flush-ms 100]
 *
 * The channel benchmark (channel-webhooks.ts) posts signed webhooks of each provider in
 * `--channels` (WhatsApp, Telegram, Twilio SMS: webhook-channels.ts), first to a bare
 * receiver (relay.ts: verify, parse, one Durable Object write) as the floor, then to
 * Switchboard, with the providers' API URLs pointing at a stand-in in this process.
 *
 * The queue benchmark (queue-list.ts, queue-burst.ts) fills one TeamQueue with
 * `--queue-waiting` rows and times enqueue and pop against a floor table in the same
 * invocation, then sends a burst of `--queue-arrivals` web chat visitors to a team of
 * `--queue-agents` online agents in auto mode and checks the distribution's invariants.
 *
 * The outbound webhook benchmark (webhook-fanout.ts) sends `--fanout-rate` web chat
 * messages a second and measures their `message.created` deliveries' lag at three
 * endpoints served by this process, then again with one of them down throughout.
 *
 * The help center benchmark (helpcenter.ts) seeds `--hc-articles` articles in three
 * locales and times article pages (to first byte) and search, each beside a floor route
 * of the same Worker in the same invocation, and weighs the widget's lazy help chunk.
 *
 * `--url` measures a server that is already running (on loopback) instead of starting one;
 * the console benchmark is skipped then, since it seeds D1 before its server starts.
 *
 * The chat benchmark first runs the same client against a bare Durable Object relay
 * (test/bench/bench-worker/relay.ts: store, then forward) as the floor, then against
 * Switchboard, and prints every Switchboard figure beside the floor's as a ratio.
 * `--no-floor` skips the floor. `--listeners` keeps only some of the event pipeline's
 * listeners (an experiment: what each costs locally; see bench-worker/switchboard-entry.ts).
 */
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { REPO_ROOT, startDevServer, type DevServer, type DevServerOptions } from "./server.ts";
import { runChatBench, DEFAULT_OPTIONS, type ChatBenchResult } from "./chat-latency.ts";
import { formatWidgetLoad, runWidgetLoadBench, type WidgetLoadResult } from "./widget-load.ts";
import { widgetWeight } from "../e2e/bundle-size.ts";
import { formatConsoleLoad, runConsoleLoadBench, type ConsoleLoadResult } from "./console-load.ts";
import { seedConsoleConversations, type SeedResult } from "./console-seed.ts";
import { formatReportsBench, runReportsBench, seedReports, type ReportsSeedResult } from "./reports-bench.ts";
import { fmt, type Summary } from "./stats.ts";
import { randomBytes } from "node:crypto";
import { CHANNEL_DEFAULTS, runChannelBench, type ChannelBenchResult } from "./channel-webhooks.ts";
import { formatChannelBench, formatChannelComparison } from "./channel-report.ts";
import { startProviderStandIn } from "./provider-stand-in.ts";
import { CHANNEL_KEYS, WEBHOOK_CHANNELS, type ChannelKey, type WebhookChannel } from "./webhook-channels.ts";
import { QUEUE_LIST_DEFAULTS, runQueueListBench, type QueueListResult } from "./queue-list.ts";
import { QUEUE_BURST_DEFAULTS, runQueueBurstBench, type QueueBurstResult } from "./queue-burst.ts";
import { formatQueueBench } from "./queue-report.ts";
import { WEBHOOK_FANOUT_DEFAULTS, formatWebhookFanout, runWebhookFanoutBench, type WebhookFanoutResult } from "./webhook-fanout.ts";
import { HELPCENTER_DEFAULTS, formatHelpCenterBench, runHelpCenterBench, type HelpCenterBenchResult } from "./helpcenter.ts";

/** The whole run, server starts to stops, must fit in this. */
const DEADLINE_MS = 1_380_000; // the queue suite adds about 5 minutes, the webhook fan-out about 2
/** The bench's Workers, relative to the repository root (see test/bench/bench-worker). */
const SWITCHBOARD_ENTRY = "test/bench/bench-worker/switchboard-entry.ts";
const RELAY_CONFIG = "test/bench/bench-worker/relay.wrangler.toml";

const { values: args } = parseArgs({
  options: {
    conversations: { type: "string", default: String(DEFAULT_OPTIONS.conversations) },
    messages: { type: "string", default: String(DEFAULT_OPTIONS.latencyMessages) },
    rate: { type: "string", default: String(DEFAULT_OPTIONS.latencyRate) },
    window: { type: "string", default: String(DEFAULT_OPTIONS.window) },
    seconds: { type: "string", default: String(DEFAULT_OPTIONS.throughputMs / 1000) },
    "paced-seconds": { type: "string", default: String(DEFAULT_OPTIONS.pacedMs / 1000) },
    "no-floor": { type: "boolean", default: false },
    json: { type: "string" },
    "widget-loads": { type: "string", default: "20" },
    "console-loads": { type: "string", default: "20" },
    "console-conversations": { type: "string", default: "5000" },
    "reports-conversations": { type: "string", default: "200000" },
    "reports-runs": { type: "string", default: "50" },
    "console-live": { type: "string", default: "40" },
    contacts: { type: "string", default: String(CHANNEL_DEFAULTS.contacts) },
    "webhook-rate": { type: "string", default: String(CHANNEL_DEFAULTS.rate) },
    "webhook-seconds": { type: "string", default: String(CHANNEL_DEFAULTS.seconds) },
    "webhook-in-flight": { type: "string", default: String(CHANNEL_DEFAULTS.maxInFlight) },
    burst: { type: "string", default: String(CHANNEL_DEFAULTS.burst) },
    channels: { type: "string", default: CHANNEL_KEYS.join(",") },
    only: { type: "string" },
    "queue-waiting": { type: "string", default: String(QUEUE_LIST_DEFAULTS.waiting) },
    "queue-ops": { type: "string", default: String(QUEUE_LIST_DEFAULTS.ops) },
    "queue-agents": { type: "string", default: String(QUEUE_BURST_DEFAULTS.agents) },
    "queue-capacity": { type: "string", default: String(QUEUE_BURST_DEFAULTS.capacity) },
    "queue-arrivals": { type: "string", default: String(QUEUE_BURST_DEFAULTS.arrivals) },
    url: { type: "string" },
    verbose: { type: "boolean", default: false },
    listeners: { type: "string", default: "all" },
    "flush-ms": { type: "string" },
    "fanout-rate": { type: "string", default: String(WEBHOOK_FANOUT_DEFAULTS.rate) },
    "fanout-seconds": { type: "string", default: String(WEBHOOK_FANOUT_DEFAULTS.seconds) },
    "fanout-conversations": { type: "string", default: String(WEBHOOK_FANOUT_DEFAULTS.conversations) },
    "hc-articles": { type: "string", default: String(HELPCENTER_DEFAULTS.articles) },
    "hc-requests": { type: "string", default: String(HELPCENTER_DEFAULTS.requests) },
  },
});

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return n;
}

const started = Date.now();
const progress = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    /** 1-minute load average when the run started: other work on the machine skews figures. */
    load: os.loadavg()[0]!,
    date: new Date().toISOString(),
  };
}

/** Lines the Worker or wrangler printed that look like trouble, minus known noise. */
function serverTrouble(server: DevServer): string[] {
  const lines = server.logs();
  const trouble: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // wrangler tries to fetch Request.cf from workers.cloudflare.com; offline it warns
    // and falls back to a placeholder, followed by a stack trace.
    if (/Unable to fetch the `Request.cf` object/.test(line)) {
      while (i + 1 < lines.length && /^(Error: getaddrinfo|\s+at )/.test(lines[i + 1]!)) i++;
      continue;
    }
    // Request log lines look like `[wrangler:info] GET /api/health 200 OK (3ms)`.
    if (/error|warn|exception|uncaught|✘/i.test(line) || /\s5\d\d [A-Z]/.test(line)) trouble.push(line.trim());
  }
  return trouble;
}

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

function report(m: ReturnType<typeof machine>, r: ChatBenchResult, trouble: string[], reloads: number, floor: ChatBenchResult | null): string {
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
    ...(args.listeners !== "all" ? [`  EXPERIMENT: pipeline listeners kept: ${args.listeners} (not a valid Switchboard figure)`] : []),
    ...(args["flush-ms"] !== undefined ? [`  EXPERIMENT: the Projector flushes at most every ${args["flush-ms"]} ms`] : []),
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

/** The widget's load times, on a server of its own: the chat benchmark's thousands of
 * sessions and sockets must not weigh on them (nor they on it). */
async function widgetPhase(): Promise<WidgetLoadResult> {
  const server = await startServer();
  try {
    return await runWidgetLoadBench(server.url, { loads: positive("widget-loads", args["widget-loads"]), log: progress });
  } finally {
    progress("stopping server");
    await server.stop();
  }
}

/** The console's load and switch times, on a server of its own whose D1 is seeded with
 * the backlog before it starts (see console-seed.ts for why and how). */
/** The reports benchmark (reports-bench.ts): a year of history seeded and rebuilt before
 * the server starts, then the reports timed against it. Only with `--only reports`: the
 * seed takes minutes. */
async function reportsPhase(): Promise<string> {
  let seeded: ReportsSeedResult | undefined;
  const conversations = positive("reports-conversations", args["reports-conversations"]);
  const m = machine();
  const server = await startServer(async ({ appDir, persistDir }) => {
    progress(`seeding ${conversations} conversations (${conversations * 10} message rows) into D1`);
    seeded = await seedReports(appDir, persistDir, conversations, progress);
  });
  try {
    const result = await runReportsBench(server.url, () => server.workerdRssKiB() ?? 0, seeded!, { conversations, runs: positive("reports-runs", args["reports-runs"]), log: progress });
    if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, reports: result }, null, 2));
    return formatReportsBench(result, m);
  } finally {
    progress("stopping server");
    await server.stop();
  }
}

async function consolePhase(): Promise<ConsoleLoadResult> {
  let seeded: SeedResult | undefined;
  const conversations = positive("console-conversations", args["console-conversations"]);
  const server = await startServer(async ({ appDir, persistDir }) => {
    progress(`seeding ${conversations} conversations into D1`);
    seeded = await seedConsoleConversations(appDir, persistDir, { conversations, messagesEach: 3, newestAt: Date.now() - 3_600_000 });
  });
  try {
    return await runConsoleLoadBench(server.url, seeded!, {
      loads: positive("console-loads", args["console-loads"]),
      live: positive("console-live", args["console-live"]),
      log: progress,
    });
  } finally {
    progress("stopping server");
    await server.stop();
  }
}

/** The providers `--channels` names, in the order given. */
function selectedChannels(): WebhookChannel[] {
  const keys = (args.channels ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  const unknown = keys.filter((k) => !(CHANNEL_KEYS as readonly string[]).includes(k));
  if (keys.length === 0 || unknown.length > 0) throw new Error(`--channels takes a list of ${CHANNEL_KEYS.join(", ")}; got ${args.channels}`);
  return keys.map((k) => WEBHOOK_CHANNELS[k as ChannelKey]);
}

interface ChannelsRun {
  runs: Array<{ result: ChannelBenchResult; floor: ChannelBenchResult | null; standInCalls: string[] }>;
  trouble: string[];
  reloads: number;
}

/** Signed webhooks of each provider: the bare receiver first (the floor), then
 * Switchboard, each on a server of its own (shared by the providers, one after another),
 * with a stand-in for the providers' APIs in this process. */
async function channelsPhase(): Promise<ChannelsRun> {
  const options = {
    contacts: positive("contacts", args.contacts),
    rate: positive("webhook-rate", args["webhook-rate"]),
    seconds: positive("webhook-seconds", args["webhook-seconds"]),
    maxInFlight: positive("webhook-in-flight", args["webhook-in-flight"]),
    burst: positive("burst", args.burst),
    log: progress,
  };
  const channels = selectedChannels();
  const standIn = await startProviderStandIn();
  try {
    const floors = new Map<string, ChannelBenchResult>();
    if (!args["no-floor"] && !args.url) {
      progress("channels floor: a bare webhook receiver (verify, parse, one Durable Object write), same client");
      const floorVars = Object.entries(Object.assign({}, ...channels.map((c) => c.floorVars)) as Record<string, string>).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
      const relay = await startServer(undefined, { config: RELAY_CONFIG }, floorVars);
      try {
        for (const channel of channels) floors.set(channel.key, await runChannelBench(relay.url, channel, { ...options, verify: false, cpuMs: relay.workerdCpuMs }));
      } finally {
        progress("stopping the floor's server");
        await relay.stop();
      }
    }
    // A fresh key per run: nothing sealed under it outlives the run's temporary state.
    const vars = ["--var", `CREDENTIALS_KEY:${randomBytes(32).toString("base64")}`, ...Object.entries(standIn.vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])];
    const server = await startServer(undefined, { script: SWITCHBOARD_ENTRY }, vars);
    try {
      const runs: ChannelsRun["runs"] = [];
      for (const channel of channels) {
        const before = standIn.calls().length;
        const result = await runChannelBench(server.url, channel, { ...options, verify: true, cpuMs: server.workerdCpuMs, webhookSecret: standIn.telegramSecret });
        runs.push({ result, floor: floors.get(channel.key) ?? null, standInCalls: standIn.calls().slice(before) });
      }
      return { runs, trouble: serverTrouble(server), reloads: server.reloads() };
    } catch (error) {
      console.error(`server log (last lines):\n${server.logs().slice(-30).join("\n")}`);
      throw error;
    } finally {
      progress("stopping server");
      await server.stop();
    }
  } finally {
    await standIn.close();
  }
}

/** Every provider's messages stored once, in order, and no Worker reload mid-run. */
function channelsOk(channels: ChannelsRun): boolean {
  return channels.reloads === 0 && channels.runs.every((r) => r.result.integrity?.ok !== false);
}

interface QueueRun {
  list: QueueListResult;
  burst: QueueBurstResult;
  trouble: string[];
  reloads: number;
}

/** The waiting list at 10,000 and the burst, one after the other on one server (the
 * bench entry: its TeamQueue has the bench's methods). */
async function queuePhase(): Promise<QueueRun> {
  const server = await startServer(undefined, { script: SWITCHBOARD_ENTRY });
  try {
    const list = await runQueueListBench(server.url, { waiting: positive("queue-waiting", args["queue-waiting"]), ops: positive("queue-ops", args["queue-ops"]), log: progress });
    const burst = await runQueueBurstBench(server.url, {
      agents: positive("queue-agents", args["queue-agents"]),
      capacity: positive("queue-capacity", args["queue-capacity"]),
      arrivals: positive("queue-arrivals", args["queue-arrivals"]),
      log: progress,
    });
    return { list, burst, trouble: serverTrouble(server), reloads: server.reloads() };
  } catch (error) {
    console.error(`server log (last lines):\n${server.logs().slice(-30).join("\n")}`);
    throw error;
  } finally {
    progress("stopping server");
    await server.stop();
  }
}

/** Outbound webhook fan-out on a server of its own: loopback receivers allowed
 * (DEV_WEBHOOKS_LOCAL, as under `npm run dev`), a fresh CREDENTIALS_KEY for the secrets. */
async function webhooksPhase(): Promise<{ result: WebhookFanoutResult; trouble: string[]; reloads: number }> {
  const vars = ["--var", "DEV_WEBHOOKS_LOCAL:1", "--var", `CREDENTIALS_KEY:${randomBytes(32).toString("base64")}`];
  const server = await startServer(undefined, { script: SWITCHBOARD_ENTRY }, vars);
  try {
    const result = await runWebhookFanoutBench(server.url, {
      rate: positive("fanout-rate", args["fanout-rate"]),
      seconds: positive("fanout-seconds", args["fanout-seconds"]),
      conversations: positive("fanout-conversations", args["fanout-conversations"]),
      log: progress,
      cpuMs: server.workerdCpuMs,
    });
    return { result, trouble: serverTrouble(server), reloads: server.reloads() };
  } catch (error) {
    console.error(`server log (last lines):\n${server.logs().slice(-30).join("\n")}`);
    throw error;
  } finally {
    progress("stopping server");
    await server.stop();
  }
}

/** The help center on a server of its own (its 2,000 articles must not weigh on others). */
async function helpCenterPhase(): Promise<{ result: HelpCenterBenchResult; trouble: string[]; reloads: number }> {
  const server = await startServer();
  try {
    const result = await runHelpCenterBench(server.url, `${REPO_ROOT}dist/public`, {
      articles: positive("hc-articles", args["hc-articles"]),
      requests: positive("hc-requests", args["hc-requests"]),
      log: progress,
    });
    return { result, trouble: serverTrouble(server), reloads: server.reloads() };
  } catch (error) {
    console.error(`server log (last lines):\n${server.logs().slice(-30).join("\n")}`);
    throw error;
  } finally {
    progress("stopping server");
    await server.stop();
  }
}

async function startServer(beforeStart?: DevServerOptions["beforeStart"], worker?: DevServerOptions["worker"], extraArgs?: string[]): Promise<DevServer> {
  if (args.url) {
    const url = new URL(args.url);
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error("--url must be a loopback address");
    return { url: url.origin, port: Number(url.port), inspectorPort: 0, persistDir: "", appDir: "", reloads: () => 0, logs: () => [], stop: async () => {}, workerdCpuMs: () => null, workerdRssKiB: () => null };
  }
  progress("starting wrangler dev");
  const server = await startDevServer({ beforeStart, worker, extraArgs, onLog: args.verbose ? (line) => console.error(`  [wrangler] ${line}`) : undefined });
  progress(`server up at ${server.url}`);
  return server;
}

async function main(): Promise<number> {
  if (args.only === "reports") {
    console.log(await reportsPhase());
    return 0;
  }
  let widget: WidgetLoadResult | null = null;
  if (args.only === undefined || args.only === "widget") {
    widget = await widgetPhase();
    console.log(formatWidgetLoad(widget, await widgetWeight(`${REPO_ROOT}dist/public`)));
    if (args.only === "widget") {
      if (args.json) await writeFile(args.json, JSON.stringify({ machine: machine(), widget }, null, 2));
      return 0;
    }
  }
  let consoleLoad: ConsoleLoadResult | null = null;
  if (args.url && (args.only === undefined || args.only === "console")) {
    progress("console benchmark skipped: with --url there is no D1 to seed before the server starts");
  } else if (args.only === undefined || args.only === "console") {
    consoleLoad = await consolePhase();
    console.log(formatConsoleLoad(consoleLoad));
    if (args.only === "console") {
      if (args.json) await writeFile(args.json, JSON.stringify({ machine: machine(), console: consoleLoad }, null, 2));
      return 0;
    }
  }
  let channels: ChannelsRun | null = null;
  if (args.only === undefined || args.only === "channels") {
    const m = machine();
    channels = await channelsPhase();
    console.log(`\nChannels: ${m.date} · ${m.cpu} · ${m.cores} cores · load average ${fmt(m.load, 2)} at start`);
    for (const run of channels.runs) console.log(formatChannelBench(run.result, run.floor, run.standInCalls));
    console.log(formatChannelComparison(channels.runs));
    console.log(`load average ${fmt(os.loadavg()[0]!, 2)} at the end`);
    if (channels.reloads > 0) console.log(`wrangler restarted the Worker ${channels.reloads} time(s) during the run: figures are invalid`);
    if (channels.trouble.length > 0) console.log(`server log: ${channels.trouble.length} warning/error lines, first ones:\n${channels.trouble.slice(0, 8).map((l) => `  | ${l}`).join("\n")}`);
    if (args.only === "channels") {
      if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, channels }, null, 2));
      return channelsOk(channels) ? 0 : 1;
    }
  }
  let queue: QueueRun | null = null;
  if (args.only === undefined || args.only === "queue") {
    const m = machine();
    queue = await queuePhase();
    console.log(formatQueueBench(m, queue.list, queue.burst, os.loadavg()[0]!));
    if (queue.reloads > 0) console.log(`wrangler restarted the Worker ${queue.reloads} time(s) during the run: figures are invalid`);
    if (queue.trouble.length > 0) console.log(`server log: ${queue.trouble.length} warning/error lines, first ones:\n${queue.trouble.slice(0, 8).map((l) => `  | ${l}`).join("\n")}`);
    if (args.only === "queue") {
      if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, queue }, null, 2));
      return queue.burst.invariants.ok && queue.reloads === 0 ? 0 : 1;
    }
  }
  let webhooks: Awaited<ReturnType<typeof webhooksPhase>> | null = null;
  if (args.only === undefined || args.only === "webhooks") {
    const m = machine();
    webhooks = await webhooksPhase();
    console.log(`\nWebhooks: ${m.date} · ${m.cpu} · ${m.cores} cores · load average ${fmt(m.load, 2)} at start`);
    console.log(formatWebhookFanout(webhooks.result));
    if (webhooks.reloads > 0) console.log(`wrangler restarted the Worker ${webhooks.reloads} time(s) during the run: figures are invalid`);
    if (webhooks.trouble.length > 0) console.log(`server log: ${webhooks.trouble.length} warning/error lines, first ones:\n${webhooks.trouble.slice(0, 8).map((l) => `  | ${l}`).join("\n")}`);
    if (args.only === "webhooks") {
      if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, webhooks }, null, 2));
      return webhooks.result.ok && webhooks.reloads === 0 ? 0 : 1;
    }
  }
  let helpCenter: Awaited<ReturnType<typeof helpCenterPhase>> | null = null;
  if (args.only === undefined || args.only === "helpcenter") {
    const m = machine();
    helpCenter = await helpCenterPhase();
    console.log(`\nHelp center: ${m.date} · ${m.cpu} · ${m.cores} cores · load average ${fmt(m.load, 2)} at start`);
    console.log(formatHelpCenterBench(helpCenter.result));
    if (helpCenter.reloads > 0) console.log(`wrangler restarted the Worker ${helpCenter.reloads} time(s) during the run: figures are invalid`);
    if (helpCenter.trouble.length > 0) console.log(`server log: ${helpCenter.trouble.length} warning/error lines, first ones:\n${helpCenter.trouble.slice(0, 8).map((l) => `  | ${l}`).join("\n")}`);
    if (args.only === "helpcenter") {
      if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, helpCenter }, null, 2));
      return helpCenter.reloads === 0 ? 0 : 1;
    }
  }
  const options = {
    conversations: positive("conversations", args.conversations),
    latencyMessages: positive("messages", args.messages),
    latencyRate: positive("rate", args.rate),
    window: positive("window", args.window),
    throughputMs: positive("seconds", args.seconds) * 1000,
    pacedMs: positive("paced-seconds", args["paced-seconds"]) * 1000,
    log: progress,
  };
  const m = machine();
  let floor: ChatBenchResult | null = null;
  if (!args["no-floor"] && !args.url) {
    progress("floor: the bare Durable Object relay, same client");
    const relay = await startServer(undefined, { config: RELAY_CONFIG });
    try {
      floor = await runChatBench(relay.url, { ...options, pipeline: false, cpuMs: relay.workerdCpuMs });
    } finally {
      progress("stopping the floor's server");
      await relay.stop();
    }
  }
  if (!["all", "d1", "publish", "none"].includes(args.listeners)) throw new Error(`--listeners must be all, d1, publish or none, got ${args.listeners}`);
  if (args.listeners !== "all") progress(`experiment: pipeline listeners kept: ${args.listeners}`);
  const flushMs = args["flush-ms"] === undefined ? [] : ["--var", `BENCH_FLUSH_MS:${positive("flush-ms", args["flush-ms"])}`];
  if (flushMs.length) progress(`experiment: the Projector flushes at most every ${args["flush-ms"]} ms`);
  const server = await startServer(undefined, { script: SWITCHBOARD_ENTRY }, ["--var", `BENCH_LISTENERS:${args.listeners}`, ...flushMs]);
  let result: ChatBenchResult;
  let trouble: string[] = [];
  let reloads = 0;
  try {
    result = await runChatBench(server.url, { ...options, cpuMs: server.workerdCpuMs });
  } catch (error) {
    console.error(`server log (last lines):\n${server.logs().slice(-30).join("\n")}`);
    throw error;
  } finally {
    progress("stopping server");
    trouble = serverTrouble(server);
    reloads = server.reloads();
    await server.stop();
  }
  console.log(report(m, result, trouble, reloads, floor));
  if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, ...result, floor, widget, console: consoleLoad, channels, queue, webhooks, helpCenter, serverTrouble: trouble, reloads }, null, 2));
  return result.integrity.ok && reloads === 0 && (channels === null || channelsOk(channels)) && (queue === null || queue.burst.invariants.ok) && (webhooks === null || webhooks.result.ok) ? 0 : 1;
}

const watchdog = setTimeout(() => {
  console.error(`bench: gave up after ${DEADLINE_MS / 1000} s`);
  process.exit(2); // the server's exit hook kills wrangler and workerd
}, DEADLINE_MS);
watchdog.unref();

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
