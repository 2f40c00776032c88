/**
 * @module The console's contact panel: who a contact is (details, attributes, tags, the
 * identities channels know them by) and every conversation they had on any channel; and
 * the agents' edits to it. The contact search index follows edits by trigger.
 */
import { desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { summaryColumns } from "./conversations";
import { contactChannelOptouts, contactIdentities, contactTags, contacts, conversations, inboxes, visitorContexts } from "./schema";
import { replaceContactTagsStatements } from "./tags";
import { contactScope, recomputeStatement } from "./contact-priority";
import type { ContactRow } from "./contacts";
import { toVisitorContext } from "./visitor-contexts";
import { MAX_CONTACT_CONVERSATIONS, type ContactDetail } from "../protocol";

export async function contactDetail(db: Db, id: string): Promise<ContactDetail | undefined> {
  const [rows, tagRows, identities, history, visits, optOuts] = await db.batch([
    db.select().from(contacts).where(eq(contacts.id, id)),
    db.select({ tagId: contactTags.tagId }).from(contactTags).where(eq(contactTags.contactId, id)).orderBy(contactTags.tagId),
    db
      .select({ kind: contactIdentities.kind, externalId: contactIdentities.externalId, verifiedAt: contactIdentities.verifiedAt })
      .from(contactIdentities)
      .where(eq(contactIdentities.contactId, id))
      .orderBy(contactIdentities.createdAt),
    // Conversations with no event yet (a visitor who opened the widget) are not history.
    db
      .select(summaryColumns)
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(sql`${conversations.contactId} = ${id} AND ${conversations.lastSeq} > 0`)
      .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
      .limit(MAX_CONTACT_CONVERSATIONS),
    db.select().from(visitorContexts).where(eq(visitorContexts.contactId, id)),
    db
      .select({ inboxId: contactChannelOptouts.inboxId, reason: contactChannelOptouts.reason, at: contactChannelOptouts.at })
      .from(contactChannelOptouts)
      .where(eq(contactChannelOptouts.contactId, id))
      .orderBy(contactChannelOptouts.at),
  ]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    contact: {
      id: row.id,
      name: row.name,
      nameGenerated: row.nameGenerated,
      email: row.email,
      phone: row.phone,
      attributes: row.attributes,
      tagIds: tagRows.map((t) => t.tagId),
      createdAt: row.createdAt,
      priority: row.priority,
      effectivePriority: row.effectivePriority,
    },
    identities: identities.map((i) => ({ kind: i.kind, externalId: i.externalId, verified: i.verifiedAt !== null })),
    conversations: history,
    visitor: visits[0] ? toVisitorContext(visits[0]) : null,
    optOuts,
  };
}

export interface ContactEdit {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Merged into the stored attributes; a null value removes the key. */
  attributes?: Record<string, string | number | boolean | null>;
  /** Replaces the contact's tags. */
  tagIds?: string[];
  /** The contact's own queue priority. */
  priority?: number;
}

/** The attributes `contact` would have after `edit`. */
export function mergedAttributes(contact: ContactRow, edit: ContactEdit): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...contact.attributes };
  for (const [key, value] of Object.entries(edit.attributes ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** Applies `edit` in one batch. Attributes are merged by SQLite's json_patch (RFC 7396:
 * a null removes the key), so two agents editing different keys at once both win. The
 * batch ends by recomputing the contact's effective priority from what it just wrote;
 * returns the contacts whose effective priority changed (this one, or none). */
export async function editContact(db: Db, id: string, edit: ContactEdit): Promise<string[]> {
  const set: Record<string, unknown> = {};
  // An agent's name (or clearing it) is no longer the generated one.
  if (edit.name !== undefined) Object.assign(set, { name: edit.name, nameGenerated: false });
  if (edit.email !== undefined) set.email = edit.email;
  if (edit.phone !== undefined) set.phone = edit.phone;
  if (edit.priority !== undefined) set.priority = edit.priority;
  if (edit.attributes !== undefined) set.attributes = sql`json_patch(${contacts.attributes}, ${JSON.stringify(edit.attributes)})`;
  const statements: BatchItem<"sqlite">[] = [];
  if (Object.keys(set).length > 0) statements.push(db.update(contacts).set(set).where(eq(contacts.id, id)));
  if (edit.tagIds !== undefined) statements.push(...replaceContactTagsStatements(db, id, edit.tagIds));
  if (statements.length === 0) return [];
  const results = await db.batch([...(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]), recomputeStatement(db, contactScope(id))]);
  return (results.at(-1) as { id: string }[]).map((r) => r.id);
}
