-- Issue 13, e-mail threading: an inbound mail names the messages it answers by their
-- Message-ID (In-Reply-To, References), and a redelivered mail carries its own again.
-- Both are stored as `provider_message_id`; the email() handler looks them up
-- (worker/channels/email/thread.ts). Partial: most rows (web chat, agents' replies not
-- yet sent) have none.
CREATE INDEX `messages_provider_message_idx` ON `messages` (`provider_message_id`) WHERE `provider_message_id` IS NOT NULL;
