-- Issue 16, the LGPD consent ledger and the audit log.
--
-- consent_purposes: what consent is asked for; configured by admins (archived, never
-- deleted, since records point at them). Three usual ones are seeded; `marketing` marks
-- the purposes a STOP/SAIR revokes.
CREATE TABLE `consent_purposes` (
  `id` text PRIMARY KEY NOT NULL,
  `key` text NOT NULL,
  `name` text NOT NULL,
  `description` text NOT NULL DEFAULT '',
  `marketing` integer NOT NULL DEFAULT 0,
  `created_at` integer NOT NULL,
  `archived_at` integer
);
CREATE UNIQUE INDEX `consent_purposes_key_idx` ON `consent_purposes` (`key`);
INSERT INTO `consent_purposes` (`id`, `key`, `name`, `description`, `marketing`, `created_at`) VALUES
  ('purpose_atendimento', 'atendimento', 'Atendimento', 'Respostas e avisos sobre os pedidos de atendimento do cliente.', 0, 0),
  ('purpose_avisos', 'avisos-de-pedido', 'Avisos de pedido', 'Avisos sobre pedidos, entregas e cobranças.', 0, 0),
  ('purpose_marketing', 'marketing', 'Marketing', 'Ofertas, novidades e campanhas.', 1, 0);

-- consent_records: append-only grants and revocations. Never updated; deleted only by the
-- contact's erasure. `channel` is a channel kind or 'any'. The current state for a
-- (contact, channel, purpose) is the latest record whose channel is that one or 'any'
-- (worker/consent/ledger.ts); `seq` breaks ties between records of the same millisecond.
CREATE TABLE `consent_records` (
  `id` text PRIMARY KEY NOT NULL,
  `seq` integer NOT NULL,
  `contact_id` text NOT NULL REFERENCES `contacts`(`id`),
  `channel` text NOT NULL,
  `purpose_id` text NOT NULL REFERENCES `consent_purposes`(`id`),
  `action` text NOT NULL,
  `source` text NOT NULL,
  `recorded_by_type` text NOT NULL,
  `recorded_by_id` text,
  `recorded_by_name` text,
  `text_shown` text,
  `evidence` text,
  `ip` text,
  `at` integer NOT NULL
);
CREATE UNIQUE INDEX `consent_records_seq_idx` ON `consent_records` (`seq`);
CREATE INDEX `consent_records_contact_idx` ON `consent_records` (`contact_id`, `purpose_id`, `channel`, `at`);

-- audit_log: admin and security events; append-only (no route updates or deletes it).
CREATE TABLE `audit_log` (
  `id` text PRIMARY KEY NOT NULL,
  `at` integer NOT NULL,
  `action` text NOT NULL,
  `actor_type` text NOT NULL,
  `actor_id` text,
  `actor_name` text,
  `target_type` text,
  `target_id` text,
  `ip` text,
  `details` text NOT NULL DEFAULT '{}'
);
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`, `id`);
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`, `at`);
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`, `at`);
