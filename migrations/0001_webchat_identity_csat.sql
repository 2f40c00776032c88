CREATE TABLE `csat_responses` (
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `seq`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `csat_created_idx` ON `csat_responses` (`created_at`);--> statement-breakpoint
ALTER TABLE `contact_identities` ADD `verified_at` integer;--> statement-breakpoint
ALTER TABLE `inboxes` ADD `identity_secret` text;