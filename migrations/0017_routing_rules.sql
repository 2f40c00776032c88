-- Issue 14, routing: rules that send a new conversation to a team, evaluated by
-- ascending position (the first enabled rule whose conditions all hold wins). The
-- conditions are one JSON object (worker/protocol/routing.ts RoutingConditions): they are
-- only ever read whole, by the evaluator, never queried by column. No foreign key on
-- team_id: deleting a team must not fail on a rule naming it; the evaluator skips a rule
-- whose team is gone. Positions are unique so the order is total; a reorder rewrites them
-- all in one batch.
CREATE TABLE `routing_rules` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `position` integer NOT NULL,
  `enabled` integer NOT NULL DEFAULT 1,
  `conditions` text NOT NULL DEFAULT '{}',
  `team_id` text NOT NULL,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
CREATE UNIQUE INDEX `routing_rules_position_idx` ON `routing_rules` (`position`);
