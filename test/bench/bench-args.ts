/**
 * @module `npm run bench`'s command line (documented in run.ts), the run's progress log
 * and the machine it ran on: shared by every phase.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_OPTIONS } from "./chat-latency.ts";
import { CHANNEL_DEFAULTS } from "./channel-webhooks.ts";
import { QUEUE_LIST_DEFAULTS } from "./queue-list.ts";
import { QUEUE_BURST_DEFAULTS } from "./queue-burst.ts";
import { WEBHOOK_FANOUT_DEFAULTS } from "./webhook-fanout.ts";
import { HELPCENTER_DEFAULTS } from "./helpcenter.ts";
import { CHANNEL_KEYS } from "./webhook-channels.ts";

export const { values: args } = parseArgs({
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

export function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return n;
}

const started = Date.now();
export const progress = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

export type Machine = ReturnType<typeof machine>;

export function machine() {
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
