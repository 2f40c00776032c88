/**
 * @module The one place contacts.effective_priority is computed: max(the contact's own
 * priority, every segment rule matching it), in SQL, for a set of contacts named by a
 * scope. Every writer of what it depends on (own priority, tags, attributes, rules) adds
 * `recomputeStatement` to the batch that writes, so the value is never seen stale, and
 * gets back the contacts whose value changed, to move their waiting conversations
 * (pipeline/contact-priority-publish.ts).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { contacts } from "./schema";
import type { PriorityCondition } from "../protocol";

/** A json_each row's value as JavaScript's String() writes it: JSON true/false come back
 * from SQLite as 1/0, so booleans are spelled out; text is itself; numbers are cast. */
const ATTRIBUTE_AS_STRING = sql.raw(`CASE a.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(a.value AS TEXT) END`);

/** The highest rule matching the `contacts` row in scope (0 if none). Attributes are read
 * with json_each and compared by key, so a key with dots or quotes needs no JSON path. */
const HIGHEST_MATCHING_RULE = sql`coalesce((SELECT max(r.priority) FROM priority_rules r WHERE
  (r.kind = 'tag' AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = contacts.id AND ct.tag_id = r.tag_id))
  OR (r.kind = 'attribute' AND EXISTS (SELECT 1 FROM json_each(contacts.attributes) a WHERE a.key = r.attr_key AND ${ATTRIBUTE_AS_STRING} = r.attr_value))), 0)`;

/** SQLite's two-argument max() is the larger of the two. */
const EFFECTIVE = sql`max(contacts.priority, ${HIGHEST_MATCHING_RULE})`;

/** One contact. */
export function contactScope(contactId: string): SQL {
  return sql`contacts.id = ${contactId}`;
}

/** The contacts a rule's condition matches right now (tag: through contact_tags' tag
 * index; attribute: a pass over contacts, which a rule change is rare enough to afford). */
export function conditionScope(condition: PriorityCondition): SQL {
  if (condition.kind === "tag") return sql`contacts.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ${condition.tagId})`;
  return sql`EXISTS (SELECT 1 FROM json_each(contacts.attributes) a WHERE a.key = ${condition.key} AND ${ATTRIBUTE_AS_STRING} = ${condition.value})`;
}

/** Sets effective_priority for the contacts in `scope` whose value is out of date, and
 * returns their ids (for the caller's batch; the rows it returns are the ones that moved). */
export function recomputeStatement(db: Db, scope: SQL) {
  return db
    .update(contacts)
    .set({ effectivePriority: EFFECTIVE })
    .where(sql`(${scope}) AND contacts.effective_priority <> ${EFFECTIVE}`)
    .returning({ id: contacts.id });
}
