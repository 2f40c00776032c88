-- Issue 15, API tokens for bots and integrations. Only the secret's SHA-256 is kept (as
-- agent_invites and sessions do), so a leaked database holds no usable token; `prefix`
-- is the secret's first characters, for the console to tell tokens apart.
-- `scopes` is a JSON array of scope names; `inbox_ids` a JSON array of inbox ids, or NULL
-- for every inbox. `last_used_at` is written at most once a minute per token.
CREATE TABLE `api_tokens` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `secret_hash` text NOT NULL,
  `prefix` text NOT NULL,
  `scopes` text NOT NULL,
  `inbox_ids` text,
  `created_by` text NOT NULL REFERENCES `agents`(`id`),
  `created_at` integer NOT NULL,
  `expires_at` integer,
  `last_used_at` integer,
  `revoked_at` integer
);
CREATE UNIQUE INDEX `api_tokens_secret_idx` ON `api_tokens` (`secret_hash`);
