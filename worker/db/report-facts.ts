/**
 * @module Report facts in D1: what the fold needs to continue (cursors, where each
 * conversation came in, the teams' business hours), the stored history it rebuilds from,
 * and the one D1 batch that writes a fold's facts and cursors together. The rollups follow
 * the facts through triggers (migrations/0031_reports.sql), so facts inserted with ON
 * CONFLICT DO NOTHING make a replay add nothing.
 */
import { asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { conversations, inboxes, messages, teams } from "./schema";
import { reportCursors, reportFacts, reportHistograms, reportRollups } from "./schema-reports";
import { bucketOf } from "../reports/buckets";
import type { ConversationMeta, FoldState, ReportFact, StateAfter } from "../reports/facts";
import { BusinessHours, isTimed, type ConversationEvent } from "../protocol";

/** D1 binds at most 100 parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/): a fact row binds 13. */
const D1_MAX_BOUND_PARAMETERS = 100;
const FACT_ROWS_PER_INSERT = Math.floor(D1_MAX_BOUND_PARAMETERS / 13);
const CURSOR_ROWS_PER_INSERT = Math.floor(D1_MAX_BOUND_PARAMETERS / 3);
const IDS_PER_STATEMENT = D1_MAX_BOUND_PARAMETERS;
const HOUR_MS = 3_600_000;

export interface Cursor {
  lastSeq: number;
  state: FoldState;
}

/** The conversations' cursors, by id (absent: never folded). */
export async function cursorsOf(db: Db, ids: readonly string[]): Promise<Map<string, Cursor>> {
  const found = new Map<string, Cursor>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const rows = await db.select().from(reportCursors).where(inArray(reportCursors.conversationId, ids.slice(i, i + IDS_PER_STATEMENT)));
    for (const r of rows) found.set(r.conversationId, { lastSeq: r.lastSeq, state: r.state });
  }
  return found;
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
  const rows = await db.select({ id: teams.id, hours: teams.businessHours }).from(teams);
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

/** The stored histories of `ids` (at most 100), by conversation, each in seq order. */
export async function storedEventsOf(db: Db, ids: readonly string[]): Promise<Map<string, ConversationEvent[]>> {
  const rows = await db.select(storedColumns).from(messages).where(inArray(messages.conversationId, [...ids])).orderBy(asc(messages.conversationId), asc(messages.seq));
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

function factRow(f: ReportFact): typeof reportFacts.$inferInsert {
  const timed = isTimed(f.metric);
  return {
    conversationId: f.conversationId,
    seq: f.seq,
    metric: f.metric,
    at: f.at,
    hour: Math.floor(f.at / HOUR_MS) * HOUR_MS,
    inboxId: f.inboxId,
    teamId: f.teamId ?? "",
    agentId: f.agentId ?? "",
    channel: f.channel,
    value: f.value,
    businessValue: f.businessValue,
    bucket: timed && f.value !== null ? bucketOf(f.value) : null,
    businessBucket: timed && f.businessValue !== null ? bucketOf(f.businessValue) : null,
  };
}

/** The statements that store `facts` (each at most once) and move the cursors forward. */
export function foldStatements(db: Db, facts: readonly ReportFact[], cursors: ReadonlyMap<string, Cursor>): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = [];
  const rows = facts.map(factRow);
  for (let i = 0; i < rows.length; i += FACT_ROWS_PER_INSERT) statements.push(db.insert(reportFacts).values(rows.slice(i, i + FACT_ROWS_PER_INSERT)).onConflictDoNothing());
  const cursorRows = [...cursors].map(([conversationId, c]) => ({ conversationId, lastSeq: c.lastSeq, state: c.state }));
  for (let i = 0; i < cursorRows.length; i += CURSOR_ROWS_PER_INSERT) {
    statements.push(
      db
        .insert(reportCursors)
        .values(cursorRows.slice(i, i + CURSOR_ROWS_PER_INSERT))
        // Only forward: a replayed, older batch never winds a cursor back.
        .onConflictDoUpdate({
          target: reportCursors.conversationId,
          set: { lastSeq: sql`excluded.last_seq`, state: sql`excluded.state` },
          setWhere: lt(reportCursors.lastSeq, sql`excluded.last_seq`),
        }),
    );
  }
  return statements;
}

/** Runs `statements` as one D1 batch (one transaction): facts and cursors land together. */
export async function runBatch(db: Db, statements: BatchItem<"sqlite">[]): Promise<number> {
  const [first, ...rest] = statements;
  if (!first) return 0;
  const results = (await db.batch([first, ...rest])) as unknown[];
  return results.reduce<number>((n, r) => n + ((r as { meta?: { rows_written?: number } } | null)?.meta?.rows_written ?? 0), 0);
}

/** How many rows one delete statement of the rebuild takes: a bounded statement keeps
 * each under D1's per-query time limit whatever the history's size. */
const DELETE_CHUNK = 5_000;

/** Empties the rollups, histograms, facts and cursors, chunk by chunk (rollups first, so
 * the facts' delete trigger finds nothing left to subtract from). */
export async function clearReportData(db: Db): Promise<void> {
  await db.delete(reportRollups);
  await db.delete(reportHistograms);
  for (const table of ["report_facts", "report_cursors"] as const) {
    for (;;) {
      const result = await db.run(sql.raw(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} LIMIT ${DELETE_CHUNK})`));
      if ((result.meta.changes ?? 0) < DELETE_CHUNK) break;
    }
  }
}
