/**
 * @module Projector: the Durable Object that coalesces what rooms store into batches
 * across conversations and runs them through the pipeline's listeners (./listeners).
 *
 * A room hands over its unprojected events with one RPC (`accept`), which resolves once
 * the batch that carried them has passed every `committed` listener (D1 has them) and
 * rejects if it did not. The room keeps the events in its durable outbox until then, so
 * the room stays the only place an event must be durable: this object holds batches in
 * memory and writes nothing of its own, and an eviction, a crash or a D1 failure only
 * makes the rooms' handoffs fail, which their alarms retry with backoff.
 *
 * Batching is a group commit: a handoff to an idle Projector flushes at once; while a
 * flush runs, or until FLUSH_INTERVAL_MS after the previous one began (unless a full
 * batch waits), handoffs from any number of rooms gather into the next batch — one D1
 * batch and one live-list publish per team. A quiet system projects in milliseconds, a
 * busy one in batches.
 *
 * Why a Durable Object and not Cloudflare Queues: see README, "Message path".
 */
import { DurableObject } from "cloudflare:workers";
import type { ConversationEvent } from "../protocol";
import type { RoomState } from "../conversation/commands";
import type { Env } from "../env";
import { dispatch } from "./dispatcher";
import { LISTENERS } from "./listeners";
import type { PipelineListener, RoomEvents } from "./types";
import { PipelineStats, type PipelineStatsSnapshot } from "./stats";

/** The shortest time between two flushes' starts, unless a full batch waits (then it
 * goes at once). At 200 messages/s this makes batches of ~50; the projection lag it adds
 * is at most one interval plus the D1 write. Measured for issue 10 (README, "Chat, issue
 * 10's third pass"): against 100 ms, a flush's fixed costs (two D1 round trips, a
 * TeamQueue request per team) are paid 2.5× less often: the pipeline's time at 200
 * messages/s fell from 5.5–5.8 to 3.1–3.8 s of 15 s; lag p99 ~270 ms (target 2 s). */
export const FLUSH_INTERVAL_MS = 250;
/** A batch's size limit, in events. D1 runs a batch as one transaction and counts each
 * statement against the per-invocation query limit (1,000 on Workers Paid,
 * https://developers.cloudflare.com/d1/platform/limits/); since issue 10 a batch's
 * messages and conversations are one statement each (worker/db/projection.ts), so the
 * limit that matters is time: small batches keep one transaction from holding D1's
 * single writer (and, locally, workerd's one thread) long enough to stall live traffic:
 * with 400 the sustained benchmark showed whole seconds without a delivery. A full batch
 * flushes without waiting for the interval, so this caps a batch, not the rate. A bigger
 * handoff (a room's backlog after an outage, up to 200 events,
 * worker/conversation/outbox.ts) goes alone in its batch. */
const MAX_EVENTS = 100;

interface Handoff extends RoomEvents {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class Projector extends DurableObject<Env> {
  private waiting: Handoff[] = [];
  /** Events in `waiting`. */
  private waitingEvents = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The pending timer fires at once (a full batch waits). */
  private timerImmediate = false;
  /** `holdFlushesUntil`'s time: not even a full batch flushes before it. */
  private heldUntil = 0;
  private flushing = false;
  private lastFlushAt = 0;
  private readonly stats = new PipelineStats();
  /** The listeners, in order (./listeners/index.ts). */
  listeners: readonly PipelineListener[] = LISTENERS;
  /** FLUSH_INTERVAL_MS; the benchmark's `--flush-ms` experiment sets another. */
  flushIntervalMs = FLUSH_INTERVAL_MS;
  /** Handoffs accepted, and those whose batch is over (committed or failed): batches take
   * handoffs in arrival order, so the finished ones are always the oldest. */
  private accepted = 0;
  private finished = 0;
  private fences: Array<{ through: number; resolve: () => void }> = [];

  /** A room's handoff: resolves once D1 has `events` (and `state`), rejects if not. */
  accept(state: RoomState, events: ConversationEvent[]): Promise<void> {
    this.accepted++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ state, events, resolve, reject });
      this.waitingEvents += events.length;
      this.schedule();
    });
  }

  /** Resolves once every handoff accepted before this call is through its batch
   * (committed with its listeners run, or failed). An erasure (worker/rights) calls it after
   * rewriting the rooms and before rewriting D1 and the webhook outboxes, so a batch that
   * still carries text from before the erasure cannot land after those rewrites. */
  async fence(): Promise<void> {
    if (this.finished >= this.accepted) return;
    await new Promise<void>((resolve) => this.fences.push({ through: this.accepted, resolve }));
  }

  /** Counters since this object started, for the benchmark. */
  async pipelineStats(): Promise<PipelineStatsSnapshot> {
    return this.stats.snapshot(this.waitingEvents);
  }

  /** Holds flushes until `until` (ms since the epoch); tests use it to catch a batch in
   * flight. */
  async holdFlushesUntil(until: number): Promise<void> {
    this.lastFlushAt = until - this.flushIntervalMs;
    this.heldUntil = until;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing || this.waiting.length === 0) return;
    // A full batch does not wait for the interval: under a sustained load the interval
    // would otherwise cap projection at MAX_EVENTS events per interval.
    const now = Date.now();
    const full = this.waitingEvents >= MAX_EVENTS && now >= this.heldUntil;
    if (this.timer !== null) {
      if (!full || this.timerImmediate) return;
      clearTimeout(this.timer);
    }
    const delay = full ? 0 : Math.max(0, this.lastFlushAt + this.flushIntervalMs - now);
    this.timerImmediate = delay === 0;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    this.lastFlushAt = Date.now();
    const taken = this.take();
    try {
      if (!(await this.run(taken)) && new Set(taken.map((h) => h.state.id)).size > 1) {
        // One conversation D1 refuses (a constraint, a row it cannot take) must not hold
        // back every other room in the batch: retry conversation by conversation, so only
        // the handoffs of the one that fails again are refused.
        const byConversation = new Map<string, Handoff[]>();
        for (const h of taken) byConversation.set(h.state.id, [...(byConversation.get(h.state.id) ?? []), h]);
        for (const handoffs of byConversation.values()) await this.run(handoffs);
      }
    } finally {
      this.finished += taken.length;
      this.fences = this.fences.filter((f) => (f.through <= this.finished ? (f.resolve(), false) : true));
      this.flushing = false;
      this.schedule();
    }
  }

  /** One batch through the listeners; settles its handoffs; false when it failed. */
  private async run(handoffs: Handoff[]): Promise<boolean> {
    const started = Date.now();
    const batch = { conversations: merge(handoffs), at: started };
    try {
      const report = await dispatch(batch, this.listeners, this.env, () => {
        for (const h of handoffs) h.resolve();
      });
      this.stats.record(batch, report, Date.now(), Date.now() - started);
      return true;
    } catch (err) {
      console.warn(JSON.stringify({ msg: "pipeline batch failed", conversations: batch.conversations.length, error: String(err) }));
      const split = new Set(handoffs.map((h) => h.state.id)).size > 1;
      if (!split) for (const h of handoffs) h.reject(err);
      return false;
    }
  }

  /** The oldest handoffs, up to MAX_EVENTS events (always at least one handoff). */
  private take(): Handoff[] {
    let events = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || events + this.waiting[n]!.events.length <= MAX_EVENTS)) events += this.waiting[n++]!.events.length;
    this.waitingEvents -= events;
    return this.waiting.splice(0, n);
  }
}

/** One entry per conversation: the newest state, and every event once, in seq order
 * (a room whose earlier handoff failed may hand the same events over again). */
function merge(handoffs: readonly RoomEvents[]): RoomEvents[] {
  const byConversation = new Map<string, { state: RoomState; events: Map<number, ConversationEvent> }>();
  for (const { state, events } of handoffs) {
    const entry = byConversation.get(state.id) ?? { state, events: new Map() };
    if (state.lastSeq > entry.state.lastSeq) entry.state = state;
    for (const e of events) entry.events.set(e.seq, e);
    byConversation.set(state.id, entry);
  }
  return [...byConversation.values()].map(({ state, events }) => ({ state, events: [...events.values()].sort((a, b) => a.seq - b.seq) }));
}
