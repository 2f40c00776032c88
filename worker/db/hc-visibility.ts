/**
 * @module The SQL of "who may read which article" (help-center/audience.ts), written once
 * and used by the public pages, the sitemap and search alike, so no reader can disagree
 * with another about what an audience sees.
 */
import { sql, type SQL } from "drizzle-orm";
import type { HcAudience } from "../help-center/audience";
import type { HcLocale } from "../protocol";

/** `alias` is a table alias of hc_articles in the caller's query (a constant, never input). */
export function visibleTo(audience: HcAudience, alias: string): SQL {
  const a = sql.raw(alias);
  switch (audience.kind) {
    case "anonymous":
      return sql`(${a}.status = 'published' AND ${a}.visibility = 'public')`;
    case "customer":
      return sql`(${a}.status = 'published' AND (${a}.visibility IN ('public', 'customers')
        OR (${a}.visibility = 'segment' AND ${a}.segment_tag_id IN (SELECT tag_id FROM contact_tags WHERE contact_id = ${audience.contactId}))))`;
    case "agent":
      return sql`(${a}.status = 'published')`;
  }
}

/** The article `alias` is the one to show in `locale`: written in it, or written in the
 * portal's default locale while its group has no translation in `locale` that this
 * audience may read (the locale fallback). */
export function shownInLocale(audience: HcAudience, alias: string, locale: HcLocale, defaultLocale: HcLocale): SQL {
  const a = sql.raw(alias);
  if (locale === defaultLocale) return sql`(${a}.locale = ${locale})`;
  return sql`(${a}.locale = ${locale} OR (${a}.locale = ${defaultLocale} AND NOT EXISTS (
    SELECT 1 FROM hc_articles t WHERE t.group_id = ${a}.group_id AND t.locale = ${locale} AND ${visibleTo(audience, "t")})))`;
}
