/**
 * @module `projectBatch`: writes many rooms' events and states into D1 in one batch, which
 * D1 runs as one transaction. Idempotent, so the pipeline may deliver a batch any number
 * of times: messages are inserted with ON CONFLICT DO NOTHING on (conversation_id, seq),
 * and a conversation row only moves forward (guarded by last_seq). The UPDATE names its
 * columns, so what agents set on a conversation in D1 (its type) is never overwritten.
 *
 * Per message this writes the message row (with its indexes and FTS rows, through the
 * triggers in 0002_console.sql) and its conversation's row once per batch — the batch's
 * messages in one INSERT and its conversations in one UPDATE, each reading its rows from
 * a JSON parameter; it reads
 * nothing (the contact's name is joined when the live list reads the rows back). A
 * change to a message (delivery, reaction, edit, unsend) updates that message's row
 * instead of adding one (./change-projection.ts).
 */
import { inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { readMarkStatement } from "./agent-marks";
import { changeStatements, isChangeEvent } from "./change-projection";
import { optOutStatements } from "./optout-projection";
import { summaryReads } from "./conversations";
import { capacityReservations, conversations, csatResponses, messages } from "./schema";
import type { ConversationEvent, ConversationSummary } from "../protocol";
import type { ListenerReport, RoomEvents } from "../pipeline/types";

/** How much JSON one statement carries, in characters. The rows travel as one JSON
 * parameter read with json_each, not as bound values: D1 binds at most 100 parameters
 * per statement (a message row needs 13) and caps a string parameter at 2,000,000 bytes
 * (https://developers.cloudflare.com/d1/platform/limits/); 250,000 characters are at
 * most 750,000 bytes of UTF-8, so a flush of 100 messages of 10,000 characters splits in
 * a few statements, and a usual flush (20 short messages) is one. */
const MAX_JSON_CHARS = 250_000;
/** D1 binds at most 100 parameters per statement (same page); a csat row binds 5. */
const D1_MAX_BOUND_PARAMETERS = 100;
const CSAT_ROWS_PER_INSERT = Math.floor(D1_MAX_BOUND_PARAMETERS / 5);

/** `rows` as JSON arrays of at most MAX_JSON_CHARS characters (a row alone may exceed it). */
function jsonChunks(rows: readonly unknown[][]): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    const part = JSON.stringify(row);
    if (parts.length > 0 && size + part.length + 1 > MAX_JSON_CHARS) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      size = 0;
    }
    parts.push(part);
    size += part.length + 1;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}

/** The event minus what the row's own columns already hold: the actor's name, the
 * attachments, a status change's details. Storing the whole event again beside its
 * columns doubled the bytes written per message for nothing any query reads. */
function eventRest(e: ConversationEvent): Record<string, unknown> {
  const { seq: _seq, id: _id, conversationId: _c, at: _at, ...rest } = e;
  if (rest.type !== "message") return rest;
  const { body: _b, clientId: _ci, providerMessageId: _p, delivery: _d, ...extra } = rest;
  return extra;
}

/** A message row as a tuple, in the order of the `messages` table's columns in the schema
 * (./schema.ts): drizzle's INSERT … SELECT names every column in that order. A column
 * added to the table makes the insert fail loudly (13 values for 14 columns) until it is
 * added here. */
function messageTuple(e: ConversationEvent): unknown[] {
  const isMessage = e.type === "message";
  return [
    e.conversationId,
    e.seq,
    e.id,
    e.actor.type === "contact" ? "in" : isMessage && e.kind !== "note" ? "out" : "internal",
    e.actor.type,
    e.actor.id,
    isMessage ? e.kind : "event",
    isMessage ? e.body : e.type === "csat" ? e.comment : null,
    JSON.stringify(eventRest(e)),
    isMessage ? e.providerMessageId : null,
    isMessage ? e.clientId : null,
    isMessage ? e.delivery : null,
    e.at,
  ];
}

/** Inserts message rows (tuples from messageTuple) read from one JSON parameter; a row
 * already there (a replayed batch) is left as it is. `WHERE true` tells SQLite the ON
 * CONFLICT belongs to the INSERT, not to the SELECT (https://sqlite.org/lang_upsert.html). */
function insertMessages(db: Db, json: string) {
  return db
    .insert(messages)
    .select(
      sql`SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9, j.value ->> 10, j.value ->> 11, j.value ->> 12 FROM json_each(${json}) j WHERE true`,
    )
    .onConflictDoNothing({ target: [messages.conversationId, messages.seq] });
}

/** A conversation's row as the room's state has it, as a tuple for updateConversations. */
function conversationTuple(state: RoomEvents["state"]): unknown[] {
  return [
    state.id,
    state.status,
    state.assigneeId,
    state.teamId,
    state.priority,
    state.firstResponseAt,
    state.resolvedAt,
    state.lastActivityAt,
    state.snoozedUntil,
    state.callbackAt ?? null,
    state.lastSeq,
    state.lastMessagePreview,
  ];
}

/** Moves every conversation of the batch forward in one statement (rows read from one
 * JSON parameter; the primary key finds each row). Only forward: an older state (a
 * replayed batch) never overwrites a newer row. It names its columns, so what agents set
 * on a conversation in D1 (its type) is never overwritten. One statement, compiled once
 * per flush: a statement per conversation made building the SQL the larger part of a
 * flush's CPU (profiled for issue 10). */
export function updateConversations(db: Db, json: string) {
  const r = (i: number) => sql.raw(`r.value ->> ${i}`);
  return db
    .update(conversations)
    .set({
      status: sql`${r(1)}`,
      assigneeId: sql`${r(2)}`,
      teamId: sql`${r(3)}`,
      priority: sql`${r(4)}`,
      firstResponseAt: sql`${r(5)}`,
      resolvedAt: sql`${r(6)}`,
      lastActivityAt: sql`${r(7)}`,
      snoozedUntil: sql`${r(8)}`,
      callbackAt: sql`${r(9)}`,
      lastSeq: sql`${r(10)}`,
      lastMessagePreview: sql`${r(11)}`,
    })
    .from(sql`json_each(${json}) r`)
    .where(sql`${conversations.id} = ${r(0)} AND ${conversations.lastSeq} <= ${r(10)}`);
}

/** The highest seq each agent wrote a message at, among `events`. */
function agentMessageSeqs(events: ConversationEvent[]): Map<string, number> {
  const seqs = new Map<string, number>();
  for (const e of events) {
    if (e.type === "message" && e.actor.type === "agent" && e.actor.id) seqs.set(e.actor.id, Math.max(seqs.get(e.actor.id) ?? 0, e.seq));
  }
  return seqs;
}

/** Every statement that projects `rooms`; message inserts span conversations. */
function statementsFor(db: Db, rooms: RoomEvents[], now: number): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = [];
  const events = rooms.flatMap((r) => r.events);
  // Changes to a message update its row (./change-projection.ts), after the inserts, so
  // a change in the same batch as its message finds the row.
  for (const json of jsonChunks(events.filter((e) => !isChangeEvent(e)).map(messageTuple))) statements.push(insertMessages(db, json));
  statements.push(...changeStatements(db, events));
  const csat = events.flatMap((e) => (e.type === "csat" ? [{ conversationId: e.conversationId, seq: e.seq, rating: e.rating, comment: e.comment, createdAt: e.at }] : []));
  // A csat row binds 5 parameters: 20 fit under the limit. (The slice once took 15 of
  // every 20, silently dropping the rest.)
  for (let i = 0; i < csat.length; i += CSAT_ROWS_PER_INSERT) statements.push(db.insert(csatResponses).values(csat.slice(i, i + CSAT_ROWS_PER_INSERT)).onConflictDoNothing());
  // Opt-outs outlive their conversation (./optout-projection.ts).
  statements.push(...optOutStatements(db, rooms));
  // A queue's capacity reservation ends in the transaction that writes the assignment
  // it was for, so the agent's load counts the conversation exactly once (./capacity.ts).
  const assigned = [...new Set(events.filter((e) => e.type === "assignment").map((e) => e.conversationId))];
  for (let i = 0; i < assigned.length; i += D1_MAX_BOUND_PARAMETERS) {
    statements.push(db.delete(capacityReservations).where(inArray(capacityReservations.conversationId, assigned.slice(i, i + D1_MAX_BOUND_PARAMETERS))));
  }
  for (const { state, events: own } of rooms) {
    // An agent who wrote a message has read the conversation up to it. Done here because
    // a socket send reaches the room without passing any route; the HTTP route also
    // marks it at once, so its caller's next read already shows it.
    for (const [agentId, seq] of agentMessageSeqs(own)) statements.push(readMarkStatement(db, agentId, state.id, seq, now));
  }
  for (const json of jsonChunks(rooms.map((r) => conversationTuple(r.state)))) statements.push(updateConversations(db, json));
  return statements;
}

/** Projects `rooms` (one entry per conversation) in one D1 batch; reports its cost. */
export async function projectBatch(db: Db, rooms: RoomEvents[], now = Date.now()): Promise<ListenerReport> {
  const { rows: _rows, ...report } = await run(db, statementsFor(db, rooms, now), []);
  return report;
}

/** `projectBatch`, with the rooms' list rows read back at the end of the same D1 batch,
 * then `extra` reads (what later pipeline listeners need; their results come back in
 * order as `extra`). D1 runs a batch as one transaction, so the rows are exactly what its
 * commit left — what `GET /conversations` returns from then on — and the live list needs
 * no second round trip to D1 per flush (profiled: that read-back was the larger half of a
 * flush). */
export async function projectBatchAndReadBack(
  db: Db,
  rooms: RoomEvents[],
  extra: readonly BatchItem<"sqlite">[] = [],
  now = Date.now(),
): Promise<ListenerReport & { rows: ConversationSummary[]; extra: unknown[] }> {
  const summaries = summaryReads(
    db,
    rooms.map((r) => r.state.id),
  );
  const { rows, ...report } = await run(db, statementsFor(db, rooms, now), [...summaries, ...extra]);
  return { ...report, rows: rows.slice(0, summaries.length).flat() as ConversationSummary[], extra: rows.slice(summaries.length) };
}

/** Runs `writes` then `reads` in one D1 batch: what the writes wrote, and each read's
 * result in order. `statements` counts the writes only, so the per-message cost figures
 * stay comparable; reads write no rows. */
async function run(db: Db, writes: BatchItem<"sqlite">[], reads: BatchItem<"sqlite">[]): Promise<ListenerReport & { rows: unknown[] }> {
  const [first, ...rest] = [...writes, ...reads];
  if (!first) return { statements: 0, rowsWritten: 0, rows: [] };
  const results = (await db.batch([first, ...rest])) as unknown[];
  let rowsWritten = 0;
  for (const r of results.slice(0, writes.length)) rowsWritten += (r as { meta?: { rows_written?: number } } | null)?.meta?.rows_written ?? 0;
  return { statements: writes.length, rowsWritten, rows: results.slice(writes.length) };
}
