/**
 * @module Raw SQL statements for one D1 batch. drizzle's `db.batch` cannot take a raw
 * `db.run(sql…)` that has parameters (its SQLiteRaw has no prepared statement to bind:
 * "Cannot read properties of undefined (reading 'bind')", drizzle-orm 0.45), so the
 * report modules build D1 prepared statements from drizzle's SQL and batch them on D1.
 */
import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

export function prepared(db: Db, query: SQL): D1PreparedStatement {
  const { sql: text, params } = db.run(query).getQuery();
  return db.$client.prepare(text).bind(...params);
}

/** Runs the statements as one D1 batch (one transaction); the rows they wrote. */
export async function runPrepared(db: Db, statements: readonly D1PreparedStatement[]): Promise<number> {
  if (statements.length === 0) return 0;
  const results = await db.$client.batch([...statements]);
  return results.reduce((n, r) => n + (r.meta?.rows_written ?? 0), 0);
}
