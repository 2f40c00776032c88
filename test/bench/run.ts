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
 *                          [--listeners all|d1|publish|none|name,…] [--flush-ms 100]
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
import { REPO_ROOT } from "./server.ts";
import { args, machine, type Machine } from "./bench-args.ts";
import { serverHealthLines } from "./bench-servers.ts";
import { formatChatBench } from "./chat-report.ts";
import { formatWidgetLoad, type WidgetLoadResult } from "./widget-load.ts";
import { widgetWeight } from "../e2e/bundle-size.ts";
import { formatConsoleLoad, type ConsoleLoadResult } from "./console-load.ts";
import { fmt } from "./stats.ts";
import { formatChannelBench, formatChannelComparison } from "./channel-report.ts";
import { formatQueueBench } from "./queue-report.ts";
import { formatWebhookFanout } from "./webhook-fanout.ts";
import { formatHelpCenterBench } from "./helpcenter.ts";
import { channelsOk, channelsPhase, chatPhase, consolePhase, helpCenterPhase, queuePhase, reportsPhase, webhooksPhase, widgetPhase, type ChannelsRun, type QueueRun } from "./phases.ts";

/** The whole run, server starts to stops, must fit in this. */
const DEADLINE_MS = 1_380_000; // the queue suite adds about 5 minutes, the webhook fan-out about 2

/** Whether the phase runs: every phase without `--only`, else the one named. */
const runs = (phase: string) => args.only === undefined || args.only === phase;
const heading = (name: string, m: Machine) => `\n${name}: ${m.date} · ${m.cpu} · ${m.cores} cores · load average ${fmt(m.load, 2)} at start`;
/** With `--only`, the phase's figures go to `--json` and the run ends with its verdict. */
async function only(phase: string, figures: object, ok: boolean): Promise<number | null> {
  if (args.only !== phase) return null;
  if (args.json) await writeFile(args.json, JSON.stringify({ machine: machine(), ...figures }, null, 2));
  return ok ? 0 : 1;
}

async function main(): Promise<number> {
  if (args.only === "reports") {
    console.log(await reportsPhase());
    return 0;
  }
  let widget: WidgetLoadResult | null = null;
  if (runs("widget")) {
    widget = await widgetPhase();
    console.log(formatWidgetLoad(widget, await widgetWeight(`${REPO_ROOT}dist/public`)));
    const done = await only("widget", { widget }, true);
    if (done !== null) return done;
  }
  let consoleLoad: ConsoleLoadResult | null = null;
  if (args.url && runs("console")) {
    console.error("console benchmark skipped: with --url there is no D1 to seed before the server starts");
  } else if (runs("console")) {
    consoleLoad = await consolePhase();
    console.log(formatConsoleLoad(consoleLoad));
    const done = await only("console", { console: consoleLoad }, true);
    if (done !== null) return done;
  }
  let channels: ChannelsRun | null = null;
  if (runs("channels")) {
    const m = machine();
    channels = await channelsPhase();
    console.log(heading("Channels", m));
    for (const run of channels.result) console.log(formatChannelBench(run.result, run.floor, run.standInCalls));
    console.log(formatChannelComparison(channels.result));
    console.log(`load average ${fmt(os.loadavg()[0]!, 2)} at the end`);
    for (const line of serverHealthLines(channels)) console.log(line);
    const done = await only("channels", { channels }, channelsOk(channels));
    if (done !== null) return done;
  }
  let queue: QueueRun | null = null;
  if (runs("queue")) {
    const m = machine();
    queue = await queuePhase();
    console.log(formatQueueBench(m, queue.result.list, queue.result.burst, os.loadavg()[0]!));
    for (const line of serverHealthLines(queue)) console.log(line);
    const done = await only("queue", { queue }, queue.result.burst.invariants.ok && queue.reloads === 0);
    if (done !== null) return done;
  }
  let webhooks: Awaited<ReturnType<typeof webhooksPhase>> | null = null;
  if (runs("webhooks")) {
    const m = machine();
    webhooks = await webhooksPhase();
    console.log(heading("Webhooks", m));
    console.log(formatWebhookFanout(webhooks.result));
    for (const line of serverHealthLines(webhooks)) console.log(line);
    const done = await only("webhooks", { webhooks }, webhooks.result.ok && webhooks.reloads === 0);
    if (done !== null) return done;
  }
  let helpCenter: Awaited<ReturnType<typeof helpCenterPhase>> | null = null;
  if (runs("helpcenter")) {
    const m = machine();
    helpCenter = await helpCenterPhase();
    console.log(heading("Help center", m));
    console.log(formatHelpCenterBench(helpCenter.result));
    for (const line of serverHealthLines(helpCenter)) console.log(line);
    const done = await only("helpcenter", { helpCenter }, helpCenter.reloads === 0);
    if (done !== null) return done;
  }
  const m = machine();
  const chat = await chatPhase();
  console.log(formatChatBench(m, chat.result, chat, chat.floor, { listeners: args.listeners, flushMs: args["flush-ms"] }));
  const { result, floor, trouble, reloads } = chat;
  if (args.json) await writeFile(args.json, JSON.stringify({ machine: m, ...result, floor, widget, console: consoleLoad, channels, queue, webhooks, helpCenter, serverTrouble: trouble, reloads }, null, 2));
  return result.integrity.ok && reloads === 0 && (channels === null || channelsOk(channels)) && (queue === null || queue.result.burst.invariants.ok) && (webhooks === null || webhooks.result.ok) ? 0 : 1;
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
