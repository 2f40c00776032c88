/**
 * @module Help center search (issue 17) over the FTS5 index `hc_articles_fts`
 * (migrations/0029_help_center.sql: unicode61 with remove_diacritics 2, so "nao" finds
 * "não"). What the reader typed becomes a safe MATCH expression with the last word as a
 * prefix (fts-query.ts), so hits follow along as they type.
 *
 * Unlike conversation search (search.ts, by recency), hits are ranked by relevance: bm25
 * with the title weighted 10 to the body's 1, since an article whose title names the
 * problem is nearly always the answer (https://www.sqlite.org/fts5.html#the_bm25_function).
 * The audience and locale filters are the public pages' own (hc-visibility.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import type { HcAudience } from "../help-center/audience";
import { HIGHLIGHT_END, HIGHLIGHT_START, type ArticleVisibility, type HcLocale, type HcSearchMatch } from "../protocol";
import { ftsAnyQuery, ftsQuery } from "./fts-query";
import { shownInLocale, visibleTo } from "./hc-visibility";

export interface ArticleSearchRow {
  id: string;
  groupId: string;
  portalId: string;
  portalSlug: string;
  locale: HcLocale;
  title: string;
  snippet: string;
  excerpt: string;
  visibility: ArticleVisibility;
}

const SNIPPET_TOKENS = 16;
/** bm25's column weights (title, body), written into the SQL as constants. */
const WEIGHTS = sql.raw("10.0, 1.0");

export interface ArticleSearch {
  text: string;
  /** "all" (default): every word, as a search box means it. "any": suggestions from a
   * sentence (ftsAnyQuery). */
  match?: HcSearchMatch;
  audience: HcAudience;
  limit: number;
  /** One portal, or (agents) every portal. */
  portal?: { id: string; defaultLocale: HcLocale };
  /** With a portal: the reader's locale, with the default-locale fallback. Without one:
   * that locale only. Absent: every locale. */
  locale?: HcLocale;
}

/** Hits best first; none when the text has no word to search for. */
export async function searchArticles(db: Db, q: ArticleSearch): Promise<ArticleSearchRow[]> {
  const match = q.match === "any" ? ftsAnyQuery(q.text) : ftsQuery(q.text);
  if (match === null) return [];
  const inPortal = q.portal ? sql`AND a.portal_id = ${q.portal.id}` : sql``;
  const inLocale =
    q.locale === undefined ? sql`` : q.portal ? sql`AND ${shownInLocale(q.audience, "a", q.locale, q.portal.defaultLocale)}` : sql`AND a.locale = ${q.locale}`;
  return db.all<ArticleSearchRow>(sql`
    SELECT a.id, a.group_id AS groupId, a.portal_id AS portalId, p.slug AS portalSlug, a.locale, a.excerpt, a.visibility,
      highlight(hc_articles_fts, 0, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}) AS title,
      snippet(hc_articles_fts, 1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, '…', ${SNIPPET_TOKENS}) AS snippet
    FROM hc_articles_fts
    JOIN hc_articles a ON a.id = hc_articles_fts.article_id
    JOIN hc_portals p ON p.id = a.portal_id
    WHERE hc_articles_fts MATCH ${match} AND ${visibleTo(q.audience, "a")} ${inPortal} ${inLocale}
    ORDER BY bm25(hc_articles_fts, ${WEIGHTS}), a.id
    LIMIT ${q.limit}`);
}
