/**
 * @module Fixed-window rate limits kept in D1 (login attempts now; widget abuse later).
 * One upsert per check: the counter resets when its window has passed.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

/** Counts one attempt under `key`; returns false once the window's budget is spent. */
export async function takeToken(db: Db, key: string, rule: RateLimit, now = Date.now()): Promise<boolean> {
  const fresh = now - rule.windowMs;
  const row = await db.get<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT(key) DO UPDATE SET
      count = CASE WHEN window_start <= ${fresh} THEN 1 ELSE count + 1 END,
      window_start = CASE WHEN window_start <= ${fresh} THEN ${now} ELSE window_start END
    RETURNING count`);
  return (row?.count ?? 1) <= rule.limit;
}

/** Forgets `key`, e.g. after a successful login. */
export async function clearTokens(db: Db, key: string): Promise<void> {
  await db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}
