/**
 * @module The bench's phases, each on a fresh server of its own so that one phase's
 * sessions, sockets and seeded rows never weigh on another's figures.
 */
import { writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { REPO_ROOT } from "./server.ts";
import { args, machine, positive, progress } from "./bench-args.ts";
import { RELAY_CONFIG, SWITCHBOARD_ENTRY, runThenStop, startServer, type ServerRun } from "./bench-servers.ts";
import { runChatBench, type ChatBenchResult } from "./chat-latency.ts";
import { runWidgetLoadBench, type WidgetLoadResult } from "./widget-load.ts";
import { runConsoleLoadBench, type ConsoleLoadResult } from "./console-load.ts";
import { seedConsoleConversations, type SeedResult } from "./console-seed.ts";
import { formatReportsBench, runReportsBench, seedReports, type ReportsSeedResult } from "./reports-bench.ts";
import { runChannelBench, type ChannelBenchResult } from "./channel-webhooks.ts";
import { startProviderStandIn } from "./provider-stand-in.ts";
import { CHANNEL_KEYS, WEBHOOK_CHANNELS, type ChannelKey, type WebhookChannel } from "./webhook-channels.ts";
import { runQueueListBench, type QueueListResult } from "./queue-list.ts";
import { runQueueBurstBench, type QueueBurstResult } from "./queue-burst.ts";
import { runWebhookFanoutBench, type WebhookFanoutResult } from "./webhook-fanout.ts";
import { runHelpCenterBench, type HelpCenterBenchResult } from "./helpcenter.ts";

/** The widget's load times: the chat benchmark's thousands of sessions and sockets must
 * not weigh on them (nor they on it). */
export async function widgetPhase(): Promise<WidgetLoadResult> {
  const run = await runThenStop(await startServer(), (server) => runWidgetLoadBench(server.url, { loads: positive("widget-loads", args["widget-loads"]), log: progress }));
  return run.result;
}

/** The console's load and switch times, on a server whose D1 is seeded with the backlog
 * before it starts (see console-seed.ts for why and how). */
export async function consolePhase(): Promise<ConsoleLoadResult> {
  let seeded: SeedResult | undefined;
  const conversations = positive("console-conversations", args["console-conversations"]);
  const server = await startServer(async ({ appDir, persistDir }) => {
    progress(`seeding ${conversations} conversations into D1`);
    seeded = await seedConsoleConversations(appDir, persistDir, { conversations, messagesEach: 3, newestAt: Date.now() - 3_600_000 });
  });
  const run = await runThenStop(server, (s) =>
    runConsoleLoadBench(s.url, seeded!, { loads: positive("console-loads", args["console-loads"]), live: positive("console-live", args["console-live"]), log: progress }),
  );
  return run.result;
}

/** The reports benchmark (reports-bench.ts): a year of history seeded and rebuilt before
 * the server starts, then the reports timed against it. Only with `--only reports`: the
 * seed takes minutes. */
export async function reportsPhase(): Promise<string> {
  let seeded: ReportsSeedResult | undefined;
  const conversations = positive("reports-conversations", args["reports-conversations"]);
  const m = machine();
  const server = await startServer(async ({ appDir, persistDir }) => {
    progress(`seeding ${conversations} conversations (${conversations * 10} message rows) into D1`);
    seeded = await seedReports(appDir, persistDir, conversations, progress);
  });
  const { result } = await runThenStop(server, (s) =>
    runReportsBench(s.url, () => s.workerdRssKiB() ?? 0, seeded!, { conversations, runs: positive("reports-runs", args["reports-runs"]), log: progress }),
  );
  if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, reports: result }, null, 2));
  return formatReportsBench(result, m);
}

/** The providers `--channels` names, in the order given. */
function selectedChannels(): WebhookChannel[] {
  const keys = (args.channels ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  const unknown = keys.filter((k) => !(CHANNEL_KEYS as readonly string[]).includes(k));
  if (keys.length === 0 || unknown.length > 0) throw new Error(`--channels takes a list of ${CHANNEL_KEYS.join(", ")}; got ${args.channels}`);
  return keys.map((k) => WEBHOOK_CHANNELS[k as ChannelKey]);
}

export type ChannelsRun = ServerRun<Array<{ result: ChannelBenchResult; floor: ChannelBenchResult | null; standInCalls: string[] }>>;

/** Signed webhooks of each provider: the bare receiver first (the floor), then
 * Switchboard, each on a server of its own (shared by the providers, one after another),
 * with a stand-in for the providers' APIs in this process. */
export async function channelsPhase(): Promise<ChannelsRun> {
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
      await runThenStop(
        relay,
        async (r) => {
          for (const channel of channels) floors.set(channel.key, await runChannelBench(r.url, channel, { ...options, verify: false, cpuMs: r.workerdCpuMs }));
        },
        "the floor's server",
      );
    }
    // A fresh key per run: nothing sealed under it outlives the run's temporary state.
    const vars = ["--var", `CREDENTIALS_KEY:${randomBytes(32).toString("base64")}`, ...Object.entries(standIn.vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])];
    return await runThenStop(await startServer(undefined, { script: SWITCHBOARD_ENTRY }, vars), async (server) => {
      const runs: ChannelsRun["result"] = [];
      for (const channel of channels) {
        const before = standIn.calls().length;
        const result = await runChannelBench(server.url, channel, { ...options, verify: true, cpuMs: server.workerdCpuMs, webhookSecret: standIn.telegramSecret });
        runs.push({ result, floor: floors.get(channel.key) ?? null, standInCalls: standIn.calls().slice(before) });
      }
      return runs;
    });
  } finally {
    await standIn.close();
  }
}

/** Every provider's messages stored once, in order, and no Worker reload mid-run. */
export function channelsOk(channels: ChannelsRun): boolean {
  return channels.reloads === 0 && channels.result.every((r) => r.result.integrity?.ok !== false);
}

export type QueueRun = ServerRun<{ list: QueueListResult; burst: QueueBurstResult }>;

/** The waiting list at 10,000 and the burst, one after the other on one server (the
 * bench entry: its TeamQueue has the bench's methods). */
export async function queuePhase(): Promise<QueueRun> {
  return runThenStop(await startServer(undefined, { script: SWITCHBOARD_ENTRY }), async (server) => {
    const list = await runQueueListBench(server.url, { waiting: positive("queue-waiting", args["queue-waiting"]), ops: positive("queue-ops", args["queue-ops"]), log: progress });
    const burst = await runQueueBurstBench(server.url, {
      agents: positive("queue-agents", args["queue-agents"]),
      capacity: positive("queue-capacity", args["queue-capacity"]),
      arrivals: positive("queue-arrivals", args["queue-arrivals"]),
      log: progress,
    });
    return { list, burst };
  });
}

/** Outbound webhook fan-out: loopback receivers allowed (DEV_WEBHOOKS_LOCAL, as under
 * `npm run dev`), a fresh CREDENTIALS_KEY for the secrets. */
export async function webhooksPhase(): Promise<ServerRun<WebhookFanoutResult>> {
  const vars = ["--var", "DEV_WEBHOOKS_LOCAL:1", "--var", `CREDENTIALS_KEY:${randomBytes(32).toString("base64")}`];
  return runThenStop(await startServer(undefined, { script: SWITCHBOARD_ENTRY }, vars), (server) =>
    runWebhookFanoutBench(server.url, {
      rate: positive("fanout-rate", args["fanout-rate"]),
      seconds: positive("fanout-seconds", args["fanout-seconds"]),
      conversations: positive("fanout-conversations", args["fanout-conversations"]),
      log: progress,
      cpuMs: server.workerdCpuMs,
    }),
  );
}

/** The help center (its 2,000 articles must not weigh on other phases). */
export async function helpCenterPhase(): Promise<ServerRun<HelpCenterBenchResult>> {
  return runThenStop(await startServer(), (server) =>
    runHelpCenterBench(server.url, `${REPO_ROOT}dist/public`, {
      articles: positive("hc-articles", args["hc-articles"]),
      requests: positive("hc-requests", args["hc-requests"]),
      log: progress,
    }),
  );
}

export interface ChatRun extends ServerRun<ChatBenchResult> {
  floor: ChatBenchResult | null;
}

/** The chat benchmark: the bare Durable Object relay first (the floor), then Switchboard,
 * same client. `--listeners` and `--flush-ms` are experiments (bench-worker/switchboard-entry.ts). */
export async function chatPhase(): Promise<ChatRun> {
  const options = {
    conversations: positive("conversations", args.conversations),
    latencyMessages: positive("messages", args.messages),
    latencyRate: positive("rate", args.rate),
    window: positive("window", args.window),
    throughputMs: positive("seconds", args.seconds) * 1000,
    pacedMs: positive("paced-seconds", args["paced-seconds"]) * 1000,
    log: progress,
  };
  if (!/^[a-z0-9-]+(,[a-z0-9-]+)*$/.test(args.listeners)) throw new Error(`--listeners must be all, d1, publish, none or listener names separated by commas, got ${args.listeners}`);
  let floor: ChatBenchResult | null = null;
  if (!args["no-floor"] && !args.url) {
    progress("floor: the bare Durable Object relay, same client");
    const relay = await startServer(undefined, { config: RELAY_CONFIG });
    floor = (await runThenStop(relay, (r) => runChatBench(r.url, { ...options, pipeline: false, cpuMs: r.workerdCpuMs }), "the floor's server")).result;
  }
  if (args.listeners !== "all") progress(`experiment: pipeline listeners kept: ${args.listeners}`);
  const flushMs = args["flush-ms"] === undefined ? [] : ["--var", `BENCH_FLUSH_MS:${positive("flush-ms", args["flush-ms"])}`];
  if (flushMs.length) progress(`experiment: the Projector flushes at most every ${args["flush-ms"]} ms`);
  const server = await startServer(undefined, { script: SWITCHBOARD_ENTRY }, ["--var", `BENCH_LISTENERS:${args.listeners}`, ...flushMs]);
  const run = await runThenStop(server, (s) => runChatBench(s.url, { ...options, cpuMs: s.workerdCpuMs }));
  return { ...run, floor };
}
