/**
 * @module Fixed-window rate limits kept in D1 (failed sign-ins, widget abuse). One upsert
 * per count: the counter resets when its window has passed.
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

/** The counts of `keys` in their current windows, without counting anything: a key that
 * is absent or whose window has passed counts 0. One read for all keys. */
export async function peekCounts(db: Db, keys: string[], windowMs: number, now = Date.now()): Promise<Map<string, number>> {
  const rows = await db.all<{ key: string; count: number }>(sql`
    SELECT key, count FROM rate_limits
    WHERE key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) AND window_start > ${now - windowMs}`);
  return new Map(keys.map((k) => [k, rows.find((r) => r.key === k)?.count ?? 0]));
}

/** Counts one event under each of `keys` (same rule as `takeToken`, without the verdict),
 * in one statement. */
export async function countUnder(db: Db, keys: string[], windowMs: number, now = Date.now()): Promise<void> {
  if (keys.length === 0) return;
  const fresh = now - windowMs;
  await db.run(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES ${sql.join(keys.map((k) => sql`(${k}, ${now}, 1)`), sql`, `)}
    ON CONFLICT(key) DO UPDATE SET
      count = CASE WHEN window_start <= ${fresh} THEN 1 ELSE count + 1 END,
      window_start = CASE WHEN window_start <= ${fresh} THEN ${now} ELSE window_start END`);
}

/** Forgets `key`, e.g. after a successful login. */
export async function clearTokens(db: Db, key: string): Promise<void> {
  await db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}

/** `takeToken` that also says when the window ends, for a 429's Retry-After. */
export async function takeTokenTimed(db: Db, key: string, rule: RateLimit, now = Date.now()): Promise<{ allowed: boolean; retryAfterMs: number }> {
  const fresh = now - rule.windowMs;
  const row = await db.get<{ count: number; window_start: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT(key) DO UPDATE SET
      count = CASE WHEN window_start <= ${fresh} THEN 1 ELSE count + 1 END,
      window_start = CASE WHEN window_start <= ${fresh} THEN ${now} ELSE window_start END
    RETURNING count, window_start`);
  const start = row?.window_start ?? now;
  return { allowed: (row?.count ?? 1) <= rule.limit, retryAfterMs: Math.max(0, start + rule.windowMs - now) };
}
