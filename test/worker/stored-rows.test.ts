/**
 * The "stored nothing" checks count every table D1 has, read from `sqlite_master`: a
 * table a new migration adds is counted without anyone remembering to list it, and
 * leaving a table out takes a stated reason that still names a real table.
 */
import { env } from "cloudflare:workers";
import { getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import { countedTables, storedRows, UNCOUNTED } from "./stored-rows";

const LATE_TABLE = "late_arrivals";

describe("storedRows", () => {
  afterEach(async () => {
    await env.DB.exec(`DROP TABLE IF EXISTS ${LATE_TABLE}`);
  });

  it("counts every table the schema declares, except the uncounted ones, and nothing else but internals", async () => {
    const declared = Object.values(schema)
      .filter((value) => is(value, SQLiteTable))
      .map((table) => getTableName(table as SQLiteTable))
      .sort();
    expect(declared.length).toBeGreaterThan(10);
    expect(await countedTables()).toEqual(declared.filter((name) => !(name in UNCOUNTED)));
  });

  it("leaves out only tables that exist, each with a reason", async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{ name: string }>();
    const names = results.map((r) => r.name);
    for (const [table, reason] of Object.entries(UNCOUNTED)) {
      expect(names, `UNCOUNTED names ${table}, which D1 does not have`).toContain(table);
      expect(reason.length, table).toBeGreaterThan(20);
    }
  });

  it("catches a row written to a table created after it was written, as a new migration's would be", async () => {
    await env.DB.exec(`CREATE TABLE ${LATE_TABLE} (id TEXT PRIMARY KEY)`);
    const before = await storedRows();
    expect(before[LATE_TABLE]).toBe(0);
    await env.DB.prepare(`INSERT INTO ${LATE_TABLE} (id) VALUES (?)`).bind("written by a refused request").run();
    const after = await storedRows();
    expect(after).not.toEqual(before);
    expect(after[LATE_TABLE]).toBe(1);
  });

  it("leaves out SQLite's, the runtime's and D1's own tables and the search index's shadow tables", async () => {
    const counted = await countedTables();
    for (const name of counted) expect(name).not.toMatch(/^(sqlite_|_cf_|d1_)|_fts(_(data|idx|content|docsize|config))?$/);
    // The search index is there to be left out (migrations/0002_console.sql).
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'messages_fts%'").all<{ name: string }>();
    expect(results.length).toBeGreaterThan(1);
  });
});
