/**
 * @module Each agent's own marks on conversations: stars (favourites) and read marks.
 * A read mark only moves forward, so a late or repeated request never un-reads.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { agents, conversationReads, conversationStars } from "./schema";

export async function setStar(db: Db, agentId: string, conversationId: string, starred: boolean, now: number): Promise<void> {
  if (starred) await db.insert(conversationStars).values({ agentId, conversationId, createdAt: now }).onConflictDoNothing();
  else await db.delete(conversationStars).where(and(eq(conversationStars.agentId, agentId), eq(conversationStars.conversationId, conversationId)));
}

/** Moves `agentId`'s read mark on the conversation up to `seq` (never down). Only for
 * an agent that exists: the projection calls this with actors from the room's log, and
 * a foreign-key failure there would stall the conversation's projection for good. */
export function readMarkStatement(db: Db, agentId: string, conversationId: string, seq: number, now: number) {
  return db
    .insert(conversationReads)
    .select(sql`SELECT ${agents.id}, ${conversationId}, ${seq}, ${now} FROM ${agents} WHERE ${agents.id} = ${agentId}`)
    .onConflictDoUpdate({
      target: [conversationReads.agentId, conversationReads.conversationId],
      set: { seq: sql`excluded.seq`, updatedAt: sql`excluded.updated_at` },
      setWhere: sql`excluded.seq > ${conversationReads.seq}`,
    });
}

export async function markRead(db: Db, agentId: string, conversationId: string, seq: number, now: number): Promise<void> {
  await readMarkStatement(db, agentId, conversationId, seq, now);
}
