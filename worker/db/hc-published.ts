/**
 * @module Published articles as readers see them (the public site, the widget, the
 * sitemap): filtered by audience and shown in the reader's locale with the fallback to
 * the portal's default (db/hc-visibility.ts), counted when viewed.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { hcArticles } from "./schema";
import type { HcAudience } from "../help-center/audience";
import type { Article, HcLocale, Portal } from "../protocol";
import { shownInLocale, visibleTo } from "./hc-visibility";
import { findArticle } from "./hc-articles";

export interface ListedArticle {
  id: string;
  groupId: string;
  categoryId: string | null;
  folderId: string | null;
  locale: HcLocale;
  title: string;
  excerpt: string;
  updatedAt: number;
}

/** What a portal's pages list in `locale` for `audience`, optionally one category's or
 * one folder's, most viewed first (then by title). */
export async function listedArticles(
  db: Db,
  portal: Portal,
  locale: HcLocale,
  audience: HcAudience,
  where: { categoryId?: string; folderId?: string } = {},
  limit = 200,
): Promise<ListedArticle[]> {
  return db.all<ListedArticle>(sql`
    SELECT a.id, a.group_id AS groupId, a.category_id AS categoryId, a.folder_id AS folderId, a.locale, a.title, a.excerpt, a.updated_at AS updatedAt
    FROM hc_articles a
    WHERE a.portal_id = ${portal.id} AND ${visibleTo(audience, "a")} AND ${shownInLocale(audience, "a", locale, portal.defaultLocale)}
      ${where.categoryId ? sql`AND a.category_id = ${where.categoryId}` : sql``}
      ${where.folderId ? sql`AND a.folder_id = ${where.folderId}` : sql``}
    ORDER BY a.views DESC, a.title, a.id
    LIMIT ${limit}`);
}

export interface ShownArticle {
  article: Article;
  /** The visitor asked for another locale, which has no translation they may read. */
  fallback: boolean;
  /** The locales this article may be read in by this audience (hreflang alternates). */
  locales: HcLocale[];
}

/** Article group `groupId` of `portal` in `locale` (else the default locale), or
 * undefined when this audience may read neither. */
export async function shownArticle(db: Db, portal: Portal, groupId: string, locale: HcLocale, audience: HcAudience): Promise<ShownArticle | undefined> {
  const rows = await db.all<{ id: string; locale: HcLocale }>(sql`
    SELECT a.id, a.locale FROM hc_articles a
    WHERE a.group_id = ${groupId} AND a.portal_id = ${portal.id} AND ${visibleTo(audience, "a")}`);
  const offered = rows.filter((r) => portal.locales.includes(r.locale));
  const exact = offered.find((r) => r.locale === locale);
  const chosen = exact ?? offered.find((r) => r.locale === portal.defaultLocale);
  if (!chosen) return undefined;
  const article = await findArticle(db, chosen.id);
  if (!article) return undefined;
  return { article, fallback: !exact, locales: offered.map((r) => r.locale).sort() };
}

/** One more view. Counted on the row: a page view is one small UPDATE. */
export async function countView(db: Db, articleId: string): Promise<void> {
  await db.run(sql`UPDATE ${hcArticles} SET views = views + 1 WHERE id = ${articleId}`);
}

/** The sitemap's entries: what anyone may read, in each locale the portal offers. */
export async function sitemapArticles(db: Db, portal: Portal, limit: number): Promise<{ groupId: string; locale: HcLocale; updatedAt: number }[]> {
  return db.all(sql`
    SELECT a.group_id AS groupId, a.locale, a.updated_at AS updatedAt FROM hc_articles a
    WHERE a.portal_id = ${portal.id} AND ${visibleTo({ kind: "anonymous" }, "a")}
    ORDER BY a.group_id, a.locale LIMIT ${limit}`);
}
