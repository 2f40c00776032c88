/**
 * @module The Projector's durable buffer (its Durable Object SQLite): events rooms have
 * handed over and the pipeline has not yet committed, and each conversation's latest
 * state. Once a room's handoff returns, the events are here, on disk; the room may
 * forget them. Replays are harmless: events are keyed by (conversation, seq) and a state
 * only replaces an older one.
 */
import type { ConversationEvent } from "../protocol";
import type { RoomState } from "../conversation/commands";
import type { RoomEvents } from "./types";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS pending (
     conversation_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     event TEXT NOT NULL,
     accepted_at INTEGER NOT NULL,
     PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS pending_accepted ON pending (accepted_at)`,
  `CREATE TABLE IF NOT EXISTS rooms (conversation_id TEXT PRIMARY KEY, state TEXT NOT NULL, last_seq INTEGER NOT NULL)`,
];

export class PipelineBuffer {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
    for (const statement of SCHEMA) this.sql.exec(statement);
  }

  /** All or nothing: a handoff that fails halfway must not look accepted in part. */
  add(state: RoomState, events: ConversationEvent[], now: number): void {
    this.storage.transactionSync(() => this.insert(state, events, now));
  }

  private insert(state: RoomState, events: ConversationEvent[], now: number): void {
    for (const e of events) this.sql.exec("INSERT OR IGNORE INTO pending (conversation_id, seq, event, accepted_at) VALUES (?, ?, ?, ?)", e.conversationId, e.seq, JSON.stringify(e), now);
    this.sql.exec(
      `INSERT INTO rooms (conversation_id, state, last_seq) VALUES (?, ?, ?)
       ON CONFLICT(conversation_id) DO UPDATE SET state = excluded.state, last_seq = excluded.last_seq
       WHERE excluded.last_seq > rooms.last_seq`,
      state.id,
      JSON.stringify(state),
      state.lastSeq,
    );
  }

  hasPending(): boolean {
    return this.sql.exec("SELECT 1 FROM rooms LIMIT 1").toArray().length > 0;
  }

  /** The oldest waiting work: at most `maxConversations` conversations, each with its
   * latest state and its buffered events (at most `maxEvents` in all, oldest first). */
  take(maxConversations: number, maxEvents: number): RoomEvents[] {
    const rooms = this.sql
      .exec<{ conversation_id: string; state: string }>(
        `SELECT r.conversation_id, r.state FROM rooms r
         LEFT JOIN (SELECT conversation_id, min(accepted_at) AS first FROM pending GROUP BY conversation_id) p USING (conversation_id)
         ORDER BY coalesce(p.first, 0) LIMIT ?`,
        maxConversations,
      )
      .toArray();
    const batch: RoomEvents[] = [];
    let budget = maxEvents;
    for (const r of rooms) {
      if (budget <= 0) break;
      const events = this.sql
        .exec<{ event: string }>("SELECT event FROM pending WHERE conversation_id = ? ORDER BY seq LIMIT ?", r.conversation_id, budget)
        .toArray()
        .map((row) => JSON.parse(row.event) as ConversationEvent);
      budget -= events.length;
      batch.push({ state: JSON.parse(r.state) as RoomState, events });
    }
    return batch;
  }

  /** Forgets what a committed batch carried; a newer state or later events that arrived
   * while the batch was in flight stay for the next one. */
  settle(batch: RoomEvents[]): void {
    this.storage.transactionSync(() => this.forget(batch));
  }

  private forget(batch: RoomEvents[]): void {
    for (const { state, events } of batch) {
      const upTo = events.length > 0 ? events[events.length - 1]!.seq : 0;
      this.sql.exec("DELETE FROM pending WHERE conversation_id = ? AND seq <= ?", state.id, upTo);
      this.sql.exec(
        "DELETE FROM rooms WHERE conversation_id = ? AND last_seq <= ? AND NOT EXISTS (SELECT 1 FROM pending WHERE conversation_id = ?)",
        state.id,
        state.lastSeq,
        state.id,
      );
    }
  }

  /** Events waiting, for the stats. */
  pendingCount(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM pending").one().n;
  }
}
