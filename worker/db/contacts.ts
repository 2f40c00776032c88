/**
 * @module Contacts and their channel identities in D1.
 */
import { and, count, eq, isNotNull } from "drizzle-orm";
import type { Db } from "./client";
import { contactIdentities, contacts } from "./schema";
import { contactScope, recomputeStatement } from "./contact-priority";
import type { WidgetContact } from "../protocol";
import { MAX_CONTACT_ATTRIBUTES } from "../protocol";

export type ContactRow = typeof contacts.$inferSelect;
export type IdentityRow = typeof contactIdentities.$inferSelect;

/** The identity kind for a host site's own user ids (web chat identify()). */
export const USER_IDENTITY = "user";

export async function findContact(db: Db, id: string): Promise<ContactRow | undefined> {
  return db.select().from(contacts).where(eq(contacts.id, id)).get();
}

export async function findIdentity(db: Db, kind: string, externalId: string): Promise<IdentityRow | undefined> {
  return db.select().from(contactIdentities).where(and(eq(contactIdentities.kind, kind), eq(contactIdentities.externalId, externalId))).get();
}

/** How many identities (of any kind) `contactId` has. */
export async function identityCount(db: Db, contactId: string): Promise<number> {
  const row = await db.select({ n: count() }).from(contactIdentities).where(eq(contactIdentities.contactId, contactId)).get();
  return row?.n ?? 0;
}

/** The verified host-site user id of a contact, if it has one. */
export async function verifiedUserOf(db: Db, contactId: string): Promise<IdentityRow | undefined> {
  return db
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, contactId), eq(contactIdentities.kind, USER_IDENTITY), isNotNull(contactIdentities.verifiedAt)))
    .get();
}

export async function addIdentity(db: Db, row: typeof contactIdentities.$inferInsert): Promise<void> {
  await db.insert(contactIdentities).values(row).onConflictDoNothing();
}

/** Marks an identity verified, for `contactId`: an unverified claim may have been made by
 * anyone, so a verification also decides whose contact the identity belongs to. */
export async function verifyIdentityFor(db: Db, id: string, contactId: string, now: number): Promise<void> {
  await db.update(contactIdentities).set({ verifiedAt: now, contactId }).where(eq(contactIdentities.id, id));
}

export async function insertContact(db: Db, id: string, now: number): Promise<void> {
  await db.insert(contacts).values({ id, createdAt: now });
}

export interface ContactChanges {
  name?: string;
  email?: string;
  phone?: string;
  /** Merged into the stored attributes; a null value removes the key. */
  attributes?: Record<string, string | number | boolean | null>;
}

/** Applies `changes`, recomputing the contact's effective priority in the same batch
 * (its attributes may match a segment rule); returns the contacts whose effective
 * priority changed, or false (writing nothing) if the merged attributes would exceed the
 * limit. */
export async function updateContact(db: Db, contact: ContactRow, changes: ContactChanges): Promise<string[] | false> {
  const set: Partial<typeof contacts.$inferInsert> = {};
  // A name the visitor gives replaces the generated one, and is theirs from then on.
  if (changes.name !== undefined) Object.assign(set, { name: changes.name, nameGenerated: false });
  if (changes.email !== undefined) set.email = changes.email;
  if (changes.phone !== undefined) set.phone = changes.phone;
  if (changes.attributes) {
    const merged: Record<string, unknown> = { ...contact.attributes };
    for (const [k, v] of Object.entries(changes.attributes)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    if (Object.keys(merged).length > MAX_CONTACT_ATTRIBUTES) return false;
    set.attributes = merged;
  }
  if (Object.keys(set).length === 0) return [];
  const [, moved] = await db.batch([db.update(contacts).set(set).where(eq(contacts.id, contact.id)), recomputeStatement(db, contactScope(contact.id))]);
  return moved.map((r) => r.id);
}

/** A generated name is the agents' label, not the visitor's: the widget sees no name, so
 * it still asks for one (pre-chat form) and never greets them by a made-up name. */
export function toWidgetContact(row: ContactRow, verified: boolean): WidgetContact {
  return { id: row.id, name: row.nameGenerated ? null : row.name, email: row.email, phone: row.phone, verified };
}
