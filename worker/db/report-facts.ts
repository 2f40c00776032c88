/**
 * @module Report facts in D1: what the fold needs to continue (cursors, where each
 * conversation came in, the teams' business hours), the stored history it rebuilds from,
 * and the one D1 batch that writes a fold's facts and cursors together. The rollups follow
 * the facts through triggers (migrations/0031_reports.sql), so facts inserted with ON
 * CONFLICT DO NOTHING make a replay add nothing.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import { prepared, runPrepared } from "./raw-batch";
import type { Db } from "./client";
import { conversations, inboxes, messages, teams } from "./schema";
import { reportCursors, reportHistograms, reportRollups, reportSettings } from "./schema-reports";
import { DEFAULT_REPORT_TIME_ZONE } from "./report-settings";
import { clearGrainStatements, hourGrainStatements } from "./report-grains";
import { bucketOf } from "../reports/buckets";
import type { ConversationMeta, FoldState, ReportFact, StateAfter } from "../reports/facts";
import { BusinessHours, isTimed, type ConversationEvent } from "../protocol";

/** D1 binds at most 100 parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/). */
const IDS_PER_STATEMENT = 100;
/** Rows per json_each insert: ~150 bytes a fact, so ~300 KB, well under D1's 2 MB for
 * one bound value (same page). */
const ROWS_PER_INSERT = 2_000;
const HOUR_MS = 3_600_000;

export interface Cursor {
  lastSeq: number;
  state: FoldState;
}

export type FoldInputs = { cursors: Map<string, Cursor>; metas: Map<string, { meta: ConversationMeta; row: StateAfter }>; hours: Map<string, BusinessHours>; timeZone: string };

/** What a pipeline fold reads before it can write, as one list of reads: the
 * conversations' cursors and rows, the teams' hours, the account's zone. The pipeline
 * runs them at the end of the projection's D1 batch (../pipeline/types.ts `reads`);
 * `foldInputs` runs them on their own. Separate reads were four calls per flush on the
 * pipeline's path (issue 10). */
export function foldInputReads(db: Db, ids: readonly string[]) {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) chunks.push(ids.slice(i, i + IDS_PER_STATEMENT));
  return [
    db.select({ timeZone: reportSettings.timeZone }).from(reportSettings).where(eq(reportSettings.id, 1)),
    db.select({ id: teams.id, hours: teams.businessHours }).from(teams),
    ...chunks.map((chunk) => db.select().from(reportCursors).where(inArray(reportCursors.conversationId, chunk))),
    ...chunks.map((chunk) => db.select(metaColumns).from(conversations).innerJoin(inboxes, eq(inboxes.id, conversations.inboxId)).where(inArray(conversations.id, chunk))),
  ] as const;
}

/** `foldInputReads`' results (in its order) as the fold's inputs. */
export function foldInputsFrom(results: readonly unknown[]): FoldInputs {
  const [zoneRows, hourRows, ...rest] = results as [Array<{ timeZone: string }>, Array<{ id: string; hours: BusinessHours | null }>, ...unknown[][]];
  const chunks = rest.length / 2;
  const cursors = new Map<string, Cursor>();
  const metas = new Map<string, { meta: ConversationMeta; row: StateAfter }>();
  rest.forEach((rows, i) => {
    if (i < chunks) for (const r of rows as (typeof reportCursors.$inferSelect)[]) cursors.set(r.conversationId, { lastSeq: r.lastSeq, state: r.state });
    else for (const r of rows as MetaRow[]) metas.set(r.id, { meta: metaOf(r), row: r });
  });
  return { cursors, metas, hours: hoursOf(hourRows), timeZone: zoneRows[0]?.timeZone ?? DEFAULT_REPORT_TIME_ZONE };
}

/** The fold's inputs in one D1 round trip of their own. */
export async function foldInputs(db: Db, ids: readonly string[]): Promise<FoldInputs> {
  const [first, ...rest] = foldInputReads(db, ids);
  return foldInputsFrom(await db.batch([first, ...rest]));
}

type MetaRow = { id: string; inboxId: string; kind: ConversationMeta["channel"]; settings: Record<string, unknown> } & StateAfter;

function metaOf(r: MetaRow): ConversationMeta {
  // The web chat asks for a rating when an agent resolves, unless its inbox turned the
  // survey off (protocol/webchat.ts WebchatSettings.csat, default on).
  return { id: r.id, inboxId: r.inboxId, channel: r.kind, asksCsat: r.kind === "webchat" && r.settings.csat !== false };
}

const metaColumns = {
  id: conversations.id,
  inboxId: conversations.inboxId,
  kind: inboxes.kind,
  settings: inboxes.settings,
  status: conversations.status,
  teamId: conversations.teamId,
  assigneeId: conversations.assigneeId,
};

/** Where each conversation came in, and its row as D1 has it now. */
export async function conversationMetas(db: Db, ids: readonly string[]): Promise<Map<string, { meta: ConversationMeta; row: StateAfter }>> {
  const found = new Map<string, { meta: ConversationMeta; row: StateAfter }>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const rows = await db
      .select(metaColumns)
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(inArray(conversations.id, ids.slice(i, i + IDS_PER_STATEMENT)));
    for (const r of rows) found.set(r.id, { meta: metaOf(r), row: r });
  }
  return found;
}

/** Every team's business hours (a small table: one read per batch). */
export async function teamHours(db: Db): Promise<Map<string, BusinessHours>> {
  return hoursOf(await db.select({ id: teams.id, hours: teams.businessHours }).from(teams));
}

function hoursOf(rows: { id: string; hours: unknown }[]): Map<string, BusinessHours> {
  const hours = new Map<string, BusinessHours>();
  for (const r of rows) {
    const parsed = BusinessHours.safeParse(r.hours);
    if (parsed.success) hours.set(r.id, parsed.data);
  }
  return hours;
}

type StoredRow = { conversationId: string; seq: number; id: string; at: number; body: string | null; event: Record<string, unknown> };

function eventOf(r: StoredRow): ConversationEvent {
  // The row's columns plus its `event` JSON are the event (worker/db/projection.ts).
  return { ...r.event, seq: r.seq, id: r.id, conversationId: r.conversationId, at: r.at, body: r.body ?? "" } as unknown as ConversationEvent;
}

const storedColumns = { conversationId: messages.conversationId, seq: messages.seq, id: messages.id, at: messages.createdAt, body: messages.body, event: messages.event };

/** One conversation's stored history (D1 `messages`, which holds every event but the
 * changes to a message, which no report reads), in seq order, up to `throughSeq`. */
export async function storedEvents(db: Db, conversationId: string, throughSeq = Number.MAX_SAFE_INTEGER): Promise<ConversationEvent[]> {
  const rows = await db
    .select(storedColumns)
    .from(messages)
    .where(sql`${messages.conversationId} = ${conversationId} AND ${messages.seq} <= ${throughSeq}`)
    .orderBy(asc(messages.seq));
  return rows.map(eventOf);
}

/** The stored histories of `ids`, by conversation, each in seq order. */
export async function storedEventsOf(db: Db, ids: readonly string[]): Promise<Map<string, ConversationEvent[]>> {
  // The ids as one JSON parameter: a page may name more than D1's 100 bound values.
  const rows = await db
    .select(storedColumns)
    .from(messages)
    .where(sql`${messages.conversationId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`).orderBy(asc(messages.conversationId), asc(messages.seq));
  const found = new Map<string, ConversationEvent[]>();
  for (const r of rows) {
    const list = found.get(r.conversationId) ?? [];
    list.push(eventOf(r));
    found.set(r.conversationId, list);
  }
  return found;
}

/** A page of conversation ids that have events, after `afterId`, for the rebuild. */
export async function conversationIdsAfter(db: Db, afterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(sql`${conversations.id} > ${afterId} AND ${conversations.lastSeq} > 0`)
    .orderBy(asc(conversations.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** A fact as the JSON array the insert below reads, in its column order. */
function factTuple(f: ReportFact): (string | number | null)[] {
  const timed = isTimed(f.metric);
  return [
    f.conversationId,
    f.seq,
    f.metric,
    f.at,
    hourOf(f.at),
    f.inboxId,
    f.teamId ?? "",
    f.agentId ?? "",
    f.channel,
    f.value,
    f.businessValue,
    timed && f.value !== null ? bucketOf(f.value) : null,
    timed && f.businessValue !== null ? bucketOf(f.businessValue) : null,
  ];
}

function hourOf(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

/**
 * The statements that store `facts` (each at most once) and move the cursors forward,
 * after the grains rows of the facts' hours cut in `timeZone` (./report-grains.ts). Rows
 * travel as one JSON parameter per statement read with json_each, not as bound values:
 * D1 binds at most 100 values per statement, which made a fact 13 of them and a batch of
 * a busy flush dozens of statements.
 */
export function foldStatements(db: Db, facts: readonly ReportFact[], cursors: ReadonlyMap<string, Cursor>, timeZone: string): D1PreparedStatement[] {
  const statements = hourGrainStatements(
    db,
    facts.map((f) => hourOf(f.at)),
    timeZone,
  );
  const rows = facts.map(factTuple);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT));
    statements.push(
      prepared(db, sql`INSERT INTO report_facts (conversation_id, seq, metric, at, hour, inbox_id, team_id, agent_id, channel, value, business_value, bucket, business_bucket)
        SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9, j.value ->> 10, j.value ->> 11, j.value ->> 12
        FROM json_each(${json}) j WHERE true
        ON CONFLICT DO NOTHING`),
    );
  }
  const cursorRows = [...cursors].map(([conversationId, c]) => [conversationId, c.lastSeq, JSON.stringify(c.state)]);
  for (let i = 0; i < cursorRows.length; i += ROWS_PER_INSERT) {
    const json = JSON.stringify(cursorRows.slice(i, i + ROWS_PER_INSERT));
    // Only forward: a replayed, older batch never winds a cursor back.
    statements.push(
      prepared(db, sql`INSERT INTO report_cursors (conversation_id, last_seq, state)
        SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(${json}) j WHERE true
        ON CONFLICT (conversation_id) DO UPDATE SET last_seq = excluded.last_seq, state = excluded.state WHERE report_cursors.last_seq < excluded.last_seq`),
    );
  }
  return statements;
}

/** How many rows one delete statement of the rebuild takes: a bounded statement keeps
 * each under D1's per-query time limit whatever the history's size. */
const DELETE_CHUNK = 5_000;

/** Empties the rollups, histograms, facts and cursors, chunk by chunk (rollups first, so
 * the facts' delete trigger finds nothing left to subtract from). */
export async function clearReportData(db: Db): Promise<void> {
  await runPrepared(db, clearGrainStatements(db));
  await db.delete(reportRollups);
  await db.delete(reportHistograms);
  for (const table of ["report_facts", "report_cursors"] as const) {
    for (;;) {
      const result = await db.run(sql.raw(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} LIMIT ${DELETE_CHUNK})`));
      if ((result.meta.changes ?? 0) < DELETE_CHUNK) break;
    }
  }
}
