/**
 * @module Contacts and the conversation list in D1. Conversation rows are created here;
 * after that only the room's projection (./projection.ts) changes them.
 */
import { and, desc, eq, gt, isNull, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { contactIdentities, contacts, conversations, inboxes } from "./schema";
import type { ConversationStatus, ConversationSummary } from "../protocol";
import type { RoomSeed } from "../conversation/commands";

const summaryColumns = {
  id: conversations.id,
  inboxId: conversations.inboxId,
  channel: inboxes.kind,
  contactId: conversations.contactId,
  contactName: contacts.name,
  teamId: conversations.teamId,
  assigneeId: conversations.assigneeId,
  status: conversations.status,
  priority: conversations.priority,
  lastSeq: conversations.lastSeq,
  lastMessagePreview: conversations.lastMessagePreview,
  createdAt: conversations.createdAt,
  lastActivityAt: conversations.lastActivityAt,
  firstResponseAt: conversations.firstResponseAt,
  resolvedAt: conversations.resolvedAt,
  snoozedUntil: conversations.snoozedUntil,
};

function summaries(db: Db) {
  return db
    .select(summaryColumns)
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId));
}

export async function findConversation(db: Db, id: string): Promise<ConversationSummary | undefined> {
  return summaries(db).where(eq(conversations.id, id)).get();
}

/** The seed a room needs on first use. */
export function seedOf(c: ConversationSummary): RoomSeed {
  return {
    id: c.id,
    inboxId: c.inboxId,
    channel: c.channel,
    contactId: c.contactId,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    status: c.status,
    priority: c.priority,
    createdAt: c.createdAt,
    lastActivityAt: c.lastActivityAt,
  };
}

export interface ListFilter {
  status?: ConversationStatus;
  /** An agent id, or null for unassigned. */
  assigneeId?: string | null;
  inboxId?: string;
  teamId?: string;
  /** Keyset cursor: the last row of the previous page. */
  before?: { lastActivityAt: number; id: string };
  limit: number;
}

/** Only conversations with at least one event are listed: a visitor who opened the
 * widget and wrote nothing is not work for anyone. */
export async function listConversations(db: Db, f: ListFilter): Promise<ConversationSummary[]> {
  const where: SQL[] = [gt(conversations.lastSeq, 0)];
  if (f.status) where.push(eq(conversations.status, f.status));
  if (f.assigneeId === null) where.push(isNull(conversations.assigneeId));
  else if (f.assigneeId) where.push(eq(conversations.assigneeId, f.assigneeId));
  if (f.inboxId) where.push(eq(conversations.inboxId, f.inboxId));
  if (f.teamId) where.push(eq(conversations.teamId, f.teamId));
  if (f.before) {
    where.push(
      or(
        lt(conversations.lastActivityAt, f.before.lastActivityAt),
        and(eq(conversations.lastActivityAt, f.before.lastActivityAt), lt(conversations.id, f.before.id)),
      )!,
    );
  }
  return summaries(db)
    .where(and(...where))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(f.limit);
}

// --- contacts ------------------------------------------------------------------------

/** Creates a contact known by one channel identity, and its first conversation in `inbox`,
 * in one batch so a failure leaves neither behind. */
export async function createContactWithConversation(
  db: Db,
  ids: { contactId: string; identityId: string; conversationId: string },
  identity: { kind: string; externalId: string },
  inbox: { id: string; teamId: string | null; priority: number },
  now: number,
): Promise<void> {
  await db.batch([
    db.insert(contacts).values({ id: ids.contactId, createdAt: now }),
    db.insert(contactIdentities).values({ id: ids.identityId, contactId: ids.contactId, kind: identity.kind, externalId: identity.externalId, createdAt: now }),
    insertConversation(db, ids.conversationId, ids.contactId, inbox, now),
  ]);
}

function insertConversation(db: Db, id: string, contactId: string, inbox: { id: string; teamId: string | null; priority: number }, now: number) {
  return db.insert(conversations).values({
    id,
    inboxId: inbox.id,
    contactId,
    teamId: inbox.teamId,
    status: "open",
    priority: inbox.priority,
    createdAt: now,
    lastActivityAt: now,
  });
}

export async function createConversation(db: Db, id: string, contactId: string, inbox: { id: string; teamId: string | null; priority: number }, now: number) {
  await insertConversation(db, id, contactId, inbox, now);
}

/** The contact's most recent conversation in an inbox (web chat keeps one thread per visitor). */
export async function latestConversationOf(db: Db, contactId: string, inboxId: string): Promise<ConversationSummary | undefined> {
  return summaries(db)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.inboxId, inboxId)))
    .orderBy(desc(conversations.createdAt))
    .limit(1)
    .get();
}
