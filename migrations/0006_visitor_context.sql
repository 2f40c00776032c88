-- Anonymous web chat visitors get a generated, readable name ("Blue Falcon 4821") until
-- they give theirs; the flag tells the console it is not the customer's, and lets a name
-- given later (widget, identify(), an agent) replace it.
ALTER TABLE `contacts` ADD `name_generated` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- What agents need to help a web visitor: the page they are on and came from, browser
-- and OS, where they are and their time zone. One row per contact, the latest known,
-- written when the widget session starts or resumes and when the page changes, never
-- per message.
CREATE TABLE `visitor_contexts` (
	`contact_id` text PRIMARY KEY NOT NULL,
	`page_url` text,
	`page_title` text,
	`referrer` text,
	`browser` text,
	`os` text,
	`country` text,
	`city` text,
	`timezone` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
