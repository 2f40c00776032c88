-- Issue 12, opt-outs that outlive a conversation: a contact who sent STOP on an SMS inbox
-- (or blocked a Telegram bot) stays unreachable on that inbox until START (or unblock),
-- also in the next conversation. Written only by the D1 projection from the rooms'
-- reachability events (worker/db/optout-projection.ts); read when a new conversation
-- starts (worker/channels/ingest.ts) and by the contact panel.
CREATE TABLE `contact_channel_optouts` (
	`contact_id` text NOT NULL,
	`inbox_id` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`contact_id`, `inbox_id`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inbox_id`) REFERENCES `inboxes`(`id`) ON UPDATE no action ON DELETE no action
);
