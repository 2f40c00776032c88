/**
 * @module Saved custom reports: an admin's own, and those other admins shared.
 */
import { and, desc, eq, or } from "drizzle-orm";
import type { Db } from "./client";
import { savedReports } from "./schema-reports";
import { ReportDefinition, type SavedReport, type SavedReportInput } from "../protocol";

type Row = typeof savedReports.$inferSelect;

function toReport(r: Row): SavedReport {
  return { id: r.id, name: r.name, ownerId: r.ownerId, shared: r.shared, definition: ReportDefinition.parse(r.definition), createdAt: r.createdAt, updatedAt: r.updatedAt };
}

/** The caller's reports and the shared ones, newest first. */
export async function visibleReports(db: Db, agentId: string): Promise<SavedReport[]> {
  const rows = await db
    .select()
    .from(savedReports)
    .where(or(eq(savedReports.ownerId, agentId), eq(savedReports.shared, true)))
    .orderBy(desc(savedReports.createdAt), savedReports.id);
  return rows.map(toReport);
}

export async function insertReport(db: Db, id: string, ownerId: string, input: SavedReportInput, now: number): Promise<SavedReport> {
  const [row] = await db.insert(savedReports).values({ id, ownerId, name: input.name, shared: input.shared, definition: input.definition, createdAt: now, updatedAt: now }).returning();
  return toReport(row!);
}

/** Changes the owner's report; undefined when `ownerId` has no report `id`. */
export async function updateReport(db: Db, id: string, ownerId: string, input: SavedReportInput, now: number): Promise<SavedReport | undefined> {
  const [row] = await db
    .update(savedReports)
    .set({ name: input.name, shared: input.shared, definition: input.definition, updatedAt: now })
    .where(and(eq(savedReports.id, id), eq(savedReports.ownerId, ownerId)))
    .returning();
  return row ? toReport(row) : undefined;
}

export async function deleteReport(db: Db, id: string, ownerId: string): Promise<boolean> {
  const rows = await db.delete(savedReports).where(and(eq(savedReports.id, id), eq(savedReports.ownerId, ownerId))).returning({ id: savedReports.id });
  return rows.length === 1;
}
