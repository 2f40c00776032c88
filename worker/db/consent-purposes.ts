/**
 * @module The SQL of consent purposes as admins configure them (issue 16): create, change,
 * archive (never delete: records point at them), look up by id or by key. Each write is a
 * statement for the caller's batch, so the audit entry lands with the change or neither
 * does. The key is unique (consent_purposes_key_idx): a duplicate fails the batch, which
 * the route answers with 409.
 */
import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { consentPurposes } from "./schema";
import type { ConsentPurpose } from "../protocol";

export interface PurposeChanges {
  key?: string;
  name?: string;
  description?: string;
  marketing?: boolean;
  /** A time: archived then; null: not archived. */
  archivedAt?: number | null;
}

export function insertPurposeStatement(db: Db, purpose: ConsentPurpose): BatchItem<"sqlite"> {
  return db.insert(consentPurposes).values(purpose);
}

export function updatePurposeStatement(db: Db, id: string, changes: PurposeChanges): BatchItem<"sqlite"> {
  return db.update(consentPurposes).set(changes).where(eq(consentPurposes.id, id));
}

export async function findPurpose(db: Db, id: string): Promise<ConsentPurpose | null> {
  return (await db.select().from(consentPurposes).where(eq(consentPurposes.id, id)).get()) ?? null;
}

export async function findPurposeByKey(db: Db, key: string): Promise<ConsentPurpose | null> {
  return (await db.select().from(consentPurposes).where(eq(consentPurposes.key, key)).get()) ?? null;
}
