/**
 * @module The cron's part in the reports' day and month grains: when they are off (a zone
 * change, a fold cut with a stale zone, a fresh migration over existing data), rebuild them
 * from the hourly tables (../db/report-grains.ts regrain). Reports stay right meanwhile,
 * reading hours only.
 */
import { database } from "../db/client";
import { grainsStale, regrain } from "../db/report-grains";
import type { Env } from "../env";

export async function regrainReportsIfStale(env: Env): Promise<void> {
  const db = database(env.DB);
  try {
    if (await grainsStale(db)) await regrain(db);
  } catch (err) {
    console.warn(JSON.stringify({ msg: "report regrain failed", error: String(err) }));
  }
}
