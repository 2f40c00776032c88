/**
 * @module A room's durable storage (Durable Object SQLite): the ordered event log, its
 * idempotency keys, the state row (with how far the pipeline has the log: the projection
 * outbox is every event after `projected_through`) and read marks.
 *
 * Everything here is synchronous `ctx.storage.sql`. That is what makes the room a single
 * writer without locks: between two `await`s nothing else runs, so assigning a seq,
 * storing the event and broadcasting it happen as one step, and a socket that joins
 * reads its backlog in the same step as it starts receiving live frames.
 */
import type { Attachment, ConversationEvent, MessageEvent } from "../protocol";
import type { Audience, RoomState } from "./commands";
import { isVisibleToContact } from "../protocol";
import type { DraftEvent } from "./status-machine";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
     seq INTEGER PRIMARY KEY,
     dedup_key TEXT UNIQUE,
     agents_only INTEGER NOT NULL DEFAULT 0,
     body TEXT NOT NULL)`,
  // projected_through: every event up to this seq is through the event pipeline; those
  // after it are the projection outbox. (Until issue 10 the outbox was a table with a row
  // per event, inserted with it and deleted after the handoff: two statements per
  // message the log's own order makes unnecessary.)
  `CREATE TABLE IF NOT EXISTS room (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL, projected_through INTEGER NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS read_marks (participant TEXT PRIMARY KEY, seq INTEGER NOT NULL, at INTEGER NOT NULL)`,
  // Display names of socket participants: socket attachments hold ids only, and names
  // must survive hibernation to label what a socket sends.
  `CREATE TABLE IF NOT EXISTS participants (participant TEXT PRIMARY KEY, name TEXT)`,
  // Files uploaded into this conversation (bytes in R2), by uploader, so a send can
  // reference them by id without the room reading D1 or R2.
  `CREATE TABLE IF NOT EXISTS uploads (id TEXT PRIMARY KEY, owner TEXT NOT NULL, attachment TEXT NOT NULL)`,
];

export class EventLog {
  /** Participants' names as stored, read once each: every frame a socket sends is
   * labelled with its sender's name, and the room is the table's only writer. */
  private readonly names = new Map<string, string | null>();
  /** How many times a stored event was rewritten in place (an unsend): whoever keeps
   * events in memory (the outbox's just-stored events) compares it to know theirs are
   * still what the log holds. */
  rewrites = 0;

  /** Events were rewritten outside `rewrite` (an erasure's own statements). */
  noteRewritten(): void {
    this.rewrites++;
  }

  constructor(private readonly sql: SqlStorage) {
    for (const statement of SCHEMA) sql.exec(statement);
    migrateOutboxTable(sql);
  }

  loadState(): RoomState | null {
    const row = this.sql.exec<{ state: string }>("SELECT state FROM room WHERE id = 1").toArray()[0];
    return row ? (JSON.parse(row.state) as RoomState) : null;
  }

  /** Saves the state and, in the same statement, how far the pipeline has the log
   * (`projectedThrough`; it only moves forward). */
  saveState(state: RoomState, projectedThrough = 0): void {
    this.sql.exec(
      "INSERT INTO room (id, state, projected_through) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state, projected_through = max(room.projected_through, excluded.projected_through)",
      JSON.stringify(state),
      projectedThrough,
    );
  }

  /** The seq stored under an idempotency key, if any. */
  seqForKey(key: string): number | null {
    const row = this.sql.exec<{ seq: number }>("SELECT seq FROM events WHERE dedup_key = ?", key).toArray()[0];
    return row ? row.seq : null;
  }

  /** Stores a draft as the next event (which queues it for projection: it is after
   * `projected_through`). Seq is gapless:
   * it is always the state's last seq + 1, and the caller saves the new state in the
   * same synchronous step. */
  append(draft: DraftEvent, conversationId: string, seq: number, dedupKey: string | null): ConversationEvent {
    const event = { ...draft, seq, id: crypto.randomUUID(), conversationId } as ConversationEvent;
    this.sql.exec(
      "INSERT INTO events (seq, dedup_key, agents_only, body) VALUES (?, ?, ?, ?)",
      seq,
      dedupKey,
      isVisibleToContact(event) ? 0 : 1,
      JSON.stringify(event),
    );
    return event;
  }

  /** The event stored at `seq`, if any. */
  event(seq: number): ConversationEvent | null {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM events WHERE seq = ?", seq).toArray()[0];
    return row ? (JSON.parse(row.body) as ConversationEvent) : null;
  }

  /** Replaces the stored event at `seq`. The log is append-only but for one case: a
   * customer's unsend erases what they sent (a privacy request outranks the log's
   * immutability; ./message-changes.ts). Seq, id and idempotency key stay. */
  rewrite(event: ConversationEvent): void {
    this.rewrites++;
    this.sql.exec("UPDATE events SET body = ? WHERE seq = ?", JSON.stringify(event), event.seq);
  }

  /** The latest change event of `type` about message `messageSeq` (a scan of the log's
   * JSON: it runs only for a channel's edits, reactions and unsends, which are rare). */
  latestChange(type: "reaction" | "edit" | "unsend", messageSeq: number): ConversationEvent | null {
    const row = this.sql
      .exec<{ body: string }>(
        "SELECT body FROM events WHERE json_extract(body, '$.type') = ? AND json_extract(body, '$.messageSeq') = ? ORDER BY seq DESC LIMIT 1",
        type,
        messageSeq,
      )
      .toArray()[0];
    return row ? (JSON.parse(row.body) as ConversationEvent) : null;
  }

  /** Blanks the text of every edit of message `messageSeq` (an unsend erases them too). */
  eraseEdits(messageSeq: number): void {
    this.rewrites++;
    this.sql.exec(
      "UPDATE events SET body = json_set(body, '$.body', '') WHERE json_extract(body, '$.type') = 'edit' AND json_extract(body, '$.messageSeq') = ?",
      messageSeq,
    );
  }

  /** The seq of the latest message the list previews (not a note), if any. */
  latestMessageSeq(): number | null {
    const row = this.sql
      .exec<{ seq: number }>("SELECT seq FROM events WHERE json_extract(body, '$.type') = 'message' AND json_extract(body, '$.kind') <> 'note' ORDER BY seq DESC LIMIT 1")
      .toArray()[0];
    return row ? row.seq : null;
  }

  /** The conversation's e-mail messages (content type "email"), oldest first: the newest
   * `limit`. A reply's envelope and threading come from them; a scan of the log's JSON,
   * once per e-mail reply written and per send. */
  emailMessages(limit = 100): MessageEvent[] {
    const rows = this.sql
      .exec<{ body: string }>(
        "SELECT body FROM events WHERE json_extract(body, '$.type') = 'message' AND json_extract(body, '$.content.type') = 'email' ORDER BY seq DESC LIMIT ?",
        limit,
      )
      .toArray();
    return rows.reverse().map((r) => JSON.parse(r.body) as MessageEvent);
  }

  /** Events after `after`, in order, at most `limit`, as `audience` may see them. */
  after(after: number, limit: number, audience: Audience): ConversationEvent[] {
    const rows = this.sql
      .exec<{ body: string }>(
        "SELECT body FROM events WHERE seq > ? AND (agents_only = 0 OR ?) ORDER BY seq LIMIT ?",
        after,
        audience === "agent" ? 1 : 0,
        limit,
      )
      .toArray();
    return rows.map((r) => JSON.parse(r.body) as ConversationEvent);
  }

  // --- projection outbox ---

  /** Events the pipeline does not have yet, after `afterSeq` too (those up to it are
   * through, their mark waiting for the room's next write), in order, at most `limit`. */
  pendingProjection(limit: number, afterSeq = 0): ConversationEvent[] {
    return this.sql
      .exec<{ body: string }>(`SELECT body FROM events WHERE seq > max(?, ${PROJECTED_THROUGH}) ORDER BY seq LIMIT ?`, afterSeq, limit)
      .toArray()
      .map((r) => JSON.parse(r.body) as ConversationEvent);
  }

  hasPendingProjection(afterSeq = 0): boolean {
    return this.sql.exec(`SELECT 1 FROM events WHERE seq > max(?, ${PROJECTED_THROUGH}) LIMIT 1`, afterSeq).toArray().length > 0;
  }

  /** The pipeline has every event up to `upToSeq` (a write of the state records it too:
   * `saveState`). */
  markProjected(upToSeq: number): void {
    this.sql.exec("UPDATE room SET projected_through = max(projected_through, ?) WHERE id = 1", upToSeq);
  }

  // --- read marks ---

  /** Moves `participant`'s read mark forward to `seq`; null when it is already there or
   * beyond, in which case nothing is written (the upsert's WHERE skips the update and
   * RETURNING yields no row). */
  markRead(participant: string, seq: number, at: number): number | null {
    const rows = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO read_marks (participant, seq, at) VALUES (?, ?, ?)
         ON CONFLICT(participant) DO UPDATE SET seq = excluded.seq, at = excluded.at WHERE excluded.seq > read_marks.seq
         RETURNING seq`,
        participant,
        seq,
        at,
      )
      .toArray();
    return rows[0]?.seq ?? null;
  }

  // --- uploads ---

  registerUpload(owner: string, attachment: Attachment): void {
    this.sql.exec("INSERT OR IGNORE INTO uploads (id, owner, attachment) VALUES (?, ?, ?)", attachment.id, owner, JSON.stringify(attachment));
  }

  /** The attachments for `ids` if every one was uploaded here by `owner`, else null. */
  uploadsOf(owner: string, ids: string[]): Attachment[] | null {
    const found: Attachment[] = [];
    for (const id of ids) {
      const row = this.sql.exec<{ attachment: string }>("SELECT attachment FROM uploads WHERE id = ? AND owner = ?", id, owner).toArray()[0];
      if (!row) return null;
      found.push(JSON.parse(row.attachment) as Attachment);
    }
    return found;
  }

  /** May the contact `owner` see file `id`? Its own upload (a preview before sending), or
   * an attachment of an event it may see. Private notes are `agents_only`, so a note's
   * file is never visible to the contact. Scans the events' JSON: it runs when a link is
   * signed, not per download, and a conversation's log is small. */
  contactMaySee(owner: string, id: string): boolean {
    const own = this.sql.exec("SELECT 1 FROM uploads WHERE id = ? AND owner = ?", id, owner).toArray().length > 0;
    if (own) return true;
    return (
      this.sql
        .exec("SELECT 1 FROM events e, json_each(e.body, '$.attachments') a WHERE e.agents_only = 0 AND json_extract(a.value, '$.id') = ? LIMIT 1", id)
        .toArray().length > 0
    );
  }

  // --- participants ---

  rememberName(participant: string, name: string | null): void {
    this.sql.exec(
      "INSERT INTO participants (participant, name) VALUES (?, ?) ON CONFLICT(participant) DO UPDATE SET name = excluded.name",
      participant,
      name,
    );
    this.names.set(participant, name);
  }

  /** Drops the names read so far (an erasure cleared them in storage). */
  forgetNames(): void {
    this.names.clear();
  }

  nameOf(participant: string): string | null {
    let name = this.names.get(participant);
    if (name === undefined) {
      name = this.sql.exec<{ name: string | null }>("SELECT name FROM participants WHERE participant = ?", participant).toArray()[0]?.name ?? null;
      this.names.set(participant, name);
    }
    return name;
  }

  /** Every participant's read mark with the name they last had, for a joining socket. */
  readMarks(): Array<{ participant: string; seq: number; name: string | null }> {
    return this.sql
      .exec<{ participant: string; seq: number; name: string | null }>(
        "SELECT r.participant, r.seq, p.name FROM read_marks r LEFT JOIN participants p ON p.participant = r.participant ORDER BY r.participant",
      )
      .toArray();
  }
}

const PROJECTED_THROUGH = "coalesce((SELECT projected_through FROM room WHERE id = 1), 0)";

/** A room stored before issue 10 has an `outbox` table (a row per event not yet through
 * the pipeline) and no `projected_through`: the column takes the seq before the oldest
 * queued event (or the last seq when none waits), and the table goes. One read on every
 * start tells whether there is anything to do. */
function migrateOutboxTable(sql: SqlStorage): void {
  const tables = sql.exec<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('room', 'outbox')").toArray();
  const room = tables.find((t) => t.name === "room");
  if (room && !room.sql.includes("projected_through")) sql.exec("ALTER TABLE room ADD COLUMN projected_through INTEGER NOT NULL DEFAULT 0");
  if (!tables.some((t) => t.name === "outbox")) return;
  sql.exec("UPDATE room SET projected_through = coalesce((SELECT min(seq) - 1 FROM outbox), (SELECT max(seq) FROM events), 0)");
  sql.exec("DROP TABLE outbox");
}
