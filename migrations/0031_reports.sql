-- Issue 18, reports (docs/reports.md).
--
-- report_cursors: per conversation, the last seq the report fold has applied and its
-- state (worker/reports/facts.ts FoldState), so the next batch continues where the last
-- one stopped and a replayed batch is skipped.
CREATE TABLE `report_cursors` (
  `conversation_id` text PRIMARY KEY NOT NULL,
  `last_seq` integer NOT NULL,
  `state` text NOT NULL
);

-- report_facts: one row per thing a report counts, keyed by (conversation, seq, metric):
-- inserted with ON CONFLICT DO NOTHING, so a fact is counted once however often the
-- pipeline delivers its event. No foreign key on purpose: erasing a conversation deletes
-- its facts (the trigger below takes them out of the rollups) in whatever order.
-- '' stands for "no team" / "no agent" so the rollups' primary key works (NULLs are
-- distinct in SQLite unique indexes).
CREATE TABLE `report_facts` (
  `conversation_id` text NOT NULL,
  `seq` integer NOT NULL,
  `metric` text NOT NULL,
  `at` integer NOT NULL,
  `hour` integer NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL DEFAULT '',
  `agent_id` text NOT NULL DEFAULT '',
  `channel` text NOT NULL,
  `value` integer,
  `business_value` integer,
  `bucket` integer,
  `business_bucket` integer,
  PRIMARY KEY (`conversation_id`, `seq`, `metric`)
);

-- report_rollups: per hour × inbox × team × agent × channel × metric, the count and the
-- sums (calendar and business hours). What every report reads.
CREATE TABLE `report_rollups` (
  `hour` integer NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `n` integer NOT NULL,
  `total` integer NOT NULL,
  `business_total` integer NOT NULL,
  PRIMARY KEY (`hour`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`)
);
CREATE INDEX `report_rollups_agent_idx` ON `report_rollups` (`agent_id`, `hour`);

-- report_histograms: the same grain, per clock (0 calendar, 1 business hours) and bucket
-- (worker/reports/buckets.ts): percentiles and the distribution charts.
CREATE TABLE `report_histograms` (
  `hour` integer NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `clock` integer NOT NULL,
  `bucket` integer NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`hour`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`, `clock`, `bucket`)
);

-- The rollups follow the facts: a trigger fires only for a row really inserted, so a
-- replayed fact (ignored by its primary key) adds nothing.
CREATE TRIGGER `report_facts_rollup_in` AFTER INSERT ON `report_facts` BEGIN
  INSERT INTO `report_rollups` VALUES (NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 1, coalesce(NEW.value, 0), coalesce(NEW.business_value, 0))
    ON CONFLICT DO UPDATE SET `n` = `n` + 1, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_histograms` SELECT NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 0, NEW.bucket, 1 WHERE NEW.bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
  INSERT INTO `report_histograms` SELECT NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 1, NEW.business_bucket, 1 WHERE NEW.business_bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
CREATE TRIGGER `report_facts_rollup_out` AFTER DELETE ON `report_facts` BEGIN
  UPDATE `report_rollups` SET `n` = `n` - 1, `total` = `total` - coalesce(OLD.value, 0), `business_total` = `business_total` - coalesce(OLD.business_value, 0)
    WHERE `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric;
  UPDATE `report_histograms` SET `n` = `n` - 1
    WHERE `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric AND `clock` = 0 AND `bucket` = OLD.bucket;
  UPDATE `report_histograms` SET `n` = `n` - 1
    WHERE `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric AND `clock` = 1 AND `bucket` = OLD.business_bucket;
END;

-- report_settings: the account's reporting time zone (one row), which days, weeks and
-- months of the time series are cut in.
CREATE TABLE `report_settings` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `time_zone` text NOT NULL
);
INSERT INTO `report_settings` (`id`, `time_zone`) VALUES (1, 'America/Sao_Paulo');

-- saved_reports: custom reports (metrics, grouping, filters, period) an admin saved;
-- `shared` makes it visible to the other admins.
CREATE TABLE `saved_reports` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `owner_id` text NOT NULL REFERENCES `agents`(`id`),
  `shared` integer NOT NULL DEFAULT 0,
  `definition` text NOT NULL,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
CREATE INDEX `saved_reports_owner_idx` ON `saved_reports` (`owner_id`, `created_at`);
