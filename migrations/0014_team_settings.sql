-- Issue 14, team administration: each team's distribution mode, default agent
-- capacity, business hours (the web chat's JSON shape), away message and overflow team.
ALTER TABLE `teams` ADD `distribution_mode` text DEFAULT 'manual' NOT NULL;
ALTER TABLE `teams` ADD `default_capacity` integer DEFAULT 5 NOT NULL;
ALTER TABLE `teams` ADD `business_hours` text;
ALTER TABLE `teams` ADD `away_message` text DEFAULT '' NOT NULL;
ALTER TABLE `teams` ADD `overflow_team_id` text REFERENCES teams(id);
