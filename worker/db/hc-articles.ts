/**
 * @module Help center articles as editors see them (issue 17): drafts included, every
 * visibility, with their publishing history. Each save writes the article and its
 * revision row in one D1 batch, so the history never misses or invents a change.
 */
import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { hcArticleFeedback, hcArticleRevisions, hcArticles } from "./schema";
import type { Actor, Article, ArticleRevision, ArticleStatus, ArticleSummary, HcLocale, UpdateArticleBody } from "../protocol";

const summaryColumns = {
  id: hcArticles.id,
  groupId: hcArticles.groupId,
  portalId: hcArticles.portalId,
  categoryId: hcArticles.categoryId,
  folderId: hcArticles.folderId,
  locale: hcArticles.locale,
  translationOf: hcArticles.translationOf,
  title: hcArticles.title,
  excerpt: hcArticles.excerpt,
  status: hcArticles.status,
  visibility: hcArticles.visibility,
  segmentTagId: hcArticles.segmentTagId,
  authorId: hcArticles.authorId,
  authorName: hcArticles.authorName,
  createdAt: hcArticles.createdAt,
  updatedAt: hcArticles.updatedAt,
  publishedAt: hcArticles.publishedAt,
  views: hcArticles.views,
  helpfulYes: hcArticles.helpfulYes,
  helpfulNo: hcArticles.helpfulNo,
};
const articleColumns = { ...summaryColumns, body: hcArticles.body };

/** The console's list: newest change first, at most `limit`. */
export async function listArticles(
  db: Db,
  filter: { portalId: string; locale?: HcLocale; status?: ArticleStatus; categoryId?: string },
  limit = 500,
): Promise<ArticleSummary[]> {
  const where: SQL[] = [eq(hcArticles.portalId, filter.portalId)];
  if (filter.locale) where.push(eq(hcArticles.locale, filter.locale));
  if (filter.status) where.push(eq(hcArticles.status, filter.status));
  if (filter.categoryId) where.push(eq(hcArticles.categoryId, filter.categoryId));
  return db
    .select(summaryColumns)
    .from(hcArticles)
    .where(and(...where))
    .orderBy(desc(hcArticles.updatedAt), asc(hcArticles.id))
    .limit(limit);
}

export async function findArticle(db: Db, id: string): Promise<Article | undefined> {
  return db.select(articleColumns).from(hcArticles).where(eq(hcArticles.id, id)).get();
}

/** Every translation of a group (the source included). */
export async function articleGroup(db: Db, groupId: string): Promise<ArticleSummary[]> {
  return db.select(summaryColumns).from(hcArticles).where(eq(hcArticles.groupId, groupId)).orderBy(asc(hcArticles.locale));
}

function revisionRow(id: string, articleId: string, actor: Actor, action: ArticleRevision["action"], changed: string[], after: { title: string; body: string }, at: number) {
  return { id, articleId, at, actorType: actor.type, actorId: actor.id, actorName: actor.name ?? null, action, changed, title: after.title, body: after.body };
}

export type NewArticle = Omit<Article, "createdAt" | "updatedAt" | "publishedAt" | "views" | "helpfulYes" | "helpfulNo">;

/** Inserts the article and its "created" revision together. Throws a unique-constraint
 * error when its group already has this locale. */
export async function insertArticle(db: Db, article: NewArticle, revisionId: string, actor: Actor, now: number): Promise<Article> {
  const publishedAt = article.status === "published" ? now : null;
  await db.batch([
    db.insert(hcArticles).values({ ...article, createdAt: now, updatedAt: now, publishedAt }),
    db.insert(hcArticleRevisions).values(revisionRow(revisionId, article.id, actor, "created", Object.keys(article).filter((k) => k !== "id"), article, now)),
  ]);
  return (await findArticle(db, article.id))!;
}

const EDITABLE = ["categoryId", "folderId", "title", "excerpt", "body", "status", "visibility", "segmentTagId"] as const;

/** Applies `changes` and records who did it, in one batch. Fields given with the value
 * they already have are not changes; a save that changes nothing writes nothing. */
export async function updateArticle(db: Db, current: Article, changes: UpdateArticleBody, revisionId: string, actor: Actor, now: number): Promise<Article> {
  const changed = EDITABLE.filter((k) => changes[k] !== undefined && changes[k] !== current[k]);
  if (changed.length === 0) return current;
  const set: Partial<typeof hcArticles.$inferInsert> = { updatedAt: now };
  for (const k of changed) (set as Record<string, unknown>)[k] = changes[k];
  let action: ArticleRevision["action"] = "edited";
  if (changes.status === "published" && current.status === "draft") {
    action = "published";
    set.publishedAt = now;
  } else if (changes.status === "draft" && current.status === "published") action = "unpublished";
  const after = { title: changes.title ?? current.title, body: changes.body ?? current.body };
  // Filing belongs to the group: a translation is where its source is, so a move moves all.
  const moved = changed.includes("categoryId") || changed.includes("folderId");
  const filing = { categoryId: set.categoryId ?? current.categoryId, folderId: set.folderId !== undefined ? set.folderId : current.folderId };
  await db.batch([
    db.update(hcArticles).set(set).where(eq(hcArticles.id, current.id)),
    db.insert(hcArticleRevisions).values(revisionRow(revisionId, current.id, actor, action, [...changed], after, now)),
    ...(moved ? [db.update(hcArticles).set(filing).where(and(eq(hcArticles.groupId, current.groupId), ne(hcArticles.id, current.id)))] : []),
  ]);
  return (await findArticle(db, current.id))!;
}

/** Deletes an article with its history and feedback; a source that still has
 * translations is kept ("has_translations"): delete those first. */
export async function deleteArticle(db: Db, id: string): Promise<"deleted" | "missing" | "has_translations"> {
  const article = await findArticle(db, id);
  if (!article) return "missing";
  const group = await articleGroup(db, article.groupId);
  if (article.translationOf === null && group.length > 1) return "has_translations";
  await db.batch([
    db.delete(hcArticleFeedback).where(eq(hcArticleFeedback.articleId, id)),
    db.delete(hcArticleRevisions).where(eq(hcArticleRevisions.articleId, id)),
    db.delete(hcArticles).where(eq(hcArticles.id, id)),
  ]);
  return "deleted";
}

export async function listRevisions(db: Db, articleId: string): Promise<ArticleRevision[]> {
  const rows = await db.select().from(hcArticleRevisions).where(eq(hcArticleRevisions.articleId, articleId)).orderBy(desc(hcArticleRevisions.at), desc(sql`rowid`));
  return rows.map((r) => ({
    id: r.id,
    articleId: r.articleId,
    at: r.at,
    actor: { type: r.actorType as Actor["type"], id: r.actorId, name: r.actorName },
    action: r.action,
    changed: r.changed,
    title: r.title,
    body: r.body,
  }));
}
