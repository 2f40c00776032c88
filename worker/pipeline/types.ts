/**
 * @module The event pipeline's types: what leaves a ConversationRoom after it has stored
 * events, and what a listener on the pipeline is.
 *
 * A room is the commit point: an event exists once the room has stored it. Everything
 * that follows — the D1 projection, the live list, and the outbound webhooks, report
 * rollups and channel delivery bookkeeping that will hang off the same events — is a
 * listener here, run by the Projector (./projector.ts) on batches that span many rooms.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { ConversationEvent, ConversationSummary } from "../protocol";
import type { Db } from "../db/client";
import type { RoomState } from "../conversation/commands";
import type { Env } from "../env";

/** One room's handoff: its state after the events, and the events in seq order. */
export interface RoomEvents {
  state: RoomState;
  events: ConversationEvent[];
}

/** What a listener receives: one entry per conversation (its latest state and every new
 * event of this batch, in seq order), across as many rooms as the batch holds. The same
 * batch may be delivered again after a failure or an eviction, so listeners must be
 * idempotent. */
export interface PipelineBatch {
  conversations: RoomEvents[];
  /** When the Projector took the batch out of its buffer (ms since the epoch). */
  at: number;
  /** The batch's conversations' list rows as the D1 commit left them, read back in the
   * same D1 transaction; set by the d1-projection listener for the listeners after it. */
  projected?: ConversationSummary[];
  /** The reads later listeners asked for (`PipelineListener.reads`), by listener name;
   * set by the dispatcher before the committed listeners run. */
  readsWanted?: ReadonlyArray<{ listener: string; statements: BatchItem<"sqlite">[] }>;
  /** Their results, by listener name, once the d1-projection listener has run them at the
   * end of its batch. Absent for a listener: read for yourself (no projection ran, or it
   * read nothing for you). */
  read?: Map<string, unknown[]>;
}

/** What a listener did to D1, for the per-message cost figures. */
export interface ListenerReport {
  statements: number;
  rowsWritten: number;
}

export interface PipelineListener {
  readonly name: string;
  /**
   * `committed`: the batch leaves the Projector's buffer only once this listener has
   * succeeded; a failure keeps the whole batch and retries it with backoff, so the
   * listener must be idempotent (an upsert, a dedup key). These run first, in order.
   * `after-commit`: runs once the committed listeners have succeeded, best effort: a
   * failure is logged and not retried (the live list heals with its next update; a
   * webhook listener that needs retries keeps its own outbox).
   */
  readonly stage: "committed" | "after-commit";
  handle(batch: PipelineBatch, env: Env): Promise<ListenerReport | void>;
  /**
   * What this listener must read from D1 before it can work, for the d1-projection
   * listener to run at the end of its own batch — after its writes, in the same
   * transaction, so the results are what the commit left — instead of a D1 round trip of
   * the listener's own per flush (issue 10: four round trips per flush were two too many).
   * `handle` then finds the results in `batch.read` under its name, and reads for itself
   * when they are not there.
   */
  reads?(batch: PipelineBatch, db: Db): BatchItem<"sqlite">[];
}
