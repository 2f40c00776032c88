-- The inbox's built-in menu bot (worker/protocol/bots.ts MenuBot, as JSON); null: the
-- inbox never had one. New conversations in an inbox whose bot is enabled start in `bot`.
ALTER TABLE `inboxes` ADD COLUMN `menu_bot` text;
