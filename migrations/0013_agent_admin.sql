-- Issue 14, agent administration: invites instead of passwords set by admins, and a
-- per-agent capacity override (null: the team's default applies).
ALTER TABLE `agents` ADD COLUMN `capacity` integer;
-- One row per invite link; only the token's SHA-256 is kept, so a leaked database holds
-- no usable link. `accepted_at`/`agent_id` are set in the same transaction that makes
-- the agent, so a link works once.
CREATE TABLE `agent_invites` (
  `token_hash` text PRIMARY KEY NOT NULL,
  `email` text NOT NULL,
  `role` text NOT NULL,
  `invited_by` text NOT NULL REFERENCES `agents`(`id`),
  `created_at` integer NOT NULL,
  `expires_at` integer NOT NULL,
  `accepted_at` integer,
  `agent_id` text REFERENCES `agents`(`id`)
);
