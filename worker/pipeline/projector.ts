/**
 * @module Projector: the Durable Object that coalesces what rooms store into batches
 * across conversations and runs them through the pipeline's listeners (./listeners).
 *
 * A room hands over its new events with one RPC (`accept`); they are written to this
 * object's SQLite before the call returns, so the room can forget them. A handoff arms
 * an alarm that flushes at once when the pipeline was idle, or FLUSH_INTERVAL_MS after the
 * previous flush began when it is busy; everything that arrives meanwhile — from any
 * number of rooms — becomes one D1 batch and one live-list publish per team. So a quiet
 * system projects in milliseconds and a busy one in batches. A failed flush keeps the batch and retries it with backoff; the alarm is durable,
 * so an eviction or a restart resumes where it stopped.
 *
 * Why a Durable Object and not Cloudflare Queues: see README, "Message path".
 */
import { DurableObject } from "cloudflare:workers";
import type { ConversationEvent } from "../protocol";
import type { RoomState } from "../conversation/commands";
import type { Env } from "../env";
import { PipelineBuffer } from "./buffer";
import { dispatch } from "./dispatcher";
import { LISTENERS } from "./listeners";
import type { PipelineListener } from "./types";
import { PipelineStats, type PipelineStatsSnapshot } from "./stats";

/** The shortest time between two flushes' starts. At 200 messages/s this makes batches
 * of ~20; the projection lag it adds is at most one interval plus the D1 write. */
export const FLUSH_INTERVAL_MS = 100;
/** A batch's size limits. D1 runs a batch as one transaction and counts each statement
 * against the per-invocation query limit (1,000 on Workers Paid,
 * https://developers.cloudflare.com/d1/platform/limits/); 100 conversations and 400
 * events make at most ~160 statements (8 message rows per insert, one update per
 * conversation, one read mark per agent who wrote). */
const MAX_CONVERSATIONS = 100;
const MAX_EVENTS = 400;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 60_000;

export class Projector extends DurableObject<Env> {
  private readonly buffer: PipelineBuffer;
  private readonly stats = new PipelineStats();
  private failures = 0;
  /** When the last flush began (memory only: after a restart the first flush runs at once). */
  private lastFlushAt = 0;
  /** Listeners; tests may swap them through `runInDurableObject`. */
  listeners: readonly PipelineListener[] = LISTENERS;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.buffer = new PipelineBuffer(ctx.storage);
  }

  /** A room's handoff: durable once this returns. */
  async accept(state: RoomState, events: ConversationEvent[]): Promise<void> {
    this.buffer.add(state, events, Date.now());
    // One alarm write per batch, not per event: an alarm already set (a pending flush,
    // or a backoff after a failure) is left alone. getAlarm() is answered from memory.
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(this.nextFlushAt());
  }

  /** Counters since this object started, for the benchmark. */
  async pipelineStats(): Promise<PipelineStatsSnapshot> {
    return this.stats.snapshot(this.buffer.pendingCount());
  }

  override async alarm(): Promise<void> {
    let more = false;
    try {
      more = await this.flush();
      this.failures = 0;
    } catch (err) {
      this.failures++;
      console.warn(JSON.stringify({ msg: "pipeline flush failed", failures: this.failures, error: String(err) }));
    }
    if (!this.buffer.hasPending()) return;
    const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
    await this.ctx.storage.setAlarm(this.failures > 0 ? Date.now() + backoff : more ? Date.now() : this.nextFlushAt());
  }

  private nextFlushAt(): number {
    return Math.max(Date.now(), this.lastFlushAt + FLUSH_INTERVAL_MS);
  }

  /** Runs one batch through the listeners; true when more was waiting than one batch. */
  private async flush(): Promise<boolean> {
    this.lastFlushAt = Date.now();
    const conversations = this.buffer.take(MAX_CONVERSATIONS, MAX_EVENTS);
    if (conversations.length === 0) return false;
    const batch = { conversations, at: Date.now() };
    const report = await dispatch(batch, this.listeners, this.env, () => this.buffer.settle(conversations));
    this.stats.record(batch, report, Date.now());
    return this.buffer.hasPending();
  }
}
