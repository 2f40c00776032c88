/**
 * @module Conversation rows in D1: created by the channel seam's find-or-create
 * (../channels/threads.ts) or here (tests and fixtures), read by id, and after that changed only by the room's projection (./projection.ts),
 * except for the agents' classification (./labels.ts). The list is ./conversation-items.ts.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { contactIdentities, contacts, conversations, inboxes } from "./schema";
import type { ConversationSummary } from "../protocol";

/** The list row's columns; a query selecting them joins `inboxes` and `contacts`. */
export const summaryColumns = {
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
  callbackAt: conversations.callbackAt,
  contactPriority: contacts.effectivePriority,
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

/** D1 binds at most 100 parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/). */
const IDS_PER_STATEMENT = 100;

/** The reads that return the list rows of `ids`, for a D1 batch of the caller's own
 * (the projection reads its rows back in the batch that writes them). */
export function summaryReads(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const reads = [];
  for (let i = 0; i < unique.length; i += IDS_PER_STATEMENT) reads.push(summaries(db).where(inArray(conversations.id, unique.slice(i, i + IDS_PER_STATEMENT))));
  return reads;
}

/** The list rows of `ids` as D1 has them (missing ids are left out), in one batch. */
export async function findConversations(db: Db, ids: readonly string[]): Promise<ConversationSummary[]> {
  const [first, ...rest] = summaryReads(db, ids);
  if (!first) return [];
  return (await db.batch([first, ...rest])).flat();
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

/** The contact's most recent conversation in an inbox (the one a reuse rule weighs). */
export async function latestConversationOf(db: Db, contactId: string, inboxId: string): Promise<ConversationSummary | undefined> {
  return summaries(db)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.inboxId, inboxId)))
    .orderBy(desc(conversations.createdAt))
    .limit(1)
    .get();
}
