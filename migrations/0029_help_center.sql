-- Issue 17, the help center: portals, categories and folders, articles (one row per
-- locale; translations share their source's id as group_id), publishing history,
-- feedback, and the FTS5 index behind search.
CREATE TABLE `hc_portals` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `slug` text NOT NULL,
  `logo_file_id` text,
  `primary_color` text NOT NULL DEFAULT '#1f6feb',
  `background_color` text NOT NULL DEFAULT '#ffffff',
  `custom_domain` text,
  `default_locale` text NOT NULL,
  `locales` text NOT NULL,
  `audience` text NOT NULL DEFAULT 'public',
  `chat_inbox_id` text REFERENCES `inboxes`(`id`),
  -- The origin the portal was created or last saved from: where its pages live when it
  -- has no custom domain, for links made without a request (automation's article answers).
  `site_origin` text NOT NULL DEFAULT '',
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hc_portals_slug_idx` ON `hc_portals` (`slug`);
--> statement-breakpoint
CREATE UNIQUE INDEX `hc_portals_domain_idx` ON `hc_portals` (`custom_domain`);
--> statement-breakpoint

-- `translations`: JSON { locale: { name, description } } for the portal's other locales.
CREATE TABLE `hc_categories` (
  `id` text PRIMARY KEY NOT NULL,
  `portal_id` text NOT NULL REFERENCES `hc_portals`(`id`),
  `slug` text NOT NULL,
  `name` text NOT NULL,
  `description` text NOT NULL DEFAULT '',
  `translations` text NOT NULL DEFAULT '{}',
  `position` integer NOT NULL DEFAULT 0,
  `created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hc_categories_slug_idx` ON `hc_categories` (`portal_id`, `slug`);
--> statement-breakpoint

CREATE TABLE `hc_folders` (
  `id` text PRIMARY KEY NOT NULL,
  `category_id` text NOT NULL REFERENCES `hc_categories`(`id`),
  `name` text NOT NULL,
  `translations` text NOT NULL DEFAULT '{}',
  `position` integer NOT NULL DEFAULT 0,
  `created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hc_folders_category_idx` ON `hc_folders` (`category_id`, `position`);
--> statement-breakpoint

-- One row per locale. group_id = translation_of ?? id, so (group_id, locale) is unique:
-- one translation per locale. Counters live on the row (views, helpful yes/no): a page
-- view is one UPDATE, never a scan of a log. segment_tag_id has no foreign key on purpose:
-- deleting a tag (db/tags.ts) must not be blocked by an article, and a segment article
-- whose tag is gone is shown to no customer (the tag matches no contact): it fails closed.
CREATE TABLE `hc_articles` (
  `id` text PRIMARY KEY NOT NULL,
  `group_id` text NOT NULL,
  `portal_id` text NOT NULL REFERENCES `hc_portals`(`id`),
  `category_id` text REFERENCES `hc_categories`(`id`),
  `folder_id` text REFERENCES `hc_folders`(`id`),
  `locale` text NOT NULL,
  `translation_of` text REFERENCES `hc_articles`(`id`),
  `title` text NOT NULL,
  `excerpt` text NOT NULL DEFAULT '',
  `body` text NOT NULL DEFAULT '',
  `status` text NOT NULL DEFAULT 'draft',
  `visibility` text NOT NULL DEFAULT 'public',
  `segment_tag_id` text,
  `author_id` text,
  `author_name` text,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL,
  `published_at` integer,
  `views` integer NOT NULL DEFAULT 0,
  `helpful_yes` integer NOT NULL DEFAULT 0,
  `helpful_no` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hc_articles_group_locale_idx` ON `hc_articles` (`group_id`, `locale`);
--> statement-breakpoint
CREATE INDEX `hc_articles_portal_idx` ON `hc_articles` (`portal_id`, `locale`, `status`, `updated_at`);
--> statement-breakpoint
CREATE INDEX `hc_articles_category_idx` ON `hc_articles` (`category_id`, `folder_id`);
--> statement-breakpoint

-- Publishing history: append-only, one row per save (who, when, which fields, the text after).
CREATE TABLE `hc_article_revisions` (
  `id` text PRIMARY KEY NOT NULL,
  `article_id` text NOT NULL REFERENCES `hc_articles`(`id`),
  `at` integer NOT NULL,
  `actor_type` text NOT NULL,
  `actor_id` text,
  `actor_name` text,
  `action` text NOT NULL,
  `changed` text NOT NULL,
  `title` text NOT NULL,
  `body` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hc_article_revisions_article_idx` ON `hc_article_revisions` (`article_id`, `at`);
--> statement-breakpoint

-- "Was this helpful?": one vote per voter per article (a later vote replaces the earlier:
-- the counters on hc_articles are recomputed from this table in the same batch). The
-- voter is a SHA-256 of the client's IP and the article, never the IP itself.
CREATE TABLE `hc_article_feedback` (
  `article_id` text NOT NULL REFERENCES `hc_articles`(`id`),
  `voter` text NOT NULL,
  `helpful` integer NOT NULL,
  `comment` text,
  `at` integer NOT NULL,
  PRIMARY KEY (`article_id`, `voter`)
);
--> statement-breakpoint
CREATE INDEX `hc_article_feedback_at_idx` ON `hc_article_feedback` (`article_id`, `at`);
--> statement-breakpoint

-- Search: title and body, accent- and case-insensitive ("nao" finds "não"). Hits are read
-- from article_id and joined back to hc_articles for the locale, status and visibility
-- filters; the triggers keep the index in step, so no code path has to remember to index.
CREATE VIRTUAL TABLE `hc_articles_fts` USING fts5(
  title,
  body,
  article_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `hc_articles_fts_insert` AFTER INSERT ON `hc_articles`
BEGIN
  INSERT INTO hc_articles_fts (rowid, title, body, article_id) VALUES (new.rowid, new.title, new.body, new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `hc_articles_fts_delete` AFTER DELETE ON `hc_articles`
BEGIN
  DELETE FROM hc_articles_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `hc_articles_fts_update` AFTER UPDATE OF title, body ON `hc_articles`
BEGIN
  DELETE FROM hc_articles_fts WHERE rowid = old.rowid;
  INSERT INTO hc_articles_fts (rowid, title, body, article_id) VALUES (new.rowid, new.title, new.body, new.id);
END;
