/**
 * How many times each seq of a conversation is in D1 (a test reads the projection
 * directly; production code never needs this, so it lives with the tests).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../worker/db/client";
import { messages } from "../../worker/db/schema";

export async function projectedSeqs(db: Db, conversationId: string): Promise<number[]> {
  const rows = await db.select({ seq: messages.seq }).from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.seq);
  return rows.map((r) => r.seq);
}
