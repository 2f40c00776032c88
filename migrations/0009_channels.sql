-- Issue 11, channels: an inbox's provider credentials, sealed with AES-GCM under the
-- Worker secret CREDENTIALS_KEY (worker/channels/credentials.ts), and what the API may
-- show of them (set or not, last 4 characters), so listing inboxes never decrypts.
ALTER TABLE `inboxes` ADD `credentials` text;
ALTER TABLE `inboxes` ADD `credential_hints` text DEFAULT '{}' NOT NULL;
