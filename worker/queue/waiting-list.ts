/**
 * @module A team's waiting list in its TeamQueue's SQLite: one row per open, unassigned
 * conversation with its sort-key columns (./order.ts) under an index that matches the
 * `ORDER BY`, so the head is one index step; and the claims that Next holds between
 * taking a row and the room's assignment landing.
 */
import type { ConversationSummary } from "../protocol";
import { ORDER_BY_SQL, SORT_COLUMNS, orderInputOf, sortKeyOf, type SortKey } from "./order";

/** A claim that never became an assignment (the Worker died between claim and assign)
 * goes back to the list after this long; Next's assign takes well under a second. */
export const CLAIM_TTL_MS = 30_000;

export interface WaitingRow {
  summary: ConversationSummary;
  receivedAt: number;
  key: SortKey;
}

interface StoredRow extends Record<string, SqlStorageValue> {
  summary: string;
  received_at: number;
  k_callback: number;
  k_webchat: number;
  k_inbox: number;
  k_contact: number;
  conversation_id: string;
}

const KEY_COLUMNS = SORT_COLUMNS.slice(0, 5);

export class WaitingList {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS waiting (
      conversation_id TEXT PRIMARY KEY,
      summary TEXT NOT NULL,
      last_seq INTEGER NOT NULL)`);
    // Lists written before the order existed lack the key columns: add and backfill them.
    const have = new Set(sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('waiting')").toArray().map((r) => r.name));
    for (const column of KEY_COLUMNS) if (!have.has(column)) sql.exec(`ALTER TABLE waiting ADD COLUMN ${column} INTEGER NOT NULL DEFAULT 0`);
    if (!have.has("received_at")) {
      for (const r of sql.exec<{ summary: string }>("SELECT summary FROM waiting").toArray()) {
        const s = JSON.parse(r.summary) as ConversationSummary;
        this.writeKeys(s, s.lastActivityAt);
      }
    }
    sql.exec(`CREATE INDEX IF NOT EXISTS waiting_order ON waiting (${SORT_COLUMNS.join(", ")})`);
    sql.exec("CREATE INDEX IF NOT EXISTS waiting_received ON waiting (received_at)");
    sql.exec(`CREATE TABLE IF NOT EXISTS claims (
      conversation_id TEXT PRIMARY KEY,
      summary TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      claimed_at INTEGER NOT NULL)`);
  }

  /** Store a published row. Returns false when it is older than what the list holds.
   * `carriedReceivedAt`: the time the customer started waiting in the team it came from. */
  upsert(summary: ConversationSummary, carriedReceivedAt?: number): boolean {
    const claim = this.sql.exec<{ last_seq: number; received_at: number; claimed_at: number }>("SELECT last_seq, received_at, claimed_at FROM claims WHERE conversation_id = ?", summary.id).toArray()[0];
    if (claim) {
      if (claim.last_seq > summary.lastSeq) return false;
      const waiting = summary.status === "open" && summary.assigneeId === null;
      if (!waiting) {
        this.sql.exec("DELETE FROM claims WHERE conversation_id = ?", summary.id);
        return true;
      }
      // Still waiting while Next's assignment is on its way: keep it out of the list.
      this.sql.exec("UPDATE claims SET summary = ?, last_seq = ? WHERE conversation_id = ?", JSON.stringify(summary), summary.lastSeq, summary.id);
      return true;
    }
    const known = this.sql.exec<{ last_seq: number; received_at: number }>("SELECT last_seq, received_at FROM waiting WHERE conversation_id = ?", summary.id).toArray()[0];
    // Publishes can arrive out of order after retries; an older one must not win.
    if (known && known.last_seq > summary.lastSeq) return false;
    if (summary.status !== "open" || summary.assigneeId !== null) {
      this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", summary.id);
      return true;
    }
    // The customer started waiting when the row first entered (or in the team it came from).
    const receivedAt = known?.received_at ?? carriedReceivedAt ?? summary.lastActivityAt;
    this.writeKeys(summary, receivedAt);
    return true;
  }

  /** The conversation left this team: drop its row (unless a newer publish is here) and
   * say when its customer started waiting, for the team it moved to. */
  leave(summary: ConversationSummary): number | null {
    const known = this.sql.exec<{ last_seq: number; received_at: number }>("SELECT last_seq, received_at FROM waiting WHERE conversation_id = ? UNION ALL SELECT last_seq, received_at FROM claims WHERE conversation_id = ?", summary.id, summary.id).toArray()[0];
    if (!known || known.last_seq > summary.lastSeq) return null;
    this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", summary.id);
    this.sql.exec("DELETE FROM claims WHERE conversation_id = ?", summary.id);
    return known.received_at;
  }

  /** The head of the list, by the order: one step along the index. */
  head(now: number): WaitingRow | null {
    this.restoreStaleClaims(now);
    const row = this.sql.exec<StoredRow>(`SELECT summary, received_at, ${KEY_COLUMNS.join(", ")}, conversation_id FROM waiting ORDER BY ${ORDER_BY_SQL} LIMIT 1`).toArray()[0];
    return row ? rowOf(row) : null;
  }

  /** Take a row out for Next. Null when someone else took it first (or it left). */
  claim(conversationId: string, now: number): WaitingRow | null {
    const row = this.sql.exec<StoredRow & { last_seq: number }>(`SELECT summary, received_at, last_seq, ${KEY_COLUMNS.join(", ")}, conversation_id FROM waiting WHERE conversation_id = ?`, conversationId).toArray()[0];
    if (!row) return null;
    this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", conversationId);
    this.sql.exec("INSERT INTO claims (conversation_id, summary, last_seq, received_at, claimed_at) VALUES (?, ?, ?, ?, ?)", conversationId, row.summary, row.last_seq, row.received_at, now);
    return rowOf(row);
  }

  /** Next could not assign (the room refused, someone assigned it meanwhile): put the
   * row back at its original place, unless a publish already said it stopped waiting. */
  unclaim(conversationId: string): void {
    const claim = this.sql.exec<{ summary: string; received_at: number }>("SELECT summary, received_at FROM claims WHERE conversation_id = ?", conversationId).toArray()[0];
    if (!claim) return;
    this.sql.exec("DELETE FROM claims WHERE conversation_id = ?", conversationId);
    const summary = JSON.parse(claim.summary) as ConversationSummary;
    if (summary.status === "open" && summary.assigneeId === null) this.writeKeys(summary, claim.received_at);
  }

  /** Count, oldest wait and whether a priority item waits. */
  stats(now: number): { waiting: number; oldestReceivedAt: number | null; head: WaitingRow | null } {
    const head = this.head(now);
    const count = this.sql.exec<{ n: number; oldest: number | null }>("SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM waiting").one();
    return { waiting: count.n, oldestReceivedAt: count.oldest, head };
  }

  private restoreStaleClaims(now: number): void {
    const stale = this.sql.exec<{ conversation_id: string }>("SELECT conversation_id FROM claims WHERE claimed_at < ?", now - CLAIM_TTL_MS).toArray();
    for (const s of stale) this.unclaim(s.conversation_id);
  }

  private writeKeys(summary: ConversationSummary, receivedAt: number): void {
    const key = sortKeyOf(orderInputOf(summary, receivedAt));
    this.sql.exec(
      `INSERT INTO waiting (conversation_id, summary, last_seq, ${KEY_COLUMNS.join(", ")}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(conversation_id) DO UPDATE SET summary = excluded.summary, last_seq = excluded.last_seq,
       ${KEY_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}`,
      summary.id,
      JSON.stringify(summary),
      summary.lastSeq,
      key[0],
      key[1],
      key[2],
      key[3],
      key[4],
    );
  }
}

function rowOf(row: StoredRow): WaitingRow {
  return {
    summary: JSON.parse(row.summary) as ConversationSummary,
    receivedAt: row.received_at,
    key: [row.k_callback, row.k_webchat, row.k_inbox, row.k_contact, row.received_at, row.conversation_id],
  };
}
