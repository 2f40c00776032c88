/**
 * @module Audit entries that land only on a condition (the unconditional insert is
 * ./audit-log.ts `auditStatement`).
 *
 * `auditIfChanged`: the entry lands only when the write just before it changed a row:
 * for a change that is one statement which may find nothing (an update or delete by id,
 * a conditional insert), so "no such id" or a refused condition records nothing, and a
 * real change is recorded in the same D1 transaction as the change itself.
 *
 * It reads SQLite's `changes()` — the rows the most recently completed INSERT, UPDATE or
 * DELETE on the connection changed (https://www.sqlite.org/lang_corefunc.html#changes) —
 * so it must come right after that write in the batch. D1 runs a batch's statements in
 * order, as one transaction (https://developers.cloudflare.com/d1/worker-api/d1-database/#batch);
 * test/worker/audit/audit-conditional.test.ts pins the behaviour on real D1.
 *
 * `auditOnce`: the entry lands only the first time its key is used (the key is its id;
 * ON CONFLICT DO NOTHING), for events that may repeat without telling anything new.
 */
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { newId, type Db } from "./client";
import { auditLog } from "./schema";
import type { NewAuditEntry } from "./audit-log";

const INSERT_IF_CHANGED = `INSERT INTO audit_log (id, at, action, actor_type, actor_id, actor_name, target_type, target_id, ip, details)
  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0`;

function values(e: NewAuditEntry): unknown[] {
  return [newId(), e.at, e.action, e.actor.type, e.actor.id, e.actor.name, e.targetType ?? null, e.targetId ?? null, e.ip ?? null, JSON.stringify(e.details ?? {})];
}

/** For a drizzle batch: `db.batch([write, auditIfChanged(db, entry), …])`. The SELECT's
 * columns are in the table's column order, as INSERT … SELECT takes them. */
export function auditIfChanged(db: Db, e: NewAuditEntry): BatchItem<"sqlite"> {
  const [id, at, action, actorType, actorId, actorName, targetType, targetId, ip, details] = values(e);
  return db.insert(auditLog).select(sql`SELECT ${id}, ${at}, ${action}, ${actorType}, ${actorId}, ${actorName}, ${targetType}, ${targetId}, ${ip}, ${details} WHERE changes() > 0`);
}

/** For a batch of D1 prepared statements (the modules that write raw SQL). */
export function auditIfChangedStatement(d1: D1Database, e: NewAuditEntry): D1PreparedStatement {
  return d1.prepare(INSERT_IF_CHANGED).bind(...values(e));
}

/** The entry with `key` as its id, unless an entry with that id exists already. */
export function auditOnce(db: Db, key: string, e: NewAuditEntry): BatchItem<"sqlite"> {
  return db
    .insert(auditLog)
    .values({ id: key, at: e.at, action: e.action, actorType: e.actor.type, actorId: e.actor.id, actorName: e.actor.name, targetType: e.targetType ?? null, targetId: e.targetId ?? null, ip: e.ip ?? null, details: e.details ?? {} })
    .onConflictDoNothing();
}

/** Runs `write` with `audit` right after it, in one batch (one transaction), and returns
 * what `write` alone would have; without `audit`, just the write. */
export async function writeAudited<T extends BatchItem<"sqlite">>(db: Db, write: T, audit?: BatchItem<"sqlite">): Promise<Awaited<T>> {
  if (!audit) return (await write) as Awaited<T>;
  const [result] = await db.batch([write, audit]);
  return result as Awaited<T>;
}
