-- Issue 16, the owners' audit log view filters by target ("everything done to this agent,
-- inbox, token…"), newest first: an index like the actor's (0024) so that filter reads
-- only its own entries instead of scanning the whole log.
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_id`, `at`);
