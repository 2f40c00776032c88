/**
 * @module Folds what the pipeline delivers (or the stored history, for a rebuild) into
 * report facts, and writes them with the cursors in one D1 batch.
 *
 * Why a listener of its own, after the projection, writing in a D1 batch of its own
 * rather than inside the projection's: the fold must read where each conversation
 * stopped (its cursor) before it can write. That read rides at the end of the
 * projection's batch (after its writes, so it sees them); the writes need its answer.
 * Replays cannot double count anyway: every fact is keyed by (conversation, seq, metric)
 * and the rollups only move when a fact is really inserted, and a batch the cursor has
 * already passed is skipped whole.
 */
import type { Db } from "../db/client";
import { conversationIdsAfter, conversationMetas, foldInputs, foldStatements, storedEvents, storedEventsOf, teamHours, clearReportData, type Cursor, type FoldInputs } from "../db/report-facts";
import { regrain } from "../db/report-grains";
import { runPrepared } from "../db/raw-batch";
import { reportTimeZone } from "../db/report-settings";
import type { RoomEvents } from "../pipeline/types";
import type { ConversationEvent } from "../protocol";
import { foldFacts, type ConversationMeta, type HoursOf, type ReportFact, type StateAfter } from "./facts";

function hoursLookup(hours: Map<string, NonNullable<ReturnType<HoursOf>>>): HoursOf {
  return (teamId) => (teamId === null ? null : (hours.get(teamId) ?? null));
}

/** The conversations a fold of `rooms` reads. */
export function foldedIds(rooms: readonly RoomEvents[]): string[] {
  return [...new Set(rooms.map((r) => r.state.id))];
}

/** Folds the rooms' new events; returns the rows written (facts, rollups, cursors).
 * `inputs`: what the fold reads, when the caller has read it already (the pipeline reads
 * it inside the projection's batch, after its writes); otherwise read here. */
export async function foldRooms(db: Db, rooms: readonly RoomEvents[], inputs?: FoldInputs): Promise<{ statements: number; rowsWritten: number }> {
  const { cursors, metas, hours, timeZone } = inputs ?? (await foldInputs(db, foldedIds(rooms)));
  const hoursOf = hoursLookup(hours);
  const facts: ReportFact[] = [];
  const moved = new Map<string, Cursor>();
  for (const room of rooms) {
    const found = metas.get(room.state.id);
    if (!found) continue; // not in D1: the projection would have failed first
    const cursor = moved.get(room.state.id) ?? cursors.get(room.state.id) ?? null;
    const fresh = room.events.filter((e) => e.seq > (cursor?.lastSeq ?? 0));
    if (fresh.length === 0) continue; // a replay the cursor has passed
    let events: ConversationEvent[] = fresh;
    let start = cursor;
    // A gap (history from before reports existed, or a cursor lost): fold the stored
    // history from the start instead; facts already stored are ignored by their key.
    if (fresh[0]!.seq !== (cursor?.lastSeq ?? 0) + 1) {
      events = await storedEvents(db, room.state.id, fresh[fresh.length - 1]!.seq);
      start = null;
    }
    const folded = foldFacts(found.meta, start?.state ?? null, events, room.state, hoursOf);
    facts.push(...folded.facts);
    moved.set(room.state.id, { lastSeq: events[events.length - 1]!.seq, state: folded.state });
  }
  const statements = foldStatements(db, facts, moved, timeZone);
  return { statements: statements.length, rowsWritten: await runPrepared(db, statements) };
}

/** How many conversations the rebuild folds per D1 batch: their facts travel in one or
 * two json_each statements (report-facts.ts), so the page is bounded by the histories
 * read at once (~10 rows a conversation), not by D1's 100 bound values. */
const REBUILD_PAGE = 250;

export interface RebuildStep {
  /** Continue after this conversation id; absent: start over (everything is cleared). */
  after?: string;
  /** Stop after about this many conversations (a request's share); absent: all. */
  maxConversations?: number;
}

/**
 * Recomputes the report facts and rollups from the stored history (D1 `messages`):
 * `npm run reports:rebuild`, `POST /api/v1/reports/rebuild`, and the benchmark's seed.
 * Each conversation is folded from its first event with its D1 row as the state after.
 * Resumable: a step with no `after` clears everything first, and the answer's `next`
 * (null once done) is where the following step starts — so a request bounded in time can
 * rebuild any history, one step after another. Pipeline batches that land meanwhile fold
 * into the same facts (keyed) and cursors (forward only), so nothing is counted twice.
 */
export async function rebuildReports(db: Db, step: RebuildStep = {}): Promise<{ conversations: number; facts: number; next: string | null }> {
  if (step.after === undefined) await clearReportData(db);
  const hoursOf = hoursLookup(await teamHours(db));
  const timeZone = await reportTimeZone(db);
  let after = step.after ?? "";
  let conversations = 0;
  let factCount = 0;
  while (conversations < (step.maxConversations ?? Infinity)) {
    const ids = await conversationIdsAfter(db, after, REBUILD_PAGE);
    if (ids.length === 0) {
      // The day and month tables, cut again from the rebuilt hours and checked.
      await regrain(db);
      return { conversations, facts: factCount, next: null };
    }
    const [metas, histories] = await Promise.all([conversationMetas(db, ids), storedEventsOf(db, ids)]);
    const facts: ReportFact[] = [];
    const cursors = new Map<string, Cursor>();
    for (const id of ids) {
      const found = metas.get(id);
      const events = histories.get(id);
      if (!found || !events?.length) continue;
      const folded = foldOne(found.meta, events, found.row, hoursOf);
      facts.push(...folded.facts);
      cursors.set(id, { lastSeq: events[events.length - 1]!.seq, state: folded.state });
    }
    await runPrepared(db, foldStatements(db, facts, cursors, timeZone));
    conversations += ids.length;
    factCount += facts.length;
    after = ids[ids.length - 1]!;
  }
  return { conversations, facts: factCount, next: after };
}

function foldOne(meta: ConversationMeta, events: ConversationEvent[], row: StateAfter, hoursOf: HoursOf) {
  return foldFacts(meta, null, events, row, hoursOf);
}
