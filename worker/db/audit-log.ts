/**
 * @module The audit log's D1 SQL (issue 16): append an entry, list entries for owners.
 * Append-only: nothing here updates or deletes a row, and no route does.
 */
import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { newId, type Db } from "./client";
import { auditLog } from "./schema";
import type { AuditAction, AuditActorType, AuditEntry } from "../protocol";

export interface NewAuditEntry {
  action: AuditAction;
  actor: { type: AuditActorType; id: string | null; name: string | null };
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  /** Names and ids only: never a secret, a password or erased personal data. */
  details?: Record<string, unknown>;
  at: number;
}

/** The insert for one entry, for a caller's own batch: the entry lands with the change it
 * records, or neither does. */
export function auditStatement(db: Db, e: NewAuditEntry): BatchItem<"sqlite"> {
  return db.insert(auditLog).values({
    id: newId(),
    at: e.at,
    action: e.action,
    actorType: e.actor.type,
    actorId: e.actor.id,
    actorName: e.actor.name,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    ip: e.ip ?? null,
    details: e.details ?? {},
  });
}

export async function recordAudit(db: Db, e: NewAuditEntry): Promise<void> {
  await auditStatement(db, e);
}

export interface AuditFilter {
  action?: AuditAction;
  actorId?: string;
  targetId?: string;
  from?: number;
  to?: number;
  /** Keyset cursor: entries strictly before this (at, id). */
  before?: { at: number; id: string };
  limit: number;
}

/** Newest first, filtered, one page. */
export async function listAudit(db: Db, f: AuditFilter): Promise<AuditEntry[]> {
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
  if (f.from !== undefined) where.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) where.push(lte(auditLog.at, f.to));
  if (f.before) where.push(or(lt(auditLog.at, f.before.at), and(eq(auditLog.at, f.before.at), lt(auditLog.id, f.before.id)))!);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit)
    .all();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actor: { type: r.actorType, id: r.actorId, name: r.actorName },
    targetType: r.targetType,
    targetId: r.targetId,
    ip: r.ip,
    details: r.details,
  }));
}
