-- Issue 17, the customer portal (worker/portal/, worker/routes/portal/).
--
-- Customers are contacts; these tables are theirs alone, never the agents' (sessions,
-- agents): an agent's cookie cannot open the portal, nor a customer's the console.
-- Every row follows its contact: ON DELETE CASCADE, so erasing a contact (LGPD) takes its
-- links, sessions, password and request subjects with it.

-- One row ('portal'): where requests land (a web chat inbox), where sign-in mail leaves
-- from (an e-mail inbox's first address) and the request categories routing rules name.
CREATE TABLE `portal_settings` (
  `id` text PRIMARY KEY NOT NULL,
  `inbox_id` text REFERENCES `inboxes`(`id`),
  `email_inbox_id` text REFERENCES `inboxes`(`id`),
  `categories` text NOT NULL DEFAULT '[]',
  `updated_at` integer NOT NULL
);

-- One-time sign-in links: only the SHA-256 of the secret is kept; used once, 15 minutes.
CREATE TABLE `portal_sign_in_links` (
  `token_hash` text PRIMARY KEY NOT NULL,
  `contact_id` text NOT NULL REFERENCES `contacts`(`id`) ON DELETE CASCADE,
  `email` text NOT NULL,
  `created_at` integer NOT NULL,
  `expires_at` integer NOT NULL,
  `used_at` integer
);
CREATE INDEX `portal_sign_in_links_contact_idx` ON `portal_sign_in_links` (`contact_id`);

-- Customer sessions, kept like agents' (a token's SHA-256, revocable) in their own table.
CREATE TABLE `portal_sessions` (
  `token_hash` text PRIMARY KEY NOT NULL,
  `contact_id` text NOT NULL REFERENCES `contacts`(`id`) ON DELETE CASCADE,
  `email` text NOT NULL,
  `created_at` integer NOT NULL,
  `expires_at` integer NOT NULL,
  `revoked_at` integer
);
CREATE INDEX `portal_sessions_contact_idx` ON `portal_sessions` (`contact_id`);

-- A password a customer set after a link sign-in (PBKDF2, as agents').
CREATE TABLE `portal_passwords` (
  `contact_id` text PRIMARY KEY NOT NULL REFERENCES `contacts`(`id`) ON DELETE CASCADE,
  `password_hash` text NOT NULL,
  `password_salt` text NOT NULL,
  `password_iterations` integer NOT NULL,
  `updated_at` integer NOT NULL
);

-- A request opened on the portal: its subject and category (the conversation holds the rest).
CREATE TABLE `portal_requests` (
  `conversation_id` text PRIMARY KEY NOT NULL REFERENCES `conversations`(`id`) ON DELETE CASCADE,
  `contact_id` text NOT NULL REFERENCES `contacts`(`id`) ON DELETE CASCADE,
  `subject` text NOT NULL,
  `category_id` text,
  `created_at` integer NOT NULL
);

-- Finding a customer by e-mail: identities of kind `email:<inbox>` by address, and
-- contacts.email (neither had an index leading with the address).
CREATE INDEX `contact_identities_external_id_idx` ON `contact_identities` (`external_id`);
CREATE INDEX `contacts_email_idx` ON `contacts` (`email`);
