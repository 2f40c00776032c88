/**
 * @module "Was this helpful?" (issue 17): one vote per voter per article, a later vote
 * replacing the earlier; the article's counters are recomputed from the votes in the same
 * batch, so a vote sent twice (a double click, a replayed form) counts once.
 */
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import { hcArticleFeedback, hcArticles } from "./schema";

export async function recordFeedback(db: Db, vote: { articleId: string; voter: string; helpful: boolean; comment: string | null }, now: number): Promise<void> {
  const counted = (helpful: number) => sql`(SELECT count(*) FROM ${hcArticleFeedback} WHERE article_id = ${vote.articleId} AND helpful = ${helpful})`;
  await db.batch([
    db
      .insert(hcArticleFeedback)
      .values({ ...vote, at: now })
      .onConflictDoUpdate({
        target: [hcArticleFeedback.articleId, hcArticleFeedback.voter],
        // A vote without a comment keeps the comment given before.
        set: { helpful: vote.helpful, at: now, ...(vote.comment ? { comment: vote.comment } : {}) },
      }),
    db.update(hcArticles).set({ helpfulYes: counted(1), helpfulNo: counted(0) }).where(eq(hcArticles.id, vote.articleId)),
  ]);
}

/** The latest comments left with votes. */
export async function feedbackComments(db: Db, articleId: string, limit: number): Promise<{ helpful: boolean; comment: string | null; at: number }[]> {
  return db
    .select({ helpful: hcArticleFeedback.helpful, comment: hcArticleFeedback.comment, at: hcArticleFeedback.at })
    .from(hcArticleFeedback)
    .where(and(eq(hcArticleFeedback.articleId, articleId), isNotNull(hcArticleFeedback.comment)))
    .orderBy(desc(hcArticleFeedback.at))
    .limit(limit);
}
