-- Issue 14, the waiting list's rule 4: segment rules that lift a contact's queue priority.
-- A rule matches a contact carrying a tag (kind 'tag', tag_id) or whose attribute
-- attr_key, as a string, equals attr_value (kind 'attribute'). match_key says what the
-- rule matches, once per rule: two rules on the same tag or key/value would only hide
-- each other. contacts.effective_priority (0016) is max(priority, matching rules).
CREATE TABLE `priority_rules` (
  `id` text PRIMARY KEY NOT NULL,
  `kind` text NOT NULL CHECK (`kind` IN ('tag', 'attribute')),
  `tag_id` text REFERENCES `tags`(`id`),
  `attr_key` text,
  `attr_value` text,
  `match_key` text NOT NULL,
  `priority` integer NOT NULL CHECK (`priority` BETWEEN 1 AND 100),
  `created_at` integer NOT NULL,
  CHECK ((`kind` = 'tag' AND `tag_id` IS NOT NULL AND `attr_key` IS NULL AND `attr_value` IS NULL)
      OR (`kind` = 'attribute' AND `tag_id` IS NULL AND `attr_key` IS NOT NULL AND `attr_value` IS NOT NULL))
);
CREATE UNIQUE INDEX `priority_rules_match_idx` ON `priority_rules` (`match_key`);
CREATE INDEX `priority_rules_tag_idx` ON `priority_rules` (`tag_id`);
-- Nothing set effective_priority before: start it at the contact's own priority.
UPDATE `contacts` SET `effective_priority` = `priority` WHERE `effective_priority` < `priority`;
