-- 0005 — agent profiles (hand-written). Each agent's avatar (an https URL), console
-- language (null: follow the browser) and alert preferences (JSON; missing keys take
-- the protocol's defaults, see worker/protocol/profile.ts).
ALTER TABLE `agents` ADD `avatar_url` text;--> statement-breakpoint
ALTER TABLE `agents` ADD `language` text;--> statement-breakpoint
ALTER TABLE `agents` ADD `notification_prefs` text DEFAULT '{}' NOT NULL;
