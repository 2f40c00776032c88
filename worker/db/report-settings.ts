/**
 * @module The account's reporting time zone (one row, seeded America/Sao_Paulo by
 * migrations/0031_reports.sql): days, weeks and months of the time series are cut in it.
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { reportSettings } from "./schema-reports";

/** The fallback should the row ever be missing: most of our help desks are in Brazil. */
export const DEFAULT_REPORT_TIME_ZONE = "America/Sao_Paulo";

export async function reportTimeZone(db: Db): Promise<string> {
  const row = await db.select({ timeZone: reportSettings.timeZone }).from(reportSettings).where(eq(reportSettings.id, 1)).get();
  return row?.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
}

/** Saves the zone and, in the same statement, switches off the day and month grains cut
 * in the old one (./report-grains.ts). */
export async function setReportTimeZone(db: Db, timeZone: string): Promise<void> {
  await db
    .insert(reportSettings)
    .values({ id: 1, timeZone, grainTimeZone: null, grainStartedAt: null })
    // A regrain for the old zone may still run: forget it, so the new zone's starts now.
    .onConflictDoUpdate({ target: reportSettings.id, set: { timeZone, grainTimeZone: null, grainStartedAt: null } });
}
