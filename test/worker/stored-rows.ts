/**
 * "Stored nothing": the D1 row counts a refused request must leave as they were. The
 * tables are read from `sqlite_master`, not listed by hand, so a table a new migration
 * adds is counted the day it lands; leaving one out takes a line in `UNCOUNTED` with the
 * reason (stored-rows.test.ts checks those lines against the schema).
 */
import { env } from "cloudflare:workers";

/** Tables left out of the counts, each with why. */
export const UNCOUNTED: Record<string, string> = {
  messages: "D1 receives messages through the rooms' asynchronous projection (worker/pipeline), not from the request",
  csat_responses: "filled by the same asynchronous projection as messages",
  report_facts: "the report listener's facts, folded by the pipeline after events are stored (worker/reports), not by the request",
  report_rollups: "summed from report_facts by its triggers, in the pipeline",
  report_histograms: "summed from report_facts by its triggers, in the pipeline",
  report_rollups_coarse: "summed from report_rollups by its triggers (days and months), in the pipeline",
  report_histograms_coarse: "summed from report_histograms by its triggers (days and months), in the pipeline",
  report_tag_rollups: "summed from report_facts and the conversations' tags and types by triggers, in the pipeline",
  report_tag_histograms: "summed from report_facts and the conversations' tags and types by triggers, in the pipeline",
  report_tag_rollups_coarse: "summed from report_tag_rollups by its triggers (days and months)",
  report_tag_histograms_coarse: "summed from report_tag_histograms by its triggers (days and months)",
  report_hour_grains: "each hour's local day and month, written by the report listener in the pipeline",
  report_cursors: "the report listener's place per conversation, moved by the pipeline",
  automation_runs: "written by the pipeline's automation listener and the idle cron after events are stored, not by the request",
  webhook_deliveries: "the outbound webhook outboxes' log, written by their alarms after each attempt (worker/webhooks/outbox.ts), not by the request",
  server_keys: "the server's own HMAC keys, minted by the first request that needs one, refused or not (checking a token needs the key); no caller data",
  rate_limits: "counted by the sum of its counters instead (rate_limit_attempts): an attempt bumps its window's counter, which a row count would miss",
};

/** Tables the platform or SQLite keep for themselves: SQLite's own (`sqlite_sequence`,
 * `sqlite_stat1`, https://www.sqlite.org/fileformat2.html#intschema), the runtime's
 * (`_cf_KV`, `_cf_METADATA`) and D1's migration log (`d1_migrations`). */
const INTERNAL = /^(sqlite_|_cf_|d1_)/;

/** The shadow tables an FTS5 table keeps its index in (https://www.sqlite.org/fts5.html,
 * "the FTS5 table's shadow tables"): `<name>_data`, `_idx`, `_content`, `_docsize`, `_config`. */
const FTS5_SHADOWS = ["data", "idx", "content", "docsize", "config"];

/** The tables `storedRows` counts, read from the live schema. Virtual (FTS) tables and
 * their shadow tables are left out: each indexes a table that is counted itself (or
 * uncounted above) and is kept in step with it by triggers. */
export async function countedTables(): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string; sql: string | null }>();
  const virtual = results.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? "")).map((t) => t.name);
  const shadows = new Set(virtual.flatMap((name) => FTS5_SHADOWS.map((suffix) => `${name}_${suffix}`)));
  return results
    .map((t) => t.name)
    .filter((name) => !INTERNAL.test(name) && !virtual.includes(name) && !shadows.has(name) && !(name in UNCOUNTED));
}

/** Row counts of every table a request could write synchronously (sign-in attempts
 * counted by their sum), for asserting that a refused request stored nothing. */
export async function storedRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await countedTables()) {
    // Names come from sqlite_master, quoted as identifiers all the same.
    counts[table] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${table.replace(/"/g, '""')}"`).first<{ n: number }>())!.n;
  }
  counts.rate_limit_attempts = (await env.DB.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM rate_limits").first<{ n: number }>())!.n;
  return counts;
}

/** The counted tables with a column called `column` (say every table that links to a tag
 * by `tag_id`), read from the live schema like `countedTables`, so a check that a delete
 * left no link behind covers a link table added later too. */
export async function tablesWithColumn(column: string): Promise<string[]> {
  const withColumn: string[] = [];
  for (const table of await countedTables()) {
    const { results } = await env.DB.prepare("SELECT name FROM pragma_table_info(?)").bind(table).all<{ name: string }>();
    if (results.some((c) => c.name === column)) withColumn.push(table);
  }
  return withColumn;
}
