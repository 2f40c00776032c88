/**
 * @module The consent ledger's D1 SQL (issue 16): append a grant or revocation, read a
 * contact's records, and derive the current state. Records are never updated; the only
 * delete is a contact's erasure (`eraseConsentStatements`).
 *
 * The state for (contact, channel, purpose) is the latest record — by `at`, then `seq` —
 * whose channel is that channel or "any". So a grant for "any" channel covers WhatsApp
 * until a WhatsApp revocation (a STOP there) or an "any" revocation comes later, and a
 * later WhatsApp grant covers WhatsApp again. No record: no consent.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { newId, type Db } from "./client";
import { consentPurposes, consentRecords } from "./schema";
import type { ConsentAction, ConsentChannel, ConsentPurpose, ConsentRecord, ConsentRecorder, ConsentSource, ConsentState } from "../protocol";

export interface NewConsentRecord {
  contactId: string;
  channel: ConsentChannel;
  purposeId: string;
  action: ConsentAction;
  source: ConsentSource;
  recordedBy: { type: ConsentRecorder; id: string | null; name: string | null };
  textShown?: string | null;
  evidence?: string | null;
  ip?: string | null;
  at: number;
}

/** The insert for one record, for a caller's own batch (so a record lands with what it
 * rests on, or not at all). `seq` is taken inside the statement: D1 has one writer.
 * `ifAbsent`: a record whose id is already stored is skipped instead of failing the batch
 * — for ids derived from what the record rests on (`kw:<conversation>:<seq>:<purpose>`),
 * so a pipeline batch delivered again records nothing twice. */
export function consentRecordStatement(db: Db, r: NewConsentRecord, id = newId(), opts: { ifAbsent?: boolean } = {}): BatchItem<"sqlite"> {
  const insert = db.insert(consentRecords).values({
    id,
    seq: sql`(SELECT coalesce(max(${consentRecords.seq}), 0) + 1 FROM ${consentRecords})`,
    contactId: r.contactId,
    channel: r.channel,
    purposeId: r.purposeId,
    action: r.action,
    source: r.source,
    recordedByType: r.recordedBy.type,
    recordedById: r.recordedBy.id,
    recordedByName: r.recordedBy.name,
    textShown: r.textShown ?? null,
    evidence: r.evidence ?? null,
    ip: r.ip ?? null,
    at: r.at,
  });
  return opts.ifAbsent ? insert.onConflictDoNothing({ target: consentRecords.id }) : insert;
}

/** Of `ids`, those stored. */
export async function storedConsentRecordIds(db: Db, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  // Chunked under D1's 100 bound parameters per statement (https://developers.cloudflare.com/d1/platform/limits/).
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db.select({ id: consentRecords.id }).from(consentRecords).where(inArray(consentRecords.id, ids.slice(i, i + 90))).all();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

/** Appends one record on its own; answers its id. */
export async function recordConsent(db: Db, r: NewConsentRecord): Promise<string> {
  const id = newId();
  await consentRecordStatement(db, r, id);
  return id;
}

type RecordRow = typeof consentRecords.$inferSelect;

function toRecord(row: RecordRow): ConsentRecord {
  return {
    id: row.id,
    contactId: row.contactId,
    channel: row.channel,
    purposeId: row.purposeId,
    action: row.action,
    source: row.source,
    recordedBy: { type: row.recordedByType, id: row.recordedById, name: row.recordedByName },
    textShown: row.textShown,
    evidence: row.evidence,
    ip: row.ip,
    at: row.at,
  };
}

/** Every record of the contact, newest first: the ledger as the console shows it. */
export async function consentRecordsOf(db: Db, contactId: string): Promise<ConsentRecord[]> {
  const rows = await db.select().from(consentRecords).where(eq(consentRecords.contactId, contactId)).orderBy(desc(consentRecords.at), desc(consentRecords.seq)).all();
  return rows.map(toRecord);
}

/** The record the state of (contact, channel, purpose) rests on, or null: no consent asked
 * or recorded. */
export async function currentConsent(db: Db, contactId: string, channel: ConsentChannel, purposeId: string): Promise<ConsentRecord | null> {
  const row = await db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.contactId, contactId), eq(consentRecords.purposeId, purposeId), inArray(consentRecords.channel, channel === "any" ? ["any"] : [channel, "any"])))
    .orderBy(desc(consentRecords.at), desc(consentRecords.seq))
    .limit(1)
    .get();
  return row ? toRecord(row) : null;
}

/** Whether the contact currently consents to `purposeId` on `channel`. */
export async function hasConsent(db: Db, contactId: string, channel: ConsentChannel, purposeId: string): Promise<boolean> {
  return (await currentConsent(db, contactId, channel, purposeId))?.action === "grant";
}

/** Of `contactIds`, those who currently consent to `purposeId` on `channel`: one query for
 * a whole segment (campaigns). Chunked under D1's 100 bound parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/). */
export async function consentingContacts(db: Db, contactIds: readonly string[], channel: ConsentChannel, purposeId: string): Promise<Set<string>> {
  const out = new Set<string>();
  const channels: ConsentChannel[] = channel === "any" ? ["any"] : [channel, "any"];
  for (let i = 0; i < contactIds.length; i += 90) {
    const chunk = contactIds.slice(i, i + 90);
    const rows = await db
      .select({ contactId: consentRecords.contactId, action: consentRecords.action, at: consentRecords.at, seq: consentRecords.seq })
      .from(consentRecords)
      .where(and(inArray(consentRecords.contactId, chunk), eq(consentRecords.purposeId, purposeId), inArray(consentRecords.channel, channels)))
      .orderBy(asc(consentRecords.at), asc(consentRecords.seq))
      .all();
    const latest = new Map<string, ConsentAction>();
    for (const r of rows) latest.set(r.contactId, r.action);
    for (const [id, action] of latest) if (action === "grant") out.add(id);
  }
  return out;
}

/** The derived state of every (channel, purpose) the contact has records for. */
export function consentStates(records: readonly ConsentRecord[]): ConsentState[] {
  const byKey = new Map<string, ConsentRecord>();
  // records arrive newest first: the first seen per key is the latest.
  for (const r of records) {
    const key = `${r.channel}\u0000${r.purposeId}`;
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return [...byKey.values()].map((r) => ({ channel: r.channel, purposeId: r.purposeId, granted: r.action === "grant", recordId: r.id, at: r.at }));
}

/** The erasure's delete of the contact's records (the only delete the ledger allows). */
export function eraseConsentStatements(db: Db, contactId: string): BatchItem<"sqlite">[] {
  return [db.delete(consentRecords).where(eq(consentRecords.contactId, contactId))];
}

export async function listPurposes(db: Db, includeArchived = false): Promise<ConsentPurpose[]> {
  const rows = await db.select().from(consentPurposes).orderBy(asc(consentPurposes.createdAt), asc(consentPurposes.name)).all();
  return rows.filter((r) => includeArchived || r.archivedAt === null);
}

/** The purposes STOP/SAIR revokes. */
export async function marketingPurposeIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: consentPurposes.id }).from(consentPurposes).where(eq(consentPurposes.marketing, true)).all();
  return rows.map((r) => r.id);
}
