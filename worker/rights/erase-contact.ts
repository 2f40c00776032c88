/**
 * @module The contact's erasure (LGPD art. 18 VI): asked for by an admin (or a token with
 * `admin`), recorded in `contact_erasures`, then run as the idempotent step sequence of
 * ./erase-conversations.ts with the contact's own rows in the same D1 batch. The run's
 * last write marks it complete and appends the audit entry `contact.erased` together —
 * who asked and when, and counts; never what was erased. A run that fails halfway leaves
 * the row incomplete, and the cron (./pending-erasures.ts) runs it again until it completes.
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Env } from "../env";
import type { Db } from "../db/client";
import { auditStatement } from "../db/audit-log";
import { contactErasures, type ErasureActor } from "../db/schema";
import { conversationIdsOf, eraseContactStatements } from "../db/erasure";
import type { ContactErasure, ErasureCounts } from "../protocol";
import { eraseConversations } from "./erase-conversations";

/** Records the request (again, if a completed erasure is asked for once more: new data may
 * have come in since, and the run is idempotent). */
export async function requestErasure(db: Db, contactId: string, actor: ErasureActor, ip: string | null, now: number): Promise<void> {
  await db
    .insert(contactErasures)
    .values({ contactId, requestedAt: now, actor, ip })
    .onConflictDoUpdate({ target: contactErasures.contactId, set: { requestedAt: now, actor, ip, completedAt: null } });
}

/** Runs the erasure of `contactId` to completion, or throws with it still pending. */
export async function runErasure(env: Env, db: Db, contactId: string, now = Date.now()): Promise<ContactErasure> {
  const request = await db.select().from(contactErasures).where(eq(contactErasures.contactId, contactId)).get();
  if (!request) throw new Error(`no erasure was asked for contact ${contactId}`);
  await db.update(contactErasures).set({ attempts: sql`${contactErasures.attempts} + 1` }).where(eq(contactErasures.contactId, contactId));
  const ids = await conversationIdsOf(db, contactId);
  const { counts } = await eraseConversations(env, db, ids, { scope: "contact", contactId, now, alsoInD1: eraseContactStatements(db, contactId) });
  const completedAt = Date.now();
  await db.batch([
    db.update(contactErasures).set({ completedAt, counts }).where(eq(contactErasures.contactId, contactId)),
    auditStatement(db, {
      action: "contact.erased",
      actor: request.actor,
      targetType: "contact",
      targetId: contactId,
      ip: request.ip,
      details: { ...counts, requestedAt: request.requestedAt },
      at: completedAt,
    }),
  ]);
  return { contactId, requestedAt: request.requestedAt, completedAt, counts };
}

/** Erasures asked for at least `graceMs` ago and not completed (a request's own run may
 * still be going), oldest first. */
export async function pendingErasures(db: Db, now: number, graceMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ contactId: contactErasures.contactId })
    .from(contactErasures)
    .where(and(isNull(contactErasures.completedAt), lt(contactErasures.requestedAt, now - graceMs)))
    .orderBy(contactErasures.requestedAt)
    .limit(limit)
    .all();
  return rows.map((r) => r.contactId);
}

export function noCounts(): ErasureCounts {
  return { conversations: 0, events: 0, files: 0, webhookDeliveries: 0 };
}
