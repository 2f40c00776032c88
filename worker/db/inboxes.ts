/**
 * @module Inboxes (one per channel account) in D1.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { inboxes } from "./schema";
import type { Inbox } from "../protocol";

export type InboxRow = typeof inboxes.$inferSelect;

export function toInbox(row: InboxRow): Inbox {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    teamId: row.teamId,
    priority: row.priority,
    settings: row.settings,
    publicKey: row.publicKey,
    hasIdentitySecret: row.identitySecret !== null,
    createdAt: row.createdAt,
  };
}

export async function updateInbox(db: Db, id: string, changes: Partial<Pick<InboxRow, "name" | "teamId" | "priority" | "settings" | "identitySecret">>): Promise<InboxRow | undefined> {
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
