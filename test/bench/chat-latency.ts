/**
 * Chat latency and throughput against a running Switchboard.
 *
 * N conversations, each with one customer socket (widget: `/api/v1/widget/ws`) and one
 * agent socket (console: `/api/v1/conversations/:id/ws`), all on loopback.
 *
 * 1. Latency: messages spread over the conversations at a moderate, fixed rate,
 *    alternating customer → agent and agent → customer. Latency is the time from the
 *    sender's `send` frame to the matching `event` frame on the other side's socket;
 *    the sender's `ack` time is recorded too.
 * 2. Paced: every customer sends `pacedRate` messages per second (spread evenly) for
 *    `pacedMs`, the shape of a busy contact centre; send → agent latency, completions per
 *    second and, with the live list watched, projection lag (see projection-lag.ts).
 * 3. Throughput: every agent keeps `window` sends in flight (a new one on each ack)
 *    for a fixed duration. A message counts once it is both acked to the agent and
 *    delivered to the customer's socket. Agents, because a customer's sends are limited
 *    by design (worker/conversation/send-limiter.ts: a burst of 20, then 1/s): once the
 *    rooms are fast enough, customers at full speed measure that limit, not the system.
 *
 * Integrity, checked on every frame: each socket's event seqs are gapless and in order;
 * no clientId is acked twice with different seqs; every message is acked, echoed to its
 * sender and delivered to the other side exactly once, all under the same seq and with
 * the body that was sent; the room's stored lastSeq (HTTP history) matches the sockets.
 */
import WebSocket from "ws";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { api, createVisitor, createWebchatInbox, mapLimit, ownerSession, widgetSocketUrl } from "./api.ts";
import { summarize, type Summary } from "./stats.ts";
import { ChatLedger, settled, type Conversation, type Role, type Sent } from "./chat-ledger.ts";
import { LiveListWatcher, pipelineCounters, type PipelineCounters } from "./projection-lag.ts";

export interface ChatBenchOptions {
  /** Conversations, each with one customer and one agent socket. */
  conversations: number;
  /** Messages in the latency phase, half each way. */
  latencyMessages: number;
  /** Send rate of the latency phase, messages per second over all conversations. */
  latencyRate: number;
  /** Sends each customer keeps in flight during the throughput phase. */
  window: number;
  /** Length of the throughput phase. */
  throughputMs: number;
  /** Message body length in characters. */
  bodyChars: number;
  /** Messages per second each customer sends in the paced phase, and its length. */
  pacedRate: number;
  pacedMs: number;
  /** Measure the D1 projection and the live list (false for the relay floor, which has neither). */
  pipeline: boolean;
  log: (line: string) => void;
  /** The server's CPU time so far (ms), to report CPU per message; null when unknown. */
  cpuMs?: () => number | null;
}

export const DEFAULT_OPTIONS: ChatBenchOptions = {
  conversations: 200,
  latencyMessages: 2_000,
  latencyRate: 100,
  window: 4,
  throughputMs: 10_000,
  bodyChars: 80,
  pacedRate: 1,
  pacedMs: 15_000,
  pipeline: true,
  log: () => {},
};

export interface ChatBenchResult {
  options: Omit<ChatBenchOptions, "log">;
  setup: { sessionsMs: number; socketsMs: number; sockets: number; connect: Summary };
  latency: {
    durationMs: number;
    customerToAgent: Summary;
    agentToCustomer: Summary;
    all: Summary;
    ack: Summary;
    /** Event-loop delay of this (client) process during the phase: the measuring error. */
    clientLoopDelayP99Ms: number;
  };
  paced: {
    durationMs: number;
    sent: number;
    /** Messages delivered to the agent in each whole second of the phase. */
    series: number[];
    delivery: Summary;
    ack: Summary;
    /** Ack → the live list showing it (null without the pipeline). */
    lag: Summary | null;
    /** Messages the live list had not shown 10 s after the phase. */
    lagUnseen: number;
    /** The server's (workerd's) CPU time per message sent in the phase, ms. */
    cpuMsPerMessage: number | null;
    /** The Projector's counters over the phase: D1 statements and rows per message. */
    pipeline: (PipelineCounters & { perMessage: { statements: number; rowsWritten: number } }) | null;
  };
  throughput: {
    durationMs: number;
    sent: number;
    completed: number;
    perSecond: number;
    /** Completed messages in each whole second of the phase. */
    series: number[];
    delivery: Summary;
    ack: Summary;
    /** The server's CPU time per completed message in the window, ms. */
    cpuMsPerMessage: number | null;
  };
  /** Time after the last ack until D1 (the conversation list) showed every room's lastSeq. */
  projection: { caughtUpMs: number | null; behind: number };
  integrity: { ok: boolean; failures: string[]; totalFailures: number; duplicateAcks: number; checkedMessages: number };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/** lastSeq of each conversation of the inbox as D1 has it (the console's list), or null
 * when the list could not be read. */
async function projectedLastSeqs(baseUrl: string, cookie: string, inboxId: string): Promise<Map<string, number> | null> {
  const seen = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const query: string = `inbox=${inboxId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await api(baseUrl, `/api/v1/conversations?${query}`, { cookie });
    if (res.status !== 200) return null;
    for (const c of res.body.conversations as Array<{ id: string; lastSeq: number }>) seen.set(c.id, c.lastSeq);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}


/** Starts a CPU stopwatch on `cpuMs`; calling the result gives the ms used since. */
function cpuMeter(cpuMs: (() => number | null) | undefined): () => number | null {
  const start = cpuMs?.() ?? null;
  return () => {
    const now = cpuMs?.() ?? null;
    return start === null || now === null ? null : now - start;
  };
}

export async function runChatBench(baseUrl: string, partial: Partial<ChatBenchOptions> = {}): Promise<ChatBenchResult> {
  const opts: ChatBenchOptions = { ...DEFAULT_OPTIONS, ...partial };
  const { log } = opts;
  const wsBase = baseUrl.replace(/^http/, "ws");

  const ledger = new ChatLedger(opts.bodyChars);
  const { hooks } = ledger;
  const send = ledger.send.bind(ledger);
  const fail = ledger.fail.bind(ledger);

  // --- setup ----------------------------------------------------------------------------
  let t0 = performance.now();
  const cookie = await ownerSession(baseUrl);
  const inbox = await createWebchatInbox(baseUrl, cookie, `Bench ${new Date().toISOString()}`);
  const visitors = await mapLimit(Array.from({ length: opts.conversations }), 16, () => createVisitor(baseUrl, inbox.publicKey));
  const sessionsMs = performance.now() - t0;
  log(`${visitors.length} visitor sessions in ${(sessionsMs / 1000).toFixed(1)} s`);

  const convs: Conversation[] = visitors.map((v, index) => ({ index, id: v.conversationId, token: v.token, customer: null as never, agent: null as never, sent: 0 }));
  t0 = performance.now();
  const connectTimes = await mapLimit(convs, 16, async (conv) => [
    await ledger.openSide(conv, "customer", await widgetSocketUrl(baseUrl, conv.token), {}),
    // Browsers send Origin on every handshake; the console's socket is same-origin.
    await ledger.openSide(conv, "agent", `${wsBase}/api/v1/conversations/${conv.id}/ws?after=0`, { Cookie: cookie, Origin: baseUrl }),
  ]);
  const socketsMs = performance.now() - t0;
  log(`${convs.length * 2} sockets open in ${(socketsMs / 1000).toFixed(1)} s`);

  // --- 1. latency ------------------------------------------------------------------------
  log(`latency: ${opts.latencyMessages} messages at ${opts.latencyRate}/s`);
  const latencySent: Sent[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  t0 = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(opts.latencyMessages, Math.floor(((performance.now() - t0) * opts.latencyRate) / 1000) + 1);
      while (latencySent.length < due) {
        const i = latencySent.length;
        const conv = convs[i % convs.length]!;
        // Round by round, so each conversation alternates direction.
        const from: Role = Math.floor(i / convs.length) % 2 === 0 ? "customer" : "agent";
        latencySent.push(send(conv, from, "latency"));
      }
      if (latencySent.length >= opts.latencyMessages) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  await waitUntil(() => latencySent.every(settled), 15_000);
  loopDelay.disable();
  const latencyMs = performance.now() - t0;
  const deliveryOf = (list: Sent[]) => list.filter((s) => s.deliveredAt !== null).map((s) => s.deliveredAt! - s.sentAt);
  const latency = {
    durationMs: latencyMs,
    customerToAgent: summarize(deliveryOf(latencySent.filter((s) => s.from === "customer"))),
    agentToCustomer: summarize(deliveryOf(latencySent.filter((s) => s.from === "agent"))),
    all: summarize(deliveryOf(latencySent)),
    ack: summarize(latencySent.filter((s) => s.ackAt !== null).map((s) => s.ackAt! - s.sentAt)),
    clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
  log(`latency done in ${(latencyMs / 1000).toFixed(1)} s`);

  // --- 2. paced ---------------------------------------------------------------------------
  const watcher = new LiveListWatcher();
  if (opts.pipeline) await watcher.open(wsBase, cookie, baseUrl);
  const pacedTotal = Math.round((convs.length * opts.pacedRate * opts.pacedMs) / 1000);
  log(`paced: ${convs.length} customers × ${opts.pacedRate}/s for ${opts.pacedMs / 1000} s (${pacedTotal} messages)`);
  const before = opts.pipeline ? await pipelineCounters(baseUrl) : null;
  const pacedCpu = cpuMeter(opts.cpuMs);
  const pacedSent: Sent[] = [];
  t0 = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(pacedTotal, Math.floor(((performance.now() - t0) * convs.length * opts.pacedRate) / 1000) + 1);
      // Conversation by conversation, so each customer sends once per 1/pacedRate s.
      while (pacedSent.length < due) pacedSent.push(send(convs[pacedSent.length % convs.length]!, "customer", "latency"));
      if (pacedSent.length >= pacedTotal) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  await waitUntil(() => pacedSent.every(settled), 15_000);
  // Counted once every message is delivered, before the lag wait below; the pipeline may
  // still be flushing the last batch (~100 ms of 15 s).
  const pacedCpuMs = pacedCpu();
  const pacedSeries = new Array<number>(Math.ceil(opts.pacedMs / 1000)).fill(0);
  for (const s of pacedSent) {
    if (s.deliveredAt === null) continue;
    const second = Math.floor((s.deliveredAt - t0) / 1000);
    if (second < pacedSeries.length) pacedSeries[second]!++;
  }
  let lag: Summary | null = null;
  let lagUnseen = 0;
  let pipeline: ChatBenchResult["paced"]["pipeline"] = null;
  if (opts.pipeline) {
    await waitUntil(() => watcher.lags(pacedSent).unseen === 0, 10_000);
    const seen = watcher.lags(pacedSent);
    lag = summarize(seen.lags);
    lagUnseen = seen.unseen;
    const after = await pipelineCounters(baseUrl);
    if (before && after) {
      const messages = Math.max(1, after.messages - before.messages);
      pipeline = {
        ...after,
        batches: after.batches - before.batches,
        events: after.events - before.events,
        messages: after.messages - before.messages,
        d1Statements: after.d1Statements - before.d1Statements,
        d1RowsWritten: after.d1RowsWritten - before.d1RowsWritten,
        perMessage: { statements: (after.d1Statements - before.d1Statements) / messages, rowsWritten: (after.d1RowsWritten - before.d1RowsWritten) / messages },
      };
    }
  }
  watcher.close();
  const paced = {
    durationMs: performance.now() - t0,
    sent: pacedSent.length,
    series: pacedSeries,
    delivery: summarize(pacedSent.filter((s) => s.deliveredAt !== null).map((s) => s.deliveredAt! - s.sentAt)),
    ack: summarize(pacedSent.filter((s) => s.ackAt !== null).map((s) => s.ackAt! - s.sentAt)),
    lag,
    lagUnseen,
    cpuMsPerMessage: pacedCpuMs === null ? null : pacedCpuMs / Math.max(1, pacedSent.length),
    pipeline,
  };
  log(`paced done: p50 ${paced.delivery.p50.toFixed(1)} ms${lag ? `, projection lag p99 ${lag.p99.toFixed(0)} ms` : ""}`);

  // --- 3. throughput ---------------------------------------------------------------------
  log(`throughput: ${convs.length} agents × window ${opts.window} for ${opts.throughputMs / 1000} s`);
  const throughputSent: Sent[] = [];
  const series = new Array<number>(Math.ceil(opts.throughputMs / 1000)).fill(0);
  let completed = 0;
  let sending = true;
  const throughputCpu = cpuMeter(opts.cpuMs);
  const tStart = performance.now();
  const tEnd = tStart + opts.throughputMs;
  hooks.onAck = (s) => {
    if (s.phase === "throughput" && sending && performance.now() < tEnd) throughputSent.push(send(s.conv, "agent", "throughput"));
  };
  hooks.onSettled = (s) => {
    if (s.phase !== "throughput") return;
    const done = Math.max(s.ackAt!, s.deliveredAt!);
    if (done < tEnd) {
      completed++;
      series[Math.floor((done - tStart) / 1000)]!++;
    }
  };
  for (const conv of convs) for (let k = 0; k < opts.window; k++) throughputSent.push(send(conv, "agent", "throughput"));
  await sleep(opts.throughputMs);
  sending = false;
  const throughputCpuMs = throughputCpu();
  const drained = await waitUntil(() => throughputSent.every(settled), 15_000);
  const tDrained = performance.now();
  log(`throughput done: ${completed} messages in the window${drained ? "" : " (in-flight messages did not all settle)"}`);
  const throughputDone = throughputSent.filter(settled);
  const throughput = {
    durationMs: opts.throughputMs,
    sent: throughputSent.length,
    completed,
    perSecond: completed / (opts.throughputMs / 1000),
    series,
    delivery: summarize(throughputDone.map((s) => s.deliveredAt! - s.sentAt)),
    ack: summarize(throughputDone.map((s) => s.ackAt! - s.sentAt)),
    cpuMsPerMessage: throughputCpuMs === null ? null : throughputCpuMs / Math.max(1, completed),
  };

  // --- integrity -------------------------------------------------------------------------
  await sleep(200); // late duplicates, if any, would arrive now
  ledger.checkCompleteness(convs);
  // The room's own view, over HTTP: nothing stored after what the sockets saw.
  await mapLimit(convs, 16, async (conv) => {
    const res = await api(baseUrl, `/api/v1/conversations/${conv.id}/messages?after=${conv.agent.lastSeq}&limit=1`, { cookie });
    if (res.status !== 200) fail(`conversation ${conv.index}: history ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (res.body.lastSeq !== conv.agent.lastSeq || res.body.events.length !== 0) {
      fail(`conversation ${conv.index}: room lastSeq ${res.body.lastSeq}, sockets saw up to ${conv.agent.lastSeq}`);
    }
  });

  // --- D1 projection catch-up (informational) -------------------------------------------
  const want = new Map(opts.pipeline ? convs.map((c) => [c.id, c.agent.lastSeq]) : []);
  let behind = convs.length;
  let caughtUpMs: number | null = null;
  while (performance.now() - tDrained < 30_000) {
    const seen = await projectedLastSeqs(baseUrl, cookie, inbox.id);
    if (seen) {
      behind = [...want].filter(([id, seq]) => (seen.get(id) ?? -1) < seq).length;
      if (behind === 0) {
        caughtUpMs = performance.now() - tDrained;
        break;
      }
    }
    await sleep(250);
  }

  ledger.closing = true;
  await Promise.all(
    convs.flatMap((c) => [c.customer.ws, c.agent.ws]).map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 3_000);
          ws.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1000, "bench done");
        }),
    ),
  );

  const { log: _log, cpuMs: _cpu, ...shown } = opts;
  return {
    options: shown,
    setup: { sessionsMs, socketsMs, sockets: convs.length * 2, connect: summarize(connectTimes.flat()) },
    latency,
    paced,
    throughput,
    projection: { caughtUpMs, behind },
    integrity: ledger.summary(),
  };
}
