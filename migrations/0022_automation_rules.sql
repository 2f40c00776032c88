-- Issue 15, automation rules: when (trigger) + conditions → ordered actions, evaluated by
-- ascending position. Trigger, conditions and actions are JSON (worker/protocol/
-- automation.ts), only ever read whole by the evaluator; `trigger_type` is a column of its
-- own so the idle cron reads only idle rules. No foreign keys on the ids the JSON names:
-- deleting a team, tag or agent must not fail on a rule naming it; the action fails at
-- run time and the rule shows the error. `signing_secret` is the webhook HMAC key,
-- sealed (AES-GCM under CREDENTIALS_KEY), read back only to sign.
CREATE TABLE `automation_rules` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `position` integer NOT NULL,
  `enabled` integer NOT NULL DEFAULT 1,
  `trigger_type` text NOT NULL,
  `trigger` text NOT NULL,
  `conditions` text NOT NULL DEFAULT '{}',
  `actions` text NOT NULL,
  `signing_secret` text,
  `last_run_at` integer,
  `last_error` text,
  `last_error_at` integer,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
CREATE UNIQUE INDEX `automation_rules_position_idx` ON `automation_rules` (`position`);

-- One row per run a rule made on a conversation, keyed by what set it off (the trigger
-- event's seq, or `idle:<last activity>`): a batch the pipeline delivers again, or a
-- cron tick that finds the same idle conversation, does not run the rule twice. Old rows
-- are pruned by the cron (worker/automation/idle.ts).
CREATE TABLE `automation_runs` (
  `rule_id` text NOT NULL,
  `conversation_id` text NOT NULL,
  `run_key` text NOT NULL,
  `ran_at` integer NOT NULL,
  PRIMARY KEY (`rule_id`, `conversation_id`, `run_key`)
);
CREATE INDEX `automation_runs_ran_at_idx` ON `automation_runs` (`ran_at`);
