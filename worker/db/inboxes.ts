/**
 * @module Inboxes (one per channel account) in D1. The sealed credentials column is only
 * ever written here and read by the channel config (worker/channels/config.ts).
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { inboxes } from "./schema";

export type InboxRow = typeof inboxes.$inferSelect;

export async function updateInbox(db: Db, id: string, changes: Partial<Pick<InboxRow, "name" | "teamId" | "priority" | "settings" | "identitySecret" | "credentials" | "credentialHints">>): Promise<InboxRow | undefined> {
  const [row] = await db.update(inboxes).set(changes).where(eq(inboxes.id, id)).returning();
  return row;
}

export async function insertInbox(db: Db, row: typeof inboxes.$inferInsert): Promise<InboxRow> {
  const [inserted] = await db.insert(inboxes).values(row).returning();
  return inserted!;
}

export async function listInboxes(db: Db): Promise<InboxRow[]> {
  return db.select().from(inboxes).orderBy(asc(inboxes.createdAt));
}

export async function findInboxByPublicKey(db: Db, publicKey: string): Promise<InboxRow | undefined> {
  return db.select().from(inboxes).where(eq(inboxes.publicKey, publicKey)).get();
}

export async function findInbox(db: Db, id: string): Promise<InboxRow | undefined> {
  return db.select().from(inboxes).where(eq(inboxes.id, id)).get();
}

export async function firstWebchatInbox(db: Db): Promise<InboxRow | undefined> {
  return db.select().from(inboxes).where(eq(inboxes.kind, "webchat")).orderBy(asc(inboxes.createdAt)).limit(1).get();
}
