/**
 * @module Canned responses: saved replies an agent inserts by typing `/shortcode` in the
 * composer. Few per installation (an admin writes each one), so a search is a scan.
 */
import { asc, eq, or, sql } from "drizzle-orm";
import type { Db } from "./client";
import { cannedResponses } from "./schema";
import type { CannedResponse } from "../protocol";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

const cannedColumns = { id: cannedResponses.id, shortcode: cannedResponses.shortcode, body: cannedResponses.body };

/** All canned responses, or those whose shortcode or body contains `query` (any letter
 * case): shortcodes starting with it first, then other shortcode matches, then body
 * matches, each group by shortcode. */
export async function listCannedResponses(db: Db, query?: string): Promise<CannedResponse[]> {
  if (!query) return db.select(cannedColumns).from(cannedResponses).orderBy(asc(cannedResponses.shortcode));
  // instr() rather than LIKE: the agent's text is matched literally, % and _ included.
  const needle = query.toLowerCase();
  const inShortcode = sql`instr(${cannedResponses.shortcode}, ${needle})`;
  const inBody = sql`instr(lower(${cannedResponses.body}), ${needle})`;
  return db
    .select(cannedColumns)
    .from(cannedResponses)
    .where(or(sql`${inShortcode} > 0`, sql`${inBody} > 0`))
    .orderBy(sql`CASE WHEN ${inShortcode} = 1 THEN 0 WHEN ${inShortcode} > 0 THEN 1 ELSE 2 END`, asc(cannedResponses.shortcode));
}

/** Throws a unique-constraint error for a shortcode already taken. */
export async function insertCannedResponse(db: Db, canned: CannedResponse, now: number, audit?: BatchItem<"sqlite">): Promise<CannedResponse> {
  await writeAudited(db, db.insert(cannedResponses).values({ ...canned, createdAt: now, updatedAt: now }), audit);
  return canned;
}

export async function updateCannedResponse(db: Db, id: string, changes: { shortcode?: string; body?: string }, now: number, audit?: BatchItem<"sqlite">): Promise<CannedResponse | undefined> {
  const [row] = await writeAudited(db, db.update(cannedResponses).set({ ...changes, updatedAt: now }).where(eq(cannedResponses.id, id)).returning(cannedColumns), audit);
  return row;
}

export async function deleteCannedResponse(db: Db, id: string, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const deleted = await writeAudited(db, db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id }), audit);
  return deleted.length > 0;
}

export async function findCannedResponse(db: Db, id: string): Promise<CannedResponse | undefined> {
  return db.select(cannedColumns).from(cannedResponses).where(eq(cannedResponses.id, id)).get();
}
