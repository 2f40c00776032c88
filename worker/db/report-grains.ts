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
import { sql, type SQL } from "drizzle-orm";
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

/** A regrain that started longer ago than this has died (a Worker invocation is long
 * gone by then); a younger one is left to finish. */
export const REGRAIN_RUNNING_MS = 10 * 60_000;

/** Whether the coarse tables are off and no regrain is running (the cron then regrains). */
export async function grainsStale(db: Db, now = Date.now()): Promise<boolean> {
  const row = await db.get<{ stale: number }>(sql`SELECT (grain_time_zone IS NULL OR grain_time_zone <> time_zone)
    AND (grain_started_at IS NULL OR grain_started_at < ${now - REGRAIN_RUNNING_MS}) AS stale FROM report_settings WHERE id = 1`);
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
    prepared(db, sql`UPDATE report_settings SET grain_time_zone = NULL, grain_started_at = ${Date.now()} WHERE id = 1`),
    prepared(db, sql`DELETE FROM report_hour_grains`),
    ...COARSE_TABLES.map((t) => prepared(db, sql.raw(`DELETE FROM ${t}`))),
  ]);
  const hours = (
    await db.all<{ hour: number }>(sql.raw(`${HOURLY_TABLES.map((t) => `SELECT DISTINCT hour FROM ${t}`).join(" UNION ")} ORDER BY 1`))
  ).map((r) => r.hour);
  for (let i = 0; i < hours.length; i += HOURS_PER_INSERT) {
    const rows = JSON.stringify(hours.slice(i, i + HOURS_PER_INSERT).map((h) => [h, g.dayStart(h), g.monthStart(h)]));
    await db.run(sql`INSERT INTO report_hour_grains (hour, day, month) SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(${rows}) j WHERE true ON CONFLICT DO NOTHING`);
  }
  const months = [...new Set(hours.map((h) => g.monthStart(h)))];
  for (const month of months) {
    const end = monthEnd(g, month);
    // Replace, not add: these sums already hold whatever a trigger added before them.
    await runPrepared(
      db,
      GRAINED.map((t) => prepared(db, monthSql(t, month, end))),
    );
  }
  // One statement, one snapshot: the day and month rows against the hourly rows they came from.
  const check = await db.get<{ same: number }>(sql.raw(`SELECT ${GRAINED.map(checkSql).join(" AND ")} AS same`));
  if (check?.same !== 1) {
    console.warn(JSON.stringify({ msg: "report grains differ from the hourly rollups after a regrain; left off", zone }));
    await db.run(sql`UPDATE report_settings SET grain_started_at = NULL WHERE id = 1 AND time_zone = ${zone}`);
    return false;
  }
  // Only if the zone is still the one cut here (else the new zone's regrain owns the row).
  const on = await db.run(sql`UPDATE report_settings SET grain_time_zone = ${zone}, grain_started_at = NULL WHERE id = 1 AND time_zone = ${zone}`);
  return (on.meta.changes ?? 0) === 1;
}

/** Empties the coarse tables and the tag and type rollups (the rebuild's first step:
 * the facts' delete triggers then find nothing to subtract from). */
export function clearGrainStatements(db: Db): D1PreparedStatement[] {
  return [
    prepared(db, sql`UPDATE report_settings SET grain_time_zone = NULL WHERE id = 1`),
    ...COARSE_TABLES.map((t) => prepared(db, sql.raw(`DELETE FROM ${t}`))),
    prepared(db, sql`DELETE FROM report_tag_rollups`),
    prepared(db, sql`DELETE FROM report_tag_histograms`),
  ];
}

/** Each hourly table with its day/month table, its key columns beside hour, and whether
 * it has sums (rollups) or only counts (histograms). */
interface Grained {
  hourly: string;
  coarse: string;
  keys: string;
  sums: boolean;
}

const DIMS = "inbox_id, team_id, agent_id, channel, metric";
const GRAINED: readonly Grained[] = [
  { hourly: "report_rollups", coarse: "report_rollups_coarse", keys: DIMS, sums: true },
  { hourly: "report_histograms", coarse: "report_histograms_coarse", keys: `${DIMS}, clock, bucket`, sums: false },
  { hourly: "report_tag_rollups", coarse: "report_tag_rollups_coarse", keys: `kind, key, ${DIMS}`, sums: true },
  { hourly: "report_tag_histograms", coarse: "report_tag_histograms_coarse", keys: `kind, key, ${DIMS}, clock, bucket`, sums: false },
];
const HOURLY_TABLES = GRAINED.map((t) => t.hourly);
const COARSE_TABLES = GRAINED.map((t) => t.coarse);

/** One month of `t`'s hourly rows summed into its day and month rows, replacing them. */
function monthSql(t: Grained, month: number, end: number): SQL {
  const values = t.sums ? "sum(n), sum(total), sum(business_total)" : "sum(n)";
  const set = t.sums ? "n = excluded.n, total = excluded.total, business_total = excluded.business_total" : "n = excluded.n";
  const cols = t.keys.startsWith("kind") ? `kind, grain, start, ${t.keys.replace("kind, ", "")}` : `grain, start, ${t.keys}`;
  return sql`INSERT INTO ${sql.raw(t.coarse)} (${sql.raw(cols)}, ${sql.raw(t.sums ? "n, total, business_total" : "n")})
    SELECT ${sql.raw(cols)}, ${sql.raw(values)} FROM (
      SELECT 1 AS grain, g.day AS start, r.* FROM ${sql.raw(t.hourly)} r JOIN report_hour_grains g ON g.hour = r.hour WHERE r.hour >= ${month} AND r.hour < ${end}
      UNION ALL
      SELECT 2, g.month, r.* FROM ${sql.raw(t.hourly)} r JOIN report_hour_grains g ON g.hour = r.hour WHERE r.hour >= ${month} AND r.hour < ${end})
    WHERE true GROUP BY ${sql.raw(cols)}
    ON CONFLICT DO UPDATE SET ${sql.raw(set)}`;
}

/** `t`'s check: every hour has its grains row; the month rows and the day rows each sum to
 * the hourly rows (count and sums). */
function checkSql(t: Grained): string {
  const sums = t.sums ? "coalesce(sum(n), 0) || '/' || coalesce(sum(total), 0) || '/' || coalesce(sum(business_total), 0)" : "coalesce(sum(n), 0)";
  return `(SELECT count(*) FROM ${t.hourly} r WHERE NOT EXISTS (SELECT 1 FROM report_hour_grains g WHERE g.hour = r.hour)) = 0
    AND (SELECT ${sums} FROM ${t.hourly}) = (SELECT ${sums} FROM ${t.coarse} WHERE grain = 2)
    AND (SELECT ${sums} FROM ${t.hourly}) = (SELECT ${sums} FROM ${t.coarse} WHERE grain = 1)`;
}
