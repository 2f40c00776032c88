/**
 * @module A team's waiting list in its TeamQueue's SQLite: one row per open, unassigned
 * conversation with its sort-key columns (./order.ts) under an index that matches the
 * `ORDER BY`, so the head is one index step; the claims that Next and the distribution
 * hold between taking a row and the room's assignment landing; and callbacks scheduled
 * for later, held out of the list until 5 minutes before their time (an agent who
 * promised "we'll call you at 3" should not be handed it at 10).
 */
import type { ConversationSummary } from "../protocol";
import { ORDER_BY_SQL, SORT_COLUMNS, callbackDueFrom, orderInputOf, sortKeyOf, type SortKey } from "./order";

/** A claim that never became an assignment (the Worker died between claim and assign)
 * goes back to the list after this long; Next's assign takes well under a second. */
export const CLAIM_TTL_MS = 30_000;

export interface WaitingRow {
  summary: ConversationSummary;
  receivedAt: number;
  key: SortKey;
  /** The agent it timed out with: automatic distribution offers it to someone else. */
  skipAgent: string | null;
}

interface StoredRow extends Record<string, SqlStorageValue> {
  summary: string;
  received_at: number;
  k_callback: number;
  k_webchat: number;
  k_inbox: number;
  k_contact: number;
  conversation_id: string;
  skip_agent: string | null;
}

const KEY_COLUMNS = SORT_COLUMNS.slice(0, 5);

/** What `WaitingList.lookup` found of one conversation (null: no row there). */
export interface KnownRow {
  waiting: { last_seq: number; received_at: number; key: string | null } | null;
  claim: { last_seq: number; received_at: number } | null;
  scheduled: { last_seq: number; received_at: number } | null;
}

export class WaitingList {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS waiting (
      conversation_id TEXT PRIMARY KEY,
      summary TEXT NOT NULL,
      last_seq INTEGER NOT NULL)`);
    // Lists written before the order existed lack the key columns: add and backfill them.
    const have = new Set(sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('waiting')").toArray().map((r) => r.name));
    for (const column of KEY_COLUMNS) if (!have.has(column)) sql.exec(`ALTER TABLE waiting ADD COLUMN ${column} INTEGER NOT NULL DEFAULT 0`);
    if (!have.has("skip_agent")) sql.exec("ALTER TABLE waiting ADD COLUMN skip_agent TEXT");
    if (!have.has("received_at")) {
      for (const r of sql.exec<{ summary: string }>("SELECT summary FROM waiting").toArray()) {
        const s = JSON.parse(r.summary) as ConversationSummary;
        this.writeKeys(s, s.lastActivityAt, Date.now());
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
    // Every head() looks for stale claims: one index step, not a walk over all claims.
    sql.exec("CREATE INDEX IF NOT EXISTS claims_claimed_at ON claims (claimed_at)");
    sql.exec(`CREATE TABLE IF NOT EXISTS scheduled (
      conversation_id TEXT PRIMARY KEY,
      summary TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      due_at INTEGER NOT NULL)`);
    sql.exec("CREATE INDEX IF NOT EXISTS scheduled_due ON scheduled (due_at)");
  }

  /** Store a published row. `stored` is false when it is older than what the list holds;
   * `moved` is true when the list's membership or order may have changed — false only
   * for a row already waiting under the same order key (a new message's preview, the
   * busiest case), which gives the distribution and the line nothing new to do.
   * `carriedReceivedAt`: the time the customer started waiting in the team it came from. */
  upsert(summary: ConversationSummary, now: number, carriedReceivedAt?: number, known: KnownRow = this.lookup(summary.id)): { stored: boolean; moved: boolean } {
    const STALE = { stored: false, moved: false };
    const MOVED = { stored: true, moved: true };
    const { claim } = known;
    if (claim) {
      if (claim.last_seq > summary.lastSeq) return STALE;
      const waiting = summary.status === "open" && summary.assigneeId === null;
      if (!waiting) {
        this.sql.exec("DELETE FROM claims WHERE conversation_id = ?", summary.id);
        return MOVED;
      }
      // Still waiting while Next's assignment is on its way: keep it out of the list.
      this.sql.exec("UPDATE claims SET summary = ?, last_seq = ? WHERE conversation_id = ?", JSON.stringify(summary), summary.lastSeq, summary.id);
      return MOVED;
    }
    const listed = known.waiting ?? known.scheduled;
    // Publishes can arrive out of order after retries; an older one must not win.
    if (listed && listed.last_seq > summary.lastSeq) return STALE;
    if (known.scheduled) this.sql.exec("DELETE FROM scheduled WHERE conversation_id = ?", summary.id);
    if (summary.status !== "open" || summary.assigneeId !== null) {
      if (known.waiting) this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", summary.id);
      return MOVED;
    }
    // The customer started waiting when the row first entered (or in the team it came
    // from, or before an agent took it and gave it back).
    const receivedAt = listed?.received_at ?? carriedReceivedAt ?? summary.lastActivityAt;
    if (summary.callbackAt !== null && callbackDueFrom(summary.callbackAt) > now) {
      if (known.waiting) this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", summary.id);
      this.sql.exec(
        "INSERT INTO scheduled (conversation_id, summary, last_seq, received_at, due_at) VALUES (?, ?, ?, ?, ?)",
        summary.id,
        JSON.stringify(summary),
        summary.lastSeq,
        receivedAt,
        callbackDueFrom(summary.callbackAt),
      );
      return MOVED;
    }
    const key = this.writeKeys(summary, receivedAt, now);
    return { stored: true, moved: known.waiting?.key !== JSON.stringify(key) };
  }

  /** Where a conversation is in this team's three tables, in one read: the waiting row
   * (with its order key), its claim, its scheduled callback. A publish used to make four
   * reads and an unconditional delete per row; this is one read (issue 10). */
  lookup(conversationId: string): KnownRow {
    const known: KnownRow = { waiting: null, claim: null, scheduled: null };
    const rows = this.sql
      .exec<{ src: string; last_seq: number; received_at: number; key: string | null }>(
        `SELECT 'w' AS src, last_seq, received_at, json_array(${KEY_COLUMNS.join(", ")}) AS key FROM waiting WHERE conversation_id = ?1
         UNION ALL SELECT 'c', last_seq, received_at, NULL FROM claims WHERE conversation_id = ?1
         UNION ALL SELECT 's', last_seq, received_at, NULL FROM scheduled WHERE conversation_id = ?1`,
        conversationId,
      )
      .toArray();
    for (const r of rows) {
      const row = { last_seq: r.last_seq, received_at: r.received_at, key: r.key };
      if (r.src === "w") known.waiting = row;
      else if (r.src === "c") known.claim = row;
      else known.scheduled = row;
    }
    return known;
  }

  /** When the customer started waiting, by what `lookup` found (null: not here). */
  static receivedAtIn(known: KnownRow): number | null {
    return (known.waiting ?? known.claim ?? known.scheduled)?.received_at ?? null;
  }


  /** Callbacks whose lead time began by `at` join the list, at its head. Returns them. */
  releaseDueCallbacks(at: number): ConversationSummary[] {
    const due = this.sql.exec<{ summary: string; received_at: number }>("SELECT summary, received_at FROM scheduled WHERE due_at <= ? ORDER BY due_at", at).toArray();
    const released: ConversationSummary[] = [];
    for (const row of due) {
      const summary = JSON.parse(row.summary) as ConversationSummary;
      this.sql.exec("DELETE FROM scheduled WHERE conversation_id = ?", summary.id);
      this.writeKeys(summary, row.received_at, at);
      released.push(summary);
    }
    return released;
  }

  /** When the next held callback is due to join the list, if any. */
  nextCallbackDue(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT MIN(due_at) AS at FROM scheduled").one().at;
  }

  /** Callbacks held for later. */
  scheduledCount(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM scheduled").one().n;
  }

  /** Remembers that `agentId` let this conversation time out, for the distribution. */
  skip(conversationId: string, agentId: string): void {
    this.sql.exec("UPDATE waiting SET skip_agent = ? WHERE conversation_id = ?", agentId, conversationId);
  }

  /** The conversation left this team: drop its row (unless a newer publish is here) and
   * say when its customer started waiting, for the team it moved to. */
  leave(summary: ConversationSummary): number | null {
    const known = this.sql.exec<{ last_seq: number; received_at: number }>("SELECT last_seq, received_at FROM waiting WHERE conversation_id = ?1 UNION ALL SELECT last_seq, received_at FROM claims WHERE conversation_id = ?1 UNION ALL SELECT last_seq, received_at FROM scheduled WHERE conversation_id = ?1", summary.id).toArray()[0];
    if (!known || known.last_seq > summary.lastSeq) return null;
    this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", summary.id);
    this.sql.exec("DELETE FROM claims WHERE conversation_id = ?", summary.id);
    this.sql.exec("DELETE FROM scheduled WHERE conversation_id = ?", summary.id);
    return known.received_at;
  }

  /** The head of the list, by the order: one step along the index. */
  head(now: number): WaitingRow | null {
    this.restoreStaleClaims(now);
    const row = this.sql.exec<StoredRow>(`SELECT summary, received_at, ${KEY_COLUMNS.join(", ")}, conversation_id, skip_agent FROM waiting ORDER BY ${ORDER_BY_SQL} LIMIT 1`).toArray()[0];
    return row ? rowOf(row) : null;
  }

  /** Take a row out for Next. Null when someone else took it first (or it left). */
  claim(conversationId: string, now: number): WaitingRow | null {
    const row = this.sql.exec<StoredRow & { last_seq: number }>(`SELECT summary, received_at, last_seq, ${KEY_COLUMNS.join(", ")}, conversation_id, skip_agent FROM waiting WHERE conversation_id = ?`, conversationId).toArray()[0];
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
    if (summary.status === "open" && summary.assigneeId === null) this.writeKeys(summary, claim.received_at, Date.now());
  }

  /** The first `limit` rows in order: positions in line are their index + 1. */
  inOrder(limit: number): Array<{ conversationId: string; channel: ConversationSummary["channel"]; summary: ConversationSummary }> {
    return this.sql
      .exec<{ conversation_id: string; summary: string }>(`SELECT conversation_id, summary FROM waiting ORDER BY ${ORDER_BY_SQL} LIMIT ?`, limit)
      .toArray()
      .map((r) => {
        const summary = JSON.parse(r.summary) as ConversationSummary;
        return { conversationId: r.conversation_id, channel: summary.channel, summary };
      });
  }

  /** Web chat rows waiting: they sort first (after due callbacks), so positions of all
   * of them are found by walking this many plus the due callbacks from the head. */
  webchatCount(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM waiting WHERE k_webchat = 0").one().n;
  }

  /** Due callbacks waiting (they sort before everything else). */
  dueCallbackCount(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM waiting WHERE k_callback = 0").one().n;
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

  /** Writes the row under its order key; returns the key's stored columns. */
  private writeKeys(summary: ConversationSummary, receivedAt: number, now: number): unknown[] {
    const key = sortKeyOf(orderInputOf(summary, receivedAt, now));
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
    return key.slice(0, KEY_COLUMNS.length);
  }
}

function rowOf(row: StoredRow): WaitingRow {
  return {
    summary: JSON.parse(row.summary) as ConversationSummary,
    receivedAt: row.received_at,
    key: [row.k_callback, row.k_webchat, row.k_inbox, row.k_contact, row.received_at, row.conversation_id],
    skipAgent: row.skip_agent ?? null,
  };
}
