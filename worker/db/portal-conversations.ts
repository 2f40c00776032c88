/**
 * @module The conversations a portal customer sees: every conversation of their contact,
 * whatever the channel (one contact, many identities), with a portal request's subject.
 * A conversation of another contact is never found here, so it answers 404 like a miss.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { contacts, conversations, inboxes, portalRequests } from "./schema";
import { summaryColumns } from "./conversations";
import type { ConversationSummary } from "../protocol";

/** At most this many, newest activity first: a portal page, not an archive. */
export const PORTAL_LIST_LIMIT = 100;

export type PortalConversationRow = ConversationSummary & { subject: string | null };

function rows(db: Db) {
  return db
    .select({ ...summaryColumns, subject: portalRequests.subject })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(portalRequests, eq(portalRequests.conversationId, conversations.id));
}

export async function conversationsOfContact(db: Db, contactId: string): Promise<PortalConversationRow[]> {
  return rows(db).where(eq(conversations.contactId, contactId)).orderBy(desc(conversations.lastActivityAt), desc(conversations.id)).limit(PORTAL_LIST_LIMIT);
}

/** Conversation `id` if it is the contact's; otherwise undefined, as for no such id. */
export async function conversationOfContact(db: Db, contactId: string, id: string): Promise<PortalConversationRow | undefined> {
  return rows(db)
    .where(and(eq(conversations.id, id), eq(conversations.contactId, contactId)))
    .get();
}

/** The statement recording a request's subject and category, for the caller's batch
 * with the conversation's insert (a replay finds the row there and changes nothing). */
export function portalRequestInsert(db: Db, row: { conversationId: string; contactId: string; subject: string; categoryId: string | null; now: number }) {
  return db
    .insert(portalRequests)
    .values({ conversationId: row.conversationId, contactId: row.contactId, subject: row.subject, categoryId: row.categoryId, createdAt: row.now })
    .onConflictDoNothing();
}
