-- Issue 18, reports fast at any size: day and month grains beside the hourly rollups.
--
-- At a year of 200,000 conversations the hourly rollups hardly compress (a conversation's
-- facts fall in hours no other conversation of its agent shares), so a year's report would
-- sum millions of rows. A report now sums whole local months and days from the coarse
-- tables and only the edge hours from the hourly ones (worker/reports/local-grains.ts).
--
-- Days and months are the account's (report_settings.time_zone), which SQL cannot compute,
-- so the Worker writes each hour's local day and month into report_hour_grains before the
-- hour's first fact (worker/db/report-grains.ts), and triggers on the hourly tables carry
-- every change on to the coarse ones through it. A zone change, or a fold that computed
-- with a stale zone, sets grain_time_zone to NULL: reports then read hours only (correct,
-- slower) until the regrain job rebuilds the coarse tables from the hourly ones and checks
-- them against them.

ALTER TABLE `report_settings` ADD COLUMN `grain_time_zone` text;
-- When the running regrain started (ms), so the every-minute cron does not start a second
-- one beside it on a large history (a regrain of a year at 200,000 conversations: ~2 min).
ALTER TABLE `report_settings` ADD COLUMN `grain_started_at` integer;

CREATE TABLE `report_hour_grains` (
  `hour` integer PRIMARY KEY NOT NULL,
  `day` integer NOT NULL,
  `month` integer NOT NULL
);

-- grain 1: a local day starting at `start`; grain 2: a local month.
CREATE TABLE `report_rollups_coarse` (
  `grain` integer NOT NULL,
  `start` integer NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `n` integer NOT NULL,
  `total` integer NOT NULL,
  `business_total` integer NOT NULL,
  PRIMARY KEY (`grain`, `start`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`)
);

CREATE TABLE `report_histograms_coarse` (
  `grain` integer NOT NULL,
  `start` integer NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `clock` integer NOT NULL,
  `bucket` integer NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`grain`, `start`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`, `clock`, `bucket`)
);

-- Every change to an hourly row reaches its day and its month: an insert adds the row, an
-- update (the facts' upserts and the erasure's subtractions) adds the difference. An hour
-- without a grains row adds nothing; that only happens with a stale zone, which has
-- already switched the coarse tables off (see above). Rows of the hourly tables are only
-- deleted by the rebuild, which empties the coarse tables itself: no delete trigger.
CREATE TRIGGER `report_rollups_coarse_in` AFTER INSERT ON `report_rollups` BEGIN
  INSERT INTO `report_rollups_coarse` SELECT 1, g.`day`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n, NEW.total, NEW.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_rollups_coarse` SELECT 2, g.`month`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n, NEW.total, NEW.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
END;
CREATE TRIGGER `report_rollups_coarse_up` AFTER UPDATE ON `report_rollups` BEGIN
  INSERT INTO `report_rollups_coarse` SELECT 1, g.`day`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n - OLD.n, NEW.total - OLD.total, NEW.business_total - OLD.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_rollups_coarse` SELECT 2, g.`month`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n - OLD.n, NEW.total - OLD.total, NEW.business_total - OLD.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
END;
CREATE TRIGGER `report_histograms_coarse_in` AFTER INSERT ON `report_histograms` BEGIN
  INSERT INTO `report_histograms_coarse` SELECT 1, g.`day`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_histograms_coarse` SELECT 2, g.`month`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
CREATE TRIGGER `report_histograms_coarse_up` AFTER UPDATE ON `report_histograms` BEGIN
  INSERT INTO `report_histograms_coarse` SELECT 1, g.`day`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n - OLD.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_histograms_coarse` SELECT 2, g.`month`, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n - OLD.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

-- A database with no rollups yet has nothing to cut: the grains are on from the start.
-- One with history gets them from the cron's first regrain (reports read hours until then).
UPDATE `report_settings` SET `grain_time_zone` = `time_zone` WHERE NOT EXISTS (SELECT 1 FROM `report_rollups`);
