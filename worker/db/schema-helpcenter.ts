/**
 * @module D1 schema of issue 17 (the help center): portals, categories, folders,
 * articles (one row per locale), publishing history and feedback
 * (migrations/0029_help_center.sql; the FTS5 index and its triggers live only there).
 * Re-exported by ./schema.ts.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ArticleStatus, ArticleVisibility, PortalAudience, RevisionAction, type HcLocale, type HcTranslations } from "../protocol";
import { inboxes } from "./schema";
import { valuesOf } from "./column-enum";

export const hcPortals = sqliteTable(
  "hc_portals",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    logoFileId: text("logo_file_id"),
    primaryColor: text("primary_color").notNull().default("#1f6feb"),
    backgroundColor: text("background_color").notNull().default("#ffffff"),
    customDomain: text("custom_domain"),
    defaultLocale: text("default_locale").notNull().$type<HcLocale>(),
    locales: text("locales", { mode: "json" }).notNull().$type<HcLocale[]>(),
    audience: text("audience", { enum: valuesOf(PortalAudience) }).notNull().default("public"),
    chatInboxId: text("chat_inbox_id").references(() => inboxes.id),
    /** Where the portal's pages are when it has no custom domain (set by the server). */
    siteOrigin: text("site_origin").notNull().default(""),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("hc_portals_slug_idx").on(t.slug), uniqueIndex("hc_portals_domain_idx").on(t.customDomain)],
);

export const hcCategories = sqliteTable(
  "hc_categories",
  {
    id: text("id").primaryKey(),
    portalId: text("portal_id")
      .notNull()
      .references(() => hcPortals.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    translations: text("translations", { mode: "json" }).notNull().$type<HcTranslations>().default({}),
    position: integer("position").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("hc_categories_slug_idx").on(t.portalId, t.slug)],
);

export const hcFolders = sqliteTable(
  "hc_folders",
  {
    id: text("id").primaryKey(),
    categoryId: text("category_id")
      .notNull()
      .references(() => hcCategories.id),
    name: text("name").notNull(),
    translations: text("translations", { mode: "json" }).notNull().$type<HcTranslations>().default({}),
    position: integer("position").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("hc_folders_category_idx").on(t.categoryId, t.position)],
);

export const hcArticles = sqliteTable(
  "hc_articles",
  {
    id: text("id").primaryKey(),
    /** translationOf ?? id: what public URLs name, one row per (group, locale). */
    groupId: text("group_id").notNull(),
    portalId: text("portal_id")
      .notNull()
      .references(() => hcPortals.id),
    categoryId: text("category_id").references(() => hcCategories.id),
    folderId: text("folder_id").references(() => hcFolders.id),
    locale: text("locale").notNull().$type<HcLocale>(),
    translationOf: text("translation_of"),
    title: text("title").notNull(),
    excerpt: text("excerpt").notNull().default(""),
    body: text("body").notNull().default(""),
    status: text("status", { enum: valuesOf(ArticleStatus) }).notNull().default("draft"),
    visibility: text("visibility", { enum: valuesOf(ArticleVisibility) }).notNull().default("public"),
    /** No foreign key: a deleted tag leaves the article visible to no customer. */
    segmentTagId: text("segment_tag_id"),
    authorId: text("author_id"),
    authorName: text("author_name"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    publishedAt: integer("published_at"),
    views: integer("views").notNull().default(0),
    helpfulYes: integer("helpful_yes").notNull().default(0),
    helpfulNo: integer("helpful_no").notNull().default(0),
  },
  (t) => [
    uniqueIndex("hc_articles_group_locale_idx").on(t.groupId, t.locale),
    index("hc_articles_portal_idx").on(t.portalId, t.locale, t.status, t.updatedAt),
    index("hc_articles_category_idx").on(t.categoryId, t.folderId),
  ],
);

export const hcArticleRevisions = sqliteTable(
  "hc_article_revisions",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => hcArticles.id),
    at: integer("at").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    action: text("action", { enum: valuesOf(RevisionAction) }).notNull(),
    changed: text("changed", { mode: "json" }).notNull().$type<string[]>(),
    title: text("title").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("hc_article_revisions_article_idx").on(t.articleId, t.at)],
);

export const hcArticleFeedback = sqliteTable(
  "hc_article_feedback",
  {
    articleId: text("article_id")
      .notNull()
      .references(() => hcArticles.id),
    /** SHA-256 of the voter's IP and the article: one vote each, no IP kept. */
    voter: text("voter").notNull(),
    helpful: integer("helpful", { mode: "boolean" }).notNull(),
    comment: text("comment"),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.voter] }), index("hc_article_feedback_at_idx").on(t.articleId, t.at)],
);
