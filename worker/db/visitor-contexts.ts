/**
 * @module Web visitors' context in D1 (`visitor_contexts`, one row per contact) and the
 * generated name of an anonymous visitor. Written only when a widget session starts or
 * resumes and when the visitor's page changes, never per message.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { contacts, visitorContexts } from "./schema";
import type { VisitorContext } from "../protocol";

type Row = typeof visitorContexts.$inferInsert;

/** The fields to store: a field left undefined keeps its stored value; null clears it. */
export type VisitorContextChanges = Partial<Omit<Row, "contactId" | "updatedAt">>;

/** Creates or updates `contactId`'s row with `changes`, as one statement (for a batch). */
export function saveVisitorContext(db: Db, contactId: string, changes: VisitorContextChanges, now: number) {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return db
    .insert(visitorContexts)
    .values({ ...set, contactId, updatedAt: now })
    .onConflictDoUpdate({ target: visitorContexts.contactId, set: { ...set, updatedAt: now } });
}

/** Names a contact that has no name (a new anonymous visitor, or one from before names
 * were generated); a contact with any name, given or generated, is left alone. */
export function nameIfNameless(db: Db, contactId: string, name: string) {
  return db
    .update(contacts)
    .set({ name, nameGenerated: true })
    .where(and(eq(contacts.id, contactId), isNull(contacts.name)));
}

/** The contact panel's view of a stored row. */
export function toVisitorContext(row: typeof visitorContexts.$inferSelect): VisitorContext {
  const { contactId: _contactId, ...context } = row;
  return context;
}
