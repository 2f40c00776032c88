-- Issue 18: breakdowns by tag and by conversation type from rollups too, not from facts.
--
-- Tags and types change after the facts, and a report groups by the tags and type a
-- conversation carries now (docs/reports.md). So these rollups follow both sides: a fact
-- stored or deleted adds to or takes from every tag and the type its conversation has; a
-- tag put on or taken off a conversation, or its type changed, adds or takes all of that
-- conversation's facts (a few dozen rows), as upserts of (negative) sums. Day and month rows follow the hourly ones
-- exactly as for the other rollups (0032), through report_hour_grains.

CREATE TABLE `report_tag_rollups` (
  `kind` text NOT NULL, -- 'tag' or 'type'
  `key` text NOT NULL,  -- the tag's or the type's id
  `hour` integer NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `n` integer NOT NULL,
  `total` integer NOT NULL,
  `business_total` integer NOT NULL,
  PRIMARY KEY (`kind`, `hour`, `key`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`)
);
CREATE TABLE `report_tag_histograms` (
  `kind` text NOT NULL,
  `key` text NOT NULL,
  `hour` integer NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `clock` integer NOT NULL,
  `bucket` integer NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`kind`, `hour`, `key`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`, `clock`, `bucket`)
);
CREATE TABLE `report_tag_rollups_coarse` (
  `kind` text NOT NULL,
  `grain` integer NOT NULL,
  `start` integer NOT NULL,
  `key` text NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `n` integer NOT NULL,
  `total` integer NOT NULL,
  `business_total` integer NOT NULL,
  PRIMARY KEY (`kind`, `grain`, `start`, `key`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`)
);
CREATE TABLE `report_tag_histograms_coarse` (
  `kind` text NOT NULL,
  `grain` integer NOT NULL,
  `start` integer NOT NULL,
  `key` text NOT NULL,
  `inbox_id` text NOT NULL,
  `team_id` text NOT NULL,
  `agent_id` text NOT NULL,
  `channel` text NOT NULL,
  `metric` text NOT NULL,
  `clock` integer NOT NULL,
  `bucket` integer NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`kind`, `grain`, `start`, `key`, `inbox_id`, `team_id`, `agent_id`, `channel`, `metric`, `clock`, `bucket`)
);


-- A fact in or out: every tag and the type its conversation carries now.

CREATE TRIGGER `report_facts_tags_in` AFTER INSERT ON `report_facts` BEGIN
  INSERT INTO `report_tag_rollups` SELECT 'tag', ct.tag_id, NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 1, coalesce(NEW.value, 0), coalesce(NEW.business_value, 0)
    FROM `conversation_tags` ct WHERE ct.conversation_id = NEW.conversation_id
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_histograms` SELECT 'tag', ct.tag_id, NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 0, NEW.bucket, 1
    FROM `conversation_tags` ct WHERE ct.conversation_id = NEW.conversation_id AND NEW.bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms` SELECT 'tag', ct.tag_id, NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 1, NEW.business_bucket, 1
    FROM `conversation_tags` ct WHERE ct.conversation_id = NEW.conversation_id AND NEW.business_bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_rollups` SELECT 'type', c.type_id, NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 1, coalesce(NEW.value, 0), coalesce(NEW.business_value, 0)
    FROM `conversations` c WHERE c.id = NEW.conversation_id AND c.type_id IS NOT NULL
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_histograms` SELECT 'type', c.type_id, NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 0, NEW.bucket, 1
    FROM `conversations` c WHERE c.id = NEW.conversation_id AND c.type_id IS NOT NULL AND NEW.bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms` SELECT 'type', c.type_id, NEW.hour, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, 1, NEW.business_bucket, 1
    FROM `conversations` c WHERE c.id = NEW.conversation_id AND c.type_id IS NOT NULL AND NEW.business_bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

-- Out by UPDATE, like report_facts_rollup_out: a stored fact's share is always there to take
-- back, and the rebuild, which empties these tables before the facts, leaves nothing to touch.
CREATE TRIGGER `report_facts_tags_out` AFTER DELETE ON `report_facts` BEGIN
  UPDATE `report_tag_rollups` SET `n` = `n` - 1, `total` = `total` - coalesce(OLD.value, 0), `business_total` = `business_total` - coalesce(OLD.business_value, 0)
    WHERE `kind` = 'tag' AND `key` IN (SELECT tag_id FROM `conversation_tags` WHERE conversation_id = OLD.conversation_id) AND `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric;
  UPDATE `report_tag_histograms` SET `n` = `n` - 1
    WHERE `kind` = 'tag' AND `key` IN (SELECT tag_id FROM `conversation_tags` WHERE conversation_id = OLD.conversation_id) AND `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric AND `clock` = 0 AND `bucket` = OLD.bucket;
  UPDATE `report_tag_histograms` SET `n` = `n` - 1
    WHERE `kind` = 'tag' AND `key` IN (SELECT tag_id FROM `conversation_tags` WHERE conversation_id = OLD.conversation_id) AND `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric AND `clock` = 1 AND `bucket` = OLD.business_bucket;
  UPDATE `report_tag_rollups` SET `n` = `n` - 1, `total` = `total` - coalesce(OLD.value, 0), `business_total` = `business_total` - coalesce(OLD.business_value, 0)
    WHERE `kind` = 'type' AND `key` = (SELECT type_id FROM `conversations` WHERE id = OLD.conversation_id) AND `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric;
  UPDATE `report_tag_histograms` SET `n` = `n` - 1
    WHERE `kind` = 'type' AND `key` = (SELECT type_id FROM `conversations` WHERE id = OLD.conversation_id) AND `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric AND `clock` = 0 AND `bucket` = OLD.bucket;
  UPDATE `report_tag_histograms` SET `n` = `n` - 1
    WHERE `kind` = 'type' AND `key` = (SELECT type_id FROM `conversations` WHERE id = OLD.conversation_id) AND `hour` = OLD.hour AND `inbox_id` = OLD.inbox_id AND `team_id` = OLD.team_id AND `agent_id` = OLD.agent_id AND `channel` = OLD.channel AND `metric` = OLD.metric AND `clock` = 1 AND `bucket` = OLD.business_bucket;
END;

-- A tag on or off: all of that conversation's facts.

CREATE TRIGGER `conversation_tags_report_in` AFTER INSERT ON `conversation_tags` BEGIN
  INSERT INTO `report_tag_rollups` SELECT 'tag', NEW.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, count(*), coalesce(sum(f.value), 0), coalesce(sum(f.business_value), 0)
    FROM `report_facts` f WHERE f.conversation_id = NEW.conversation_id GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_histograms` SELECT 'tag', NEW.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 0, f.bucket, count(*)
    FROM `report_facts` f WHERE f.conversation_id = NEW.conversation_id AND f.bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms` SELECT 'tag', NEW.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 1, f.business_bucket, count(*)
    FROM `report_facts` f WHERE f.conversation_id = NEW.conversation_id AND f.business_bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.business_bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

CREATE TRIGGER `conversation_tags_report_out` AFTER DELETE ON `conversation_tags` BEGIN
  INSERT INTO `report_tag_rollups` SELECT 'tag', OLD.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, -count(*), -coalesce(sum(f.value), 0), -coalesce(sum(f.business_value), 0)
    FROM `report_facts` f WHERE f.conversation_id = OLD.conversation_id GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_histograms` SELECT 'tag', OLD.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 0, f.bucket, -count(*)
    FROM `report_facts` f WHERE f.conversation_id = OLD.conversation_id AND f.bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms` SELECT 'tag', OLD.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 1, f.business_bucket, -count(*)
    FROM `report_facts` f WHERE f.conversation_id = OLD.conversation_id AND f.business_bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.business_bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

-- A type changed or its conversation deleted: the old type's share out, the new one's in.

CREATE TRIGGER `conversations_type_report_out` AFTER UPDATE OF `type_id` ON `conversations` WHEN OLD.type_id IS NOT NULL AND OLD.type_id IS NOT NEW.type_id BEGIN
  INSERT INTO `report_tag_rollups` SELECT 'type', OLD.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, -count(*), -coalesce(sum(f.value), 0), -coalesce(sum(f.business_value), 0)
    FROM `report_facts` f WHERE f.conversation_id = OLD.id GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_histograms` SELECT 'type', OLD.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 0, f.bucket, -count(*)
    FROM `report_facts` f WHERE f.conversation_id = OLD.id AND f.bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms` SELECT 'type', OLD.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 1, f.business_bucket, -count(*)
    FROM `report_facts` f WHERE f.conversation_id = OLD.id AND f.business_bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.business_bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

CREATE TRIGGER `conversations_type_report_in` AFTER UPDATE OF `type_id` ON `conversations` WHEN NEW.type_id IS NOT NULL AND OLD.type_id IS NOT NEW.type_id BEGIN
  INSERT INTO `report_tag_rollups` SELECT 'type', NEW.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, count(*), coalesce(sum(f.value), 0), coalesce(sum(f.business_value), 0)
    FROM `report_facts` f WHERE f.conversation_id = NEW.id GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_histograms` SELECT 'type', NEW.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 0, f.bucket, count(*)
    FROM `report_facts` f WHERE f.conversation_id = NEW.id AND f.bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms` SELECT 'type', NEW.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 1, f.business_bucket, count(*)
    FROM `report_facts` f WHERE f.conversation_id = NEW.id AND f.business_bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.business_bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

CREATE TRIGGER `conversations_type_report_gone` AFTER DELETE ON `conversations` WHEN OLD.type_id IS NOT NULL BEGIN
  INSERT INTO `report_tag_rollups` SELECT 'type', OLD.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, -count(*), -coalesce(sum(f.value), 0), -coalesce(sum(f.business_value), 0)
    FROM `report_facts` f WHERE f.conversation_id = OLD.id GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_histograms` SELECT 'type', OLD.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 0, f.bucket, -count(*)
    FROM `report_facts` f WHERE f.conversation_id = OLD.id AND f.bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms` SELECT 'type', OLD.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 1, f.business_bucket, -count(*)
    FROM `report_facts` f WHERE f.conversation_id = OLD.id AND f.business_bucket IS NOT NULL GROUP BY f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, f.business_bucket
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

-- Day and month rows follow the hourly ones (as in 0032).

CREATE TRIGGER `report_tag_rollups_coarse_in` AFTER INSERT ON `report_tag_rollups` BEGIN
  INSERT INTO `report_tag_rollups_coarse` SELECT NEW.kind, 1, g.`day`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n, NEW.total, NEW.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_rollups_coarse` SELECT NEW.kind, 2, g.`month`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n, NEW.total, NEW.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
END;

CREATE TRIGGER `report_tag_rollups_coarse_up` AFTER UPDATE ON `report_tag_rollups` BEGIN
  INSERT INTO `report_tag_rollups_coarse` SELECT NEW.kind, 1, g.`day`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n - OLD.n, NEW.total - OLD.total, NEW.business_total - OLD.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
  INSERT INTO `report_tag_rollups_coarse` SELECT NEW.kind, 2, g.`month`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.n - OLD.n, NEW.total - OLD.total, NEW.business_total - OLD.business_total
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`, `total` = `total` + excluded.`total`, `business_total` = `business_total` + excluded.`business_total`;
END;

CREATE TRIGGER `report_tag_histograms_coarse_in` AFTER INSERT ON `report_tag_histograms` BEGIN
  INSERT INTO `report_tag_histograms_coarse` SELECT NEW.kind, 1, g.`day`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms_coarse` SELECT NEW.kind, 2, g.`month`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

CREATE TRIGGER `report_tag_histograms_coarse_up` AFTER UPDATE ON `report_tag_histograms` BEGIN
  INSERT INTO `report_tag_histograms_coarse` SELECT NEW.kind, 1, g.`day`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n - OLD.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_tag_histograms_coarse` SELECT NEW.kind, 2, g.`month`, NEW.key, NEW.inbox_id, NEW.team_id, NEW.agent_id, NEW.channel, NEW.metric, NEW.clock, NEW.bucket, NEW.n - OLD.n
    FROM `report_hour_grains` g WHERE g.`hour` = NEW.hour
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

-- Conversations tagged or typed before this migration: their facts so far.
INSERT INTO `report_tag_rollups` SELECT 'tag', ct.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, count(*), coalesce(sum(f.value), 0), coalesce(sum(f.business_value), 0)
  FROM `conversation_tags` ct JOIN `report_facts` f ON f.conversation_id = ct.conversation_id WHERE true GROUP BY 2, 3, 4, 5, 6, 7, 8;
INSERT INTO `report_tag_rollups` SELECT 'type', c.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, count(*), coalesce(sum(f.value), 0), coalesce(sum(f.business_value), 0)
  FROM `conversations` c JOIN `report_facts` f ON f.conversation_id = c.id WHERE c.type_id IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7, 8;
INSERT INTO `report_tag_histograms` SELECT 'tag', ct.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 0, f.bucket, count(*)
  FROM `conversation_tags` ct JOIN `report_facts` f ON f.conversation_id = ct.conversation_id WHERE f.bucket IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7, 8, 10;
INSERT INTO `report_tag_histograms` SELECT 'tag', ct.tag_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 1, f.business_bucket, count(*)
  FROM `conversation_tags` ct JOIN `report_facts` f ON f.conversation_id = ct.conversation_id WHERE f.business_bucket IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7, 8, 10;
INSERT INTO `report_tag_histograms` SELECT 'type', c.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 0, f.bucket, count(*)
  FROM `conversations` c JOIN `report_facts` f ON f.conversation_id = c.id WHERE c.type_id IS NOT NULL AND f.bucket IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7, 8, 10;
INSERT INTO `report_tag_histograms` SELECT 'type', c.type_id, f.hour, f.inbox_id, f.team_id, f.agent_id, f.channel, f.metric, 1, f.business_bucket, count(*)
  FROM `conversations` c JOIN `report_facts` f ON f.conversation_id = c.id WHERE c.type_id IS NOT NULL AND f.business_bucket IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7, 8, 10;
-- Their day and month rows come from the next regrain.
UPDATE `report_settings` SET `grain_time_zone` = NULL WHERE EXISTS (SELECT 1 FROM `report_tag_rollups`);
