/**
 * @module The room's outbox: events stored in the room but not yet through the event
 * pipeline (worker/pipeline). A drain hands them to the conversation's Projector, whose
 * answer comes once D1 has committed them; only then are they dropped here. A failed
 * handoff (D1 down, the Projector evicted or unreachable) leaves them queued, and the
 * room's alarm retries with backoff until the pipeline takes them.
 */
import type { Env } from "../env";
import type { ConversationEvent } from "../protocol";
import { projectorFor } from "../pipeline/shard";
import type { RoomState } from "./commands";
import type { EventLog } from "./event-log";

/** Events per handoff: a backlog after an outage goes over in RPCs of this size. */
const BATCH = 200;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 60_000;

export class ProjectionOutbox {
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  /** Events up to this seq are through the pipeline, but the room's stored mark
   * (`projected_through`) may still be behind: the mark rides along with the room's next
   * state write instead of costing a storage commit of its own per handoff. After a
   * restart the events after the stored mark are handed over once more, which the
   * pipeline ignores (it is idempotent). */
  private throughSeq = 0;
  /** The events the room's latest writes stored, in seq order, as they were stored: when
   * they are exactly what waits (nothing older pending, nothing newer stored), the
   * handoff sends them without reading them back from the log. Profiled for issue 10:
   * that read (a join and a JSON parse per event) was ~8% of the Worker's CPU with the
   * pipeline's listeners off. Anything in doubt (a rewrite, an erasure, a gap) falls
   * back to the log, which is always right. */
  private fresh: ConversationEvent[] = [];
  /** The log's rewrite count when `stored` last looked. */
  private seenRewrites = 0;

  constructor(
    private readonly log: EventLog,
    private readonly env: Env,
    private readonly state: () => RoomState,
  ) {}

  /** When the next retry should run, or null when nothing waits. */
  retryAt(now: number): number | null {
    if (!this.log.hasPendingProjection(this.throughSeq)) return null;
    return now + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
  }

  /** The room stored `events` in one write. Call right after the write's transaction. */
  stored(events: readonly ConversationEvent[]): void {
    // A rewrite since the last call (an unsend rewrites an earlier event in its write)
    // may have changed an event the memory copy holds: start it over.
    const rewrote = this.log.rewrites !== this.seenRewrites;
    this.seenRewrites = this.log.rewrites;
    if (events.length === 0) {
      if (rewrote) this.fresh = [];
      return;
    }
    const last = this.fresh[this.fresh.length - 1];
    const contiguous = !rewrote && last !== undefined && last.seq + 1 === events[0]!.seq;
    this.fresh = rewrote ? [] : contiguous ? [...this.fresh, ...events] : [...events];
    if (this.fresh.length > BATCH) this.fresh = [];
  }

  /** How far the pipeline has the log, for the room's next state write to record
   * (`EventLog.saveState`): no statement of its own. */
  through(): number {
    return this.throughSeq;
  }

  /** Records how far the pipeline has the log, from the alarm (no write to ride along). */
  settle(): void {
    if (this.throughSeq > 0) this.log.markProjected(this.throughSeq);
  }

  /** Resolves once no handoff is in flight (whether it succeeded or not). */
  idle(): Promise<void> {
    return this.running ? this.running.catch(() => undefined) : Promise.resolve();
  }

  /** Drains until empty. Concurrent calls share one run; a call during a run makes the
   * run go round once more, so nothing stored meanwhile waits for the alarm. Handoffs of
   * one room are therefore sequential and in seq order. Rejects when the pipeline refuses
   * (the caller's alarm retries). */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        // Every stored event is queued here, so nothing after `throughSeq` waits when the
        // room's last seq is not beyond it: skip the read. (Profiled: the read after each
        // handoff, which almost always found nothing, was ~8% of the Worker's CPU.)
        if (this.state().lastSeq <= this.throughSeq) break;
        const events = this.takeFresh() ?? this.log.pendingProjection(BATCH, this.throughSeq);
        if (events.length === 0) break;
        try {
          await projectorFor(this.env, this.state().id).accept(this.state(), events);
        } catch (err) {
          this.failures++;
          throw err;
        }
        this.failures = 0;
        this.throughSeq = Math.max(this.throughSeq, events[events.length - 1]!.seq);
      }
    } while (this.again);
  }

  /** The memory copy, only when it is exactly the pending events: it starts right after
   * what went through, ends at the room's last seq, and nothing was rewritten since. */
  private takeFresh(): ConversationEvent[] | null {
    const fresh = this.fresh;
    this.fresh = [];
    // Events rewritten since the copy was taken (an erasure) make it stale.
    if (fresh.length === 0 || this.log.rewrites !== this.seenRewrites) return null;
    if (fresh[0]!.seq !== this.throughSeq + 1 || fresh[fresh.length - 1]!.seq !== this.state().lastSeq) return null;
    return fresh;
  }
}
