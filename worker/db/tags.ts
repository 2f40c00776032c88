/**
 * @module Tags and what carries them: conversations, single messages and contacts. A set
 * is always replaced whole, in one batch, and only with tags that exist at that moment
 * (INSERT … SELECT FROM tags), so a tag deleted meanwhile is dropped rather than failing
 * a foreign key halfway. Contact tags feed the contact's queue priority: callers of
 * `replaceContactTagsStatements` recompute it in the same batch (./contact-priority.ts).
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { labelKey } from "./label-key";
import { contactTags, conversationTags, messageTags, priorityRules, tags } from "./schema";
import { conditionScope, recomputeStatement } from "./contact-priority";
import type { Tag } from "../protocol";
import { writeAudited } from "./audit-conditional";

const tagColumns = { id: tags.id, name: tags.name, color: tags.color };

export async function listTags(db: Db): Promise<Tag[]> {
  return db.select(tagColumns).from(tags).orderBy(asc(sql`lower(${tags.name})`), asc(tags.id));
}

export async function findTag(db: Db, id: string): Promise<Tag | undefined> {
  return db.select(tagColumns).from(tags).where(eq(tags.id, id)).get();
}

/** Throws a unique-constraint error for a name already taken (in any letter case). */
export async function insertTag(db: Db, tag: Tag, now: number, audit?: BatchItem<"sqlite">): Promise<Tag> {
  await writeAudited(db, db.insert(tags).values({ ...tag, nameKey: labelKey(tag.name), createdAt: now }), audit);
  return tag;
}

/** Throws a unique-constraint error for a name already taken by another tag. */
export async function updateTag(db: Db, id: string, changes: { name?: string; color?: string }, audit?: BatchItem<"sqlite">): Promise<Tag | undefined> {
  if (changes.name === undefined && changes.color === undefined) return findTag(db, id);
  const set = changes.name === undefined ? changes : { ...changes, nameKey: labelKey(changes.name) };
  const [row] = await writeAudited(db, db.update(tags).set(set).where(eq(tags.id, id)).returning(tagColumns), audit);
  return row;
}

/** Deletes the tag and takes it off every conversation, message and contact, and
 * deletes the segment rules on it, together. The contacts that carried it get their
 * effective priority recomputed after the rules go and before the tag leaves them (so
 * the scope can still find them). Returns null if there was no such tag, else the
 * contacts whose effective priority changed. */
export async function deleteTag(db: Db, id: string, audit?: BatchItem<"sqlite">): Promise<string[] | null> {
  const results = await db.batch([
    db.delete(priorityRules).where(eq(priorityRules.tagId, id)),
    recomputeStatement(db, conditionScope({ kind: "tag", tagId: id })),
    db.delete(conversationTags).where(eq(conversationTags.tagId, id)),
    db.delete(messageTags).where(eq(messageTags.tagId, id)),
    db.delete(contactTags).where(eq(contactTags.tagId, id)),
    db.delete(tags).where(eq(tags.id, id)).returning({ id: tags.id }),
    ...(audit ? [audit] : []),
  ]);
  return results[5].length > 0 ? results[1].map((r) => r.id) : null;
}

/** The ids among `ids` that name no tag. */
export async function unknownTagIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = new Set((await db.select({ id: tags.id }).from(tags).where(inArray(tags.id, ids))).map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** `SELECT <first>, id FROM tags WHERE id IN (ids)`: rows for an INSERT … SELECT whose
 * last column is the tag id, with the ids as one JSON parameter. */
const withExistingTags = (first: SQL) =>
  (ids: string[]) => sql`SELECT ${first}, ${tags.id} FROM ${tags} WHERE ${tags.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

// --- conversations -------------------------------------------------------------------

export async function replaceConversationTags(db: Db, conversationId: string, tagIds: string[]): Promise<string[]> {
  const [, , rows] = await db.batch([
    db.delete(conversationTags).where(eq(conversationTags.conversationId, conversationId)),
    db.insert(conversationTags).select(withExistingTags(sql`${conversationId}`)(tagIds)),
    db.select({ tagId: conversationTags.tagId }).from(conversationTags).where(eq(conversationTags.conversationId, conversationId)).orderBy(conversationTags.tagId),
  ]);
  return rows.map((r) => r.tagId);
}

// --- messages ------------------------------------------------------------------------

export async function replaceMessageTags(db: Db, conversationId: string, seq: number, tagIds: string[]): Promise<string[]> {
  const at = and(eq(messageTags.conversationId, conversationId), eq(messageTags.seq, seq));
  const [, , rows] = await db.batch([
    db.delete(messageTags).where(at),
    db.insert(messageTags).select(withExistingTags(sql`${conversationId}, ${seq}`)(tagIds)),
    db.select({ tagId: messageTags.tagId }).from(messageTags).where(at).orderBy(messageTags.tagId),
  ]);
  return rows.map((r) => r.tagId);
}

/** Every tagged message of a conversation, in seq order. */
export async function messageTagsOf(db: Db, conversationId: string): Promise<Array<{ seq: number; tagIds: string[] }>> {
  const rows = await db
    .select({ seq: messageTags.seq, tagId: messageTags.tagId })
    .from(messageTags)
    .where(eq(messageTags.conversationId, conversationId))
    .orderBy(messageTags.seq, messageTags.tagId);
  const bySeq = new Map<number, string[]>();
  for (const r of rows) bySeq.set(r.seq, [...(bySeq.get(r.seq) ?? []), r.tagId]);
  return [...bySeq].map(([seq, tagIds]) => ({ seq, tagIds }));
}

// --- contacts ------------------------------------------------------------------------

/** Statements that replace a contact's tags, for the caller's batch. */
export function replaceContactTagsStatements(db: Db, contactId: string, tagIds: string[]): BatchItem<"sqlite">[] {
  return [
    db.delete(contactTags).where(eq(contactTags.contactId, contactId)),
    db.insert(contactTags).select(withExistingTags(sql`${contactId}`)(tagIds)),
  ];
}

