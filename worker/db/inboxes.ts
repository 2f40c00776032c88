/**
 * @module Inboxes (one per channel account) in D1. The sealed credentials column is only
 * ever written here and read by the channel config (worker/channels/config.ts). A deleted
 * inbox (deleted_at set) is found by none of these lookups: they all serve new work.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { inboxes } from "./schema";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

export type InboxRow = typeof inboxes.$inferSelect;

/** Not deleted. */
const live = isNull(inboxes.deletedAt);

/** `audit` (the entry recording the change) lands only if a live inbox changed. */
export async function updateInbox(
  db: Db,
  id: string,
  changes: Partial<Pick<InboxRow, "name" | "teamId" | "priority" | "settings" | "identitySecret" | "credentials" | "credentialHints">>,
  audit?: BatchItem<"sqlite">,
): Promise<InboxRow | undefined> {
  const [row] = await writeAudited(db, db.update(inboxes).set(changes).where(and(eq(inboxes.id, id), live)).returning(), audit);
  return row;
}

/** Marks the inbox deleted; false when there was no live inbox with that id. */
export async function softDeleteInbox(db: Db, id: string, at: number, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const rows = await writeAudited(db, db.update(inboxes).set({ deletedAt: at }).where(and(eq(inboxes.id, id), live)).returning({ id: inboxes.id }), audit);
  return rows.length > 0;
}

export async function insertInbox(db: Db, row: typeof inboxes.$inferInsert, audit?: BatchItem<"sqlite">): Promise<InboxRow> {
  const [inserted] = await writeAudited(db, db.insert(inboxes).values(row).returning(), audit);
  return inserted!;
}

export async function listInboxes(db: Db): Promise<InboxRow[]> {
  return db.select().from(inboxes).where(live).orderBy(asc(inboxes.createdAt));
}

export async function findInboxByPublicKey(db: Db, publicKey: string): Promise<InboxRow | undefined> {
  return db.select().from(inboxes).where(and(eq(inboxes.publicKey, publicKey), live)).get();
}

export async function findInbox(db: Db, id: string): Promise<InboxRow | undefined> {
  return db.select().from(inboxes).where(and(eq(inboxes.id, id), live)).get();
}

export async function firstWebchatInbox(db: Db): Promise<InboxRow | undefined> {
  return db.select().from(inboxes).where(and(eq(inboxes.kind, "webchat"), live)).orderBy(asc(inboxes.createdAt)).limit(1).get();
}
