/**
 * @module Conversation types (the agents' classification: question, complaint, order…)
 * and which one a conversation has. The type lives in `conversations.type_id`, a column
 * the room's projection never writes, so classifying and projecting cannot clash.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { labelKey } from "./label-key";
import { conversationTypes, conversations } from "./schema";
import type { ConversationType } from "../protocol";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

const typeColumns = { id: conversationTypes.id, name: conversationTypes.name };

export async function listConversationTypes(db: Db): Promise<ConversationType[]> {
  return db.select(typeColumns).from(conversationTypes).orderBy(asc(sql`lower(${conversationTypes.name})`), asc(conversationTypes.id));
}

export async function findConversationType(db: Db, id: string): Promise<ConversationType | undefined> {
  return db.select(typeColumns).from(conversationTypes).where(eq(conversationTypes.id, id)).get();
}

/** Throws a unique-constraint error for a name already taken (in any letter case). */
export async function insertConversationType(db: Db, type: ConversationType, now: number, audit?: BatchItem<"sqlite">): Promise<ConversationType> {
  await writeAudited(db, db.insert(conversationTypes).values({ ...type, nameKey: labelKey(type.name), createdAt: now }), audit);
  return type;
}

/** Throws a unique-constraint error for a name already taken by another type. */
export async function renameConversationType(db: Db, id: string, name: string, audit?: BatchItem<"sqlite">): Promise<ConversationType | undefined> {
  const [row] = await writeAudited(db, db.update(conversationTypes).set({ name, nameKey: labelKey(name) }).where(eq(conversationTypes.id, id)).returning(typeColumns), audit);
  return row;
}

/** Deletes the type; conversations that had it are left unclassified, in the same batch. */
export async function deleteConversationType(db: Db, id: string, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const [, deleted] = await db.batch([
    db.update(conversations).set({ typeId: null }).where(eq(conversations.typeId, id)),
    db.delete(conversationTypes).where(eq(conversationTypes.id, id)).returning({ id: conversationTypes.id }),
    ...(audit ? [audit] : []),
  ]);
  return deleted.length > 0;
}

/** Sets (or clears, with null) a conversation's type. The id is re-read inside the
 * statement, so a type deleted since the caller checked it clears the type instead of
 * failing the foreign key. */
export async function setConversationType(db: Db, conversationId: string, typeId: string | null): Promise<void> {
  const value = typeId === null ? null : sql`(SELECT ${conversationTypes.id} FROM ${conversationTypes} WHERE ${conversationTypes.id} = ${typeId})`;
  await db.update(conversations).set({ typeId: value }).where(eq(conversations.id, conversationId));
}
