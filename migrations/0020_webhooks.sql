-- Issue 15, outbound webhooks. An endpoint's secret is sealed (AES-GCM under
-- CREDENTIALS_KEY, worker/channels/credentials.ts), not hashed: we sign with it. `events`
-- is a JSON array of event names. disabled_reason: 'admin' (turned off) or 'failing'
-- (24 hours of failed deliveries, set by its WebhookOutbox); NULL while enabled.
CREATE TABLE `webhook_endpoints` (
  `id` text PRIMARY KEY NOT NULL,
  `url` text NOT NULL,
  `events` text NOT NULL,
  `include_notes` integer NOT NULL DEFAULT 0,
  `enabled` integer NOT NULL DEFAULT 1,
  `secret_sealed` text NOT NULL,
  `disabled_reason` text CHECK (`disabled_reason` IN ('admin', 'failing')),
  `disabled_at` integer,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
-- The delivery log the console shows, written by each endpoint's WebhookOutbox after an
-- attempt (the outbox's own storage is the durable queue; this is its readable copy).
-- dedup_key: (conversation, seq, event) or the contact event's key, once per endpoint.
CREATE TABLE `webhook_deliveries` (
  `id` text PRIMARY KEY NOT NULL,
  `endpoint_id` text NOT NULL REFERENCES `webhook_endpoints`(`id`) ON DELETE CASCADE,
  `dedup_key` text NOT NULL,
  `event` text NOT NULL,
  `conversation_id` text,
  `seq` integer,
  `status` text NOT NULL CHECK (`status` IN ('pending', 'delivered', 'failed')),
  `attempts` integer NOT NULL DEFAULT 0,
  `last_status_code` integer,
  `latency_ms` integer,
  `response_excerpt` text,
  `next_attempt_at` integer,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
CREATE UNIQUE INDEX `webhook_deliveries_dedup_idx` ON `webhook_deliveries` (`endpoint_id`, `dedup_key`);
CREATE INDEX `webhook_deliveries_log_idx` ON `webhook_deliveries` (`endpoint_id`, `created_at`, `id`);
