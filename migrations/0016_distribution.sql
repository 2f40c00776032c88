-- Issue 14, distribution: scheduled callbacks on conversations, the team's "forward if no
-- response" delay, when each agent was last given a conversation (the roleta's tie
-- break), the contact's effective queue priority, and capacity reservations.
ALTER TABLE `conversations` ADD COLUMN `callback_at` integer;
ALTER TABLE `teams` ADD COLUMN `unanswered_timeout_s` integer;
ALTER TABLE `agents` ADD COLUMN `last_assigned_at` integer NOT NULL DEFAULT 0;
-- The contact's own priority or the highest segment rule matching it, whichever is
-- higher; kept by the contact routes, read by the queue through the list row.
ALTER TABLE `contacts` ADD COLUMN `effective_priority` integer NOT NULL DEFAULT 0;
-- A TeamQueue about to hand a conversation to an agent first reserves one unit of the
-- agent's capacity here, in one conditional statement (D1 runs statements one at a
-- time, so two queues can never both take the agent's last unit). The projection
-- deletes the reservation in the batch that writes the assignment, so from then on the
-- conversation row counts instead; a reservation whose room refused is deleted by the
-- queue, and one left by a crash stops counting at `expires_at`.
CREATE TABLE `capacity_reservations` (
  `conversation_id` text PRIMARY KEY NOT NULL,
  `agent_id` text NOT NULL REFERENCES `agents`(`id`),
  `expires_at` integer NOT NULL
);
CREATE INDEX `capacity_reservations_agent_idx` ON `capacity_reservations` (`agent_id`, `expires_at`);
