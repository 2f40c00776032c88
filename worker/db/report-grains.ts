/**
 * @module The day and month grains of the reports (migrations/0032_report_grains.sql):
 * whether reports may read them, the hour → local day/month rows the fold writes before
 * its facts, and the regrain job that rebuilds them from the hourly tables.
 *
 * The rule that keeps a report right: the coarse tables are read only while
 * `grain_time_zone` equals the account's zone. A zone change clears it; so does any fold
 * batch that cut its hours with a zone that is no longer the account's (its hours may then
 * have no grains row, and their facts would be missing from the coarse tables). The
 * regrain job sets it again only after checking the month rows against the hourly ones
 * in one read.
 */
import { sql } from "drizzle-orm";
import { prepared, runPrepared } from "./raw-batch";
import type { Db } from "./client";
import { reportTimeZone } from "./report-settings";
import { localGrains, monthEnd, type LocalGrains } from "../reports/local-grains";

/** How many hours one grains insert carries, as one JSON parameter (a year is 8,784):
 * well under D1's 2 MB for a bound value (https://developers.cloudflare.com/d1/platform/limits/). */
const HOURS_PER_INSERT = 5_000;

const cached = new Map<string, LocalGrains>();

/** The zone's grains, kept per isolate (their day and month lookups are memoized). */
export function grainsOfZone(timeZone: string): LocalGrains {
  let g = cached.get(timeZone);
  if (!g) {
    g = localGrains(timeZone);
    cached.set(timeZone, g);
  }
  return g;
}

/** The account's grains if the coarse tables are current for its zone, else null. */
export async function readableGrains(db: Db): Promise<LocalGrains | null> {
  const row = await db.get<{ zone: string; grainZone: string | null }>(sql`SELECT time_zone AS zone, grain_time_zone AS grainZone FROM report_settings WHERE id = 1`);
  return row && row.grainZone === row.zone ? grainsOfZone(row.zone) : null;
}

/** Statements that go first in a fold's batch: the grains rows of `hours` cut in
 * `timeZone` — written only if that is still the account's zone, and if it is not, the
 * coarse tables switched off until the next regrain. Same transaction as the facts, so no
 * zone change can fall between the check and the facts' triggers. */
export function hourGrainStatements(db: Db, hours: readonly number[], timeZone: string): D1PreparedStatement[] {
  if (hours.length === 0) return [];
  const g = grainsOfZone(timeZone);
  const rows = JSON.stringify([...new Set(hours)].map((h) => [h, g.dayStart(h), g.monthStart(h)]));
  return [
    prepared(db, sql`UPDATE report_settings SET grain_time_zone = NULL WHERE id = 1 AND time_zone <> ${timeZone}`),
    prepared(db, sql`INSERT INTO report_hour_grains (hour, day, month)
      SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(${rows}) j
      WHERE (SELECT time_zone FROM report_settings WHERE id = 1) = ${timeZone}
      ON CONFLICT DO NOTHING`),
  ];
}

/** Switches the coarse tables off (a zone change): reports read hours until a regrain. */
export async function invalidateGrains(db: Db): Promise<void> {
  await db.run(sql`UPDATE report_settings SET grain_time_zone = NULL WHERE id = 1`);
}

/** Whether the coarse tables are off (the cron then regrains). */
export async function grainsStale(db: Db): Promise<boolean> {
  const row = await db.get<{ stale: number }>(sql`SELECT (grain_time_zone IS NULL OR grain_time_zone <> time_zone) AS stale FROM report_settings WHERE id = 1`);
  return row?.stale === 1;
}

/**
 * Rebuilds the grains rows and the day and month tables from the hourly tables, in the
 * account's zone, then switches them on if a single read finds the month rows equal to
 * the hourly ones (count and sums per metric, histogram counts). Returns whether it did.
 *
 * Safe beside live folds: a fold between two steps either finds its hour's grains row
 * (its triggers then keep the coarse rows in step) or not (the month's insert below then
 * replaces its rows with the hourly sums, which include that fold). Each month is one
 * statement, so no statement scans more than a month of hourly rows.
 */
export async function regrain(db: Db): Promise<boolean> {
  const zone = await reportTimeZone(db);
  const g = grainsOfZone(zone);
  await runPrepared(db, [
    prepared(db, sql`UPDATE report_settings SET grain_time_zone = NULL WHERE id = 1`),
    prepared(db, sql`DELETE FROM report_hour_grains`),
    prepared(db, sql`DELETE FROM report_rollups_coarse`),
    prepared(db, sql`DELETE FROM report_histograms_coarse`),
  ]);
  const hours = (await db.all<{ hour: number }>(sql`SELECT DISTINCT hour FROM report_rollups UNION SELECT DISTINCT hour FROM report_histograms ORDER BY 1`)).map((r) => r.hour);
  for (let i = 0; i < hours.length; i += HOURS_PER_INSERT) {
    const rows = JSON.stringify(hours.slice(i, i + HOURS_PER_INSERT).map((h) => [h, g.dayStart(h), g.monthStart(h)]));
    await db.run(sql`INSERT INTO report_hour_grains (hour, day, month) SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(${rows}) j WHERE true ON CONFLICT DO NOTHING`);
  }
  const months = [...new Set(hours.map((h) => g.monthStart(h)))];
  for (const month of months) {
    const end = monthEnd(g, month);
    // Replace, not add: these sums already hold whatever a trigger added before them.
    await runPrepared(db, [
      prepared(db, sql`INSERT INTO report_rollups_coarse
        SELECT grain, start, inbox_id, team_id, agent_id, channel, metric, sum(n), sum(total), sum(business_total) FROM (
          SELECT 1 AS grain, g.day AS start, r.* FROM report_rollups r JOIN report_hour_grains g ON g.hour = r.hour WHERE r.hour >= ${month} AND r.hour < ${end}
          UNION ALL
          SELECT 2, g.month, r.* FROM report_rollups r JOIN report_hour_grains g ON g.hour = r.hour WHERE r.hour >= ${month} AND r.hour < ${end})
        GROUP BY grain, start, inbox_id, team_id, agent_id, channel, metric
        ON CONFLICT DO UPDATE SET n = excluded.n, total = excluded.total, business_total = excluded.business_total`),
      prepared(db, sql`INSERT INTO report_histograms_coarse
        SELECT grain, start, inbox_id, team_id, agent_id, channel, metric, clock, bucket, sum(n) FROM (
          SELECT 1 AS grain, g.day AS start, h.* FROM report_histograms h JOIN report_hour_grains g ON g.hour = h.hour WHERE h.hour >= ${month} AND h.hour < ${end}
          UNION ALL
          SELECT 2, g.month, h.* FROM report_histograms h JOIN report_hour_grains g ON g.hour = h.hour WHERE h.hour >= ${month} AND h.hour < ${end})
        GROUP BY grain, start, inbox_id, team_id, agent_id, channel, metric, clock, bucket
        ON CONFLICT DO UPDATE SET n = excluded.n`),
    ]);
  }
  // One statement, one snapshot: the month rows against the hourly rows they came from.
  const check = await db.get<{ same: number }>(sql`SELECT
    (SELECT count(*) FROM report_rollups r WHERE NOT EXISTS (SELECT 1 FROM report_hour_grains g WHERE g.hour = r.hour)) = 0
    AND (SELECT count(*) FROM report_histograms h WHERE NOT EXISTS (SELECT 1 FROM report_hour_grains g WHERE g.hour = h.hour)) = 0
    AND (SELECT coalesce(sum(n), 0) || '/' || coalesce(sum(total), 0) || '/' || coalesce(sum(business_total), 0) FROM report_rollups)
      = (SELECT coalesce(sum(n), 0) || '/' || coalesce(sum(total), 0) || '/' || coalesce(sum(business_total), 0) FROM report_rollups_coarse WHERE grain = 2)
    AND (SELECT coalesce(sum(n), 0) FROM report_rollups_coarse WHERE grain = 1) = (SELECT coalesce(sum(n), 0) FROM report_rollups_coarse WHERE grain = 2)
    AND (SELECT coalesce(sum(n), 0) FROM report_histograms) = (SELECT coalesce(sum(n), 0) FROM report_histograms_coarse WHERE grain = 2)
    AND (SELECT coalesce(sum(n), 0) FROM report_histograms_coarse WHERE grain = 1) = (SELECT coalesce(sum(n), 0) FROM report_histograms_coarse WHERE grain = 2) AS same`);
  if (check?.same !== 1) {
    console.warn(JSON.stringify({ msg: "report grains differ from the hourly rollups after a regrain; left off", zone }));
    return false;
  }
  const on = await db.run(sql`UPDATE report_settings SET grain_time_zone = ${zone} WHERE id = 1 AND time_zone = ${zone}`);
  return (on.meta.changes ?? 0) === 1;
}

/** Empties the grains rows and the coarse tables (the rebuild's first step). */
export function clearGrainStatements(db: Db): D1PreparedStatement[] {
  return [prepared(db, sql`UPDATE report_settings SET grain_time_zone = NULL WHERE id = 1`), prepared(db, sql`DELETE FROM report_rollups_coarse`), prepared(db, sql`DELETE FROM report_histograms_coarse`)];
}
