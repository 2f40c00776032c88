/**
 * @module The channel benchmark (`npm run bench -- --only channels`): signed provider
 * webhooks (WhatsApp Cloud API, Telegram, Twilio SMS: ./webhook-channels.ts) into a
 * running Switchboard (or the bare floor, same client), one provider at a time.
 *
 * 1. Sustained: `contacts` distinct customers; deliveries offered at `rate` per second
 *    for `seconds`, round-robin over the customers (one text message each), at most
 *    `maxInFlight` in flight (a provider's sender is bounded too). Reported: offered vs
 *    answered-200 per second, throughput, and the time to the 200 (request sent → 200)
 *    beside the time from when it was due (includes the wait for a free slot: the backlog
 *    a slow receiver causes at the sender).
 * 2. Burst into one conversation, `burst` messages with increasing provider timestamps
 *    and their index in the text, each way to its own customer:
 *    - concurrent: all deliveries at once;
 *    - back-to-back: each sent when the previous one got its 200;
 *    - batched (providers that batch: WhatsApp): one delivery carrying all of them.
 *    A channel that threads by reply headers (e-mail) first sends each burst's thread
 *    root, the mail the burst's messages answer (not timed with the burst).
 *
 * What "in order" means (checked by ./channel-integrity.ts on Switchboard, not on the
 * floor): the room numbers messages in the order it stores them. When delivery j was
 * sent after delivery i's 200 came back, i is stored and j cannot overtake it: seq(i) <
 * seq(j) is required (this covers the back-to-back burst and each customer's messages in
 * phase 1, sent seconds apart). Within one batched delivery, the provider's order is
 * kept exactly. Concurrent deliveries have no order between them on the wire — no
 * provider promises to deliver webhooks in order — so there the check is exactly-once
 * (all 50, no duplicate) plus each message's provider timestamp stored intact, and the
 * number of pairs stored out of provider-timestamp order is printed for information.
 */
import { performance } from "node:perf_hooks";
import { api, ownerSession } from "./api.ts";
import { summarize, type Summary } from "./stats.ts";
import type { BenchMessage, WebhookChannel } from "./webhook-channels.ts";
import { allAtOnce, failuresOf, offeredLoad, oneAfterAnother, type Shot } from "./webhook-load.ts";
import { checkChannelIntegrity, type ChannelIntegrity, type SentMessage } from "./channel-integrity.ts";

export interface ChannelBenchOptions {
  contacts: number;
  /** Offered deliveries per second in phase 1, and for how long. */
  rate: number;
  seconds: number;
  maxInFlight: number;
  /** Messages in each burst of phase 2. */
  burst: number;
  /** Check what got stored (Switchboard only: the floor keeps no conversations). */
  verify: boolean;
  log: (line: string) => void;
  /** The server's CPU time so far (ms); null when unknown. */
  cpuMs?: () => number | null;
}

export const CHANNEL_DEFAULTS = { contacts: 500, rate: 100, seconds: 10, maxInFlight: 32, burst: 50 };

export interface BurstResult {
  shots: number;
  failures: Record<string, number>;
  /** Request sent → 200, per delivery. */
  toOk: Summary;
  /** First request sent → last answer. */
  wallMs: number;
}

export interface ChannelBenchResult {
  channel: { key: WebhookChannel["key"]; name: string; signing: string };
  options: Omit<ChannelBenchOptions, "log" | "cpuMs">;
  sustained: {
    sent: number;
    ok: number;
    failures: Record<string, number>;
    /** First request → last answer. */
    durationMs: number;
    /** 200s per second over `durationMs`. */
    perSecond: number;
    offeredSeries: number[];
    completedSeries: number[];
    /** Request sent → 200. */
    toOk: Summary;
    /** The same, split: a customer's first message (finds or creates the contact, the
     * conversation and its Durable Object) and the later ones (all of that exists). */
    toOkFirst: Summary;
    toOkLater: Summary;
    /** When the schedule wanted it sent → 200 (includes the wait for a free slot). */
    dueToOk: Summary;
    cpuMsPerDelivery: number | null;
  };
  /** `batched` is null for providers that deliver one message per request. */
  burst: { concurrent: BurstResult; sequential: BurstResult; batched: BurstResult | null };
  integrity: ChannelIntegrity | null;
}

function cpuMeter(cpuMs: (() => number | null) | undefined): () => number | null {
  const start = cpuMs?.() ?? null;
  return () => {
    const now = cpuMs?.() ?? null;
    return start === null || now === null ? null : now - start;
  };
}

function burstResult(shots: Shot[]): BurstResult {
  const ok = shots.filter((s) => s.status === 200);
  return {
    shots: shots.length,
    failures: failuresOf(shots),
    toOk: summarize(ok.map((s) => s.doneAt - s.startedAt)),
    wallMs: Math.max(...shots.map((s) => s.doneAt)) - Math.min(...shots.map((s) => s.startedAt)),
  };
}

export async function runChannelBench(baseUrl: string, channel: WebhookChannel, opts: ChannelBenchOptions & { webhookSecret?: (webhookUrl: string) => string | null }): Promise<ChannelBenchResult> {
  const { log } = opts;
  const who = `channels/${channel.key}`;
  const cookie = await ownerSession(baseUrl);
  const inbox = await channel.open(baseUrl, cookie, !opts.verify, opts.webhookSecret ?? (() => null));
  const post = (messages: BenchMessage[]) => inbox.post(messages);
  // Provider timestamps (Unix seconds): increasing in the order each customer sends.
  const epoch = Math.floor(Date.now() / 1000) - 3_600;
  const run = Date.now().toString(36);

  // --- 1. sustained, distinct customers -----------------------------------------------
  const total = Math.max(opts.contacts, Math.round(opts.rate * opts.seconds));
  log(`${who}: ${total} signed webhooks from ${opts.contacts} customers offered at ${opts.rate}/s, ≤ ${opts.maxInFlight} in flight`);
  const sustainedMessages = Array.from({ length: total }, (_, n) => {
    const c = n % opts.contacts;
    const k = Math.floor(n / opts.contacts);
    return channel.message(run, { customer: c, name: `Bench customer ${c}`, tag: "p1", k, timestamp: epoch + Math.floor(n / opts.rate), body: `[bench p1 c${c} m${k}] Olá, preciso de ajuda com o pedido ${1000 + n}` });
  });
  const cpu = cpuMeter(opts.cpuMs);
  const load = await offeredLoad(total, opts.rate, opts.maxInFlight, (n) => post([sustainedMessages[n]!]));
  const cpuUsed = cpu();
  const ok = load.shots.filter((s) => s.status === 200);
  const durationMs = Math.max(...load.shots.map((s) => s.doneAt)) - load.startedAt;
  const sustained = {
    sent: load.shots.length,
    ok: ok.length,
    failures: failuresOf(load.shots),
    durationMs,
    perSecond: ok.length / (durationMs / 1000),
    offeredSeries: load.offeredSeries,
    completedSeries: load.completedSeries,
    toOk: summarize(ok.map((s) => s.doneAt - s.startedAt)),
    toOkFirst: summarize(ok.filter((s) => s.index < opts.contacts).map((s) => s.doneAt - s.startedAt)),
    toOkLater: summarize(ok.filter((s) => s.index >= opts.contacts).map((s) => s.doneAt - s.startedAt)),
    dueToOk: summarize(ok.map((s) => s.doneAt - s.dueAt)),
    cpuMsPerDelivery: cpuUsed === null ? null : cpuUsed / Math.max(1, ok.length),
  };
  log(`${who}: ${ok.length}/${total} answered 200 in ${(durationMs / 1000).toFixed(1)} s (${sustained.perSecond.toFixed(0)}/s), p50 ${sustained.toOk.p50.toFixed(1)} ms, p99 ${sustained.toOk.p99.toFixed(1)} ms`);

  // --- 2. bursts into one conversation ----------------------------------------------
  // A channel that threads by reply headers (e-mail) gets each burst's thread root first:
  // message k = 0, which the burst's messages (k = 1…burst) answer.
  const first = channel.threadRoot ? 1 : 0;
  const burstMessages = (mode: string, customer: number): BenchMessage[] =>
    Array.from({ length: opts.burst }, (_, n) => {
      const i = n + first;
      return channel.message(run, { customer, name: `Bench burst ${mode}`, tag: mode, k: i, timestamp: epoch + 600 + i, body: `[bench ${mode} i${i}] mensagem ${i + 1} de ${opts.burst + first}` });
    });
  const concurrentMessages = burstMessages("concurrent", opts.contacts);
  const sequentialMessages = burstMessages("sequential", opts.contacts + 1);
  const batchedMessages = channel.batches ? burstMessages("batched", opts.contacts + 2) : [];
  const roots = channel.threadRoot
    ? (["concurrent", "sequential"] as const).map((mode, j) => channel.message(run, { customer: opts.contacts + j, name: `Bench burst ${mode}`, tag: mode, k: 0, timestamp: epoch + 600, body: `[bench ${mode} i0] mensagem 1 de ${opts.burst + 1}` }))
    : [];
  const rootShots = await oneAfterAnother(roots.length, (i) => post([roots[i]!]));
  // Threading reads the Message-IDs D1 holds, a projection that trails the room by a
  // moment; a person's reply comes later than that, so the roots get a second to land.
  if (roots.length > 0) await new Promise((r) => setTimeout(r, 1_000));
  log(`${who}: burst of ${opts.burst} into one conversation: concurrent, back-to-back${channel.batches ? ", one batched delivery" : ""}${roots.length ? " (each answering a first mail sent before)" : ""}`);
  const concurrentShots = await allAtOnce(opts.burst, (i) => post([concurrentMessages[i]!]));
  const sequentialShots = await oneAfterAnother(opts.burst, (i) => post([sequentialMessages[i]!]));
  const batchedShots = channel.batches ? await oneAfterAnother(1, () => post(batchedMessages)) : [];
  const burst = { concurrent: burstResult(concurrentShots), sequential: burstResult(sequentialShots), batched: channel.batches ? burstResult(batchedShots) : null };

  // --- integrity ----------------------------------------------------------------------
  let integrity: ChannelIntegrity | null = null;
  if (opts.verify) {
    log(`${who}: reading every conversation back through the API`);
    const sent: SentMessage[] = [
      ...roots.map((m, j) => ({ customer: j === 0 ? "concurrent" : "sequential", message: m, shot: rootShots[j]!, order: "happens-before" as const })),
      ...sustainedMessages.map((m, n) => ({ customer: `c${n % opts.contacts}`, message: m, shot: load.shots[n]!, order: "happens-before" as const })),
      ...concurrentMessages.map((m, i) => ({ customer: "concurrent", message: m, shot: concurrentShots[i]!, order: "none" as const })),
      ...sequentialMessages.map((m, i) => ({ customer: "sequential", message: m, shot: sequentialShots[i]!, order: "happens-before" as const })),
      ...batchedMessages.map((m) => ({ customer: "batched", message: m, shot: batchedShots[0]!, order: "exact" as const })),
    ];
    const t0 = performance.now();
    integrity = await checkChannelIntegrity(baseUrl, cookie, inbox.inboxId, sent);
    log(`${who}: integrity ${integrity.ok ? "ok" : "FAILED"} (${integrity.messages} messages in ${integrity.conversations} conversations, read in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const { log: _log, cpuMs: _cpu, webhookSecret: _secret, ...shown } = opts;
  return { channel: { key: channel.key, name: channel.name, signing: channel.signing }, options: shown, sustained, burst, integrity };
}
