-- Issue 16, the contact's rights (LGPD art. 18): erasure bookkeeping and per-inbox retention.
--
-- inboxes.retention_days: resolved conversations of the inbox have their text and files
-- erased this many days after they were resolved (worker/rights/retention.ts); null: kept.
ALTER TABLE `inboxes` ADD COLUMN `retention_days` integer;

-- conversations.erased_at: when an erasure (the contact's, or retention) last erased the
-- conversation. Reset when the conversation's resolved_at moves (it was reopened and so
-- holds new text), which puts it back in reach of retention.
ALTER TABLE `conversations` ADD COLUMN `erased_at` integer;
CREATE TRIGGER `conversations_erased_reset` AFTER UPDATE OF `resolved_at` ON `conversations`
  WHEN NEW.`resolved_at` IS NOT OLD.`resolved_at` AND NEW.`erased_at` IS NOT NULL
BEGIN
  UPDATE `conversations` SET `erased_at` = NULL WHERE `id` = NEW.`id`;
END;
-- What the retention cron walks: per inbox, resolved and not yet erased, oldest first.
CREATE INDEX `conversations_retention_idx` ON `conversations` (`inbox_id`, `resolved_at`) WHERE `status` = 'resolved' AND `erased_at` IS NULL;

-- contact_erasures: one row per contact whose erasure was asked for. The erasure is a
-- sequence of idempotent steps (worker/rights/erase-contact.ts); `completed_at` is set in
-- the batch that writes the audit entry, and the cron finishes any left incomplete (D1 or
-- a room failed halfway). Holds ids and counts only, never what was erased.
CREATE TABLE `contact_erasures` (
  `contact_id` text PRIMARY KEY NOT NULL REFERENCES `contacts`(`id`),
  `requested_at` integer NOT NULL,
  `actor` text NOT NULL,
  `ip` text,
  `attempts` integer NOT NULL DEFAULT 0,
  `completed_at` integer,
  `counts` text NOT NULL DEFAULT '{}'
);
CREATE INDEX `contact_erasures_pending_idx` ON `contact_erasures` (`requested_at`) WHERE `completed_at` IS NULL;
