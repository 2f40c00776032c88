-- Issue 16, campaigns: one message (a WhatsApp template, an SMS or an e-mail) to a
-- segment of contacts for a consent purpose, sent only to those who consent.
--
-- campaigns: the draft an admin writes, then starts. `origin` is the public origin the
-- start came from (links in the messages: e-mail's List-Unsubscribe); `started_by_*` is
-- who started it (the audit entry names them too).
CREATE TABLE `campaigns` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `inbox_id` text NOT NULL REFERENCES `inboxes`(`id`),
  `purpose_id` text NOT NULL REFERENCES `consent_purposes`(`id`),
  `message` text NOT NULL,
  `segment` text NOT NULL,
  `status` text NOT NULL DEFAULT 'draft',
  `origin` text,
  `started_by_type` text,
  `started_by_id` text,
  `started_by_name` text,
  `created_at` integer NOT NULL,
  `started_at` integer,
  `completed_at` integer
);
CREATE INDEX `campaigns_created_idx` ON `campaigns` (`created_at`);

-- campaign_recipients: the segment as resolved at the start, one row per contact:
-- pending (to send), skipped (with the reason: no_consent, no_identity_on_channel, …),
-- sent (handed to the conversation's delivery queue: the conversation and the message's
-- seq, whose receipts the report reads) or failed. The runner sends each pending row
-- under a client id derived from (campaign, contact), so a row sent again after a crash
-- is answered by the room with the stored message, never queued twice.
CREATE TABLE `campaign_recipients` (
  `campaign_id` text NOT NULL REFERENCES `campaigns`(`id`),
  `contact_id` text NOT NULL REFERENCES `contacts`(`id`),
  `state` text NOT NULL,
  `reason` text,
  `conversation_id` text,
  `message_seq` integer,
  `at` integer,
  PRIMARY KEY (`campaign_id`, `contact_id`)
);
CREATE INDEX `campaign_recipients_state_idx` ON `campaign_recipients` (`campaign_id`, `state`, `contact_id`);
CREATE INDEX `campaign_recipients_contact_idx` ON `campaign_recipients` (`contact_id`);
