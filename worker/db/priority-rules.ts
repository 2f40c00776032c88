/**
 * @module Segment rules in D1 (priority_rules): list, create, change, delete. Each write
 * recomputes, in the same batch, the effective priority of exactly the contacts the rule
 * matched before or matches after (db/contact-priority.ts), and returns the contacts
 * whose value changed.
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { conditionScope, recomputeStatement } from "./contact-priority";
import { unlessDuplicate } from "./constraint-errors";
import { priorityRules, tags } from "./schema";
import { MAX_PRIORITY_RULES, type PriorityCondition, type PriorityRule } from "../protocol";

type RuleRow = typeof priorityRules.$inferSelect;

/** Why a write did not happen. */
export type RuleRefusal = "tag_not_found" | "too_many" | "duplicate" | "not_found" | "changed";

export interface RuleWrite {
  rule: PriorityRule;
  /** Contacts whose effective priority the write changed. */
  moved: string[];
}

export async function listRules(db: Db): Promise<PriorityRule[]> {
  const rows = await db.select().from(priorityRules).orderBy(desc(priorityRules.priority), asc(priorityRules.createdAt), asc(priorityRules.id));
  return rows.map(ruleOf);
}

export async function findRule(db: Db, id: string): Promise<PriorityRule | undefined> {
  const row = await db.select().from(priorityRules).where(eq(priorityRules.id, id)).get();
  return row && ruleOf(row);
}

/** What the rule matches, as one unique string: two rules on one condition would only
 * hide each other. */
function matchKeyOf(condition: PriorityCondition): string {
  return condition.kind === "tag" ? `tag:${condition.tagId}` : `attribute:${JSON.stringify([condition.key, condition.value])}`;
}

function columnsOf(condition: PriorityCondition) {
  return condition.kind === "tag"
    ? { kind: "tag" as const, tagId: condition.tagId, attrKey: null, attrValue: null }
    : { kind: "attribute" as const, tagId: null, attrKey: condition.key, attrValue: condition.value };
}

/** A tag rule's tag must exist when the statement runs (checked inside it, so a tag
 * deleted meanwhile makes the write refuse rather than fail a foreign key). */
function tagExists(condition: PriorityCondition) {
  return condition.kind === "tag" ? sql`EXISTS (SELECT 1 FROM tags WHERE id = ${condition.tagId})` : sql`1`;
}

/** Inserts the rule unless the rules are at their limit or its tag is gone: one
 * conditional INSERT … SELECT, so two admins at once cannot pass the limit. */
export async function createRule(db: Db, id: string, condition: PriorityCondition, priority: number, now: number, audit: BatchItem<"sqlite">): Promise<RuleWrite | RuleRefusal> {
  const c = columnsOf(condition);
  const insert = db
    .insert(priorityRules)
    .select(
      sql`SELECT ${id}, ${c.kind}, ${c.tagId}, ${c.attrKey}, ${c.attrValue}, ${matchKeyOf(condition)}, ${priority}, ${now}
        WHERE (SELECT count(*) FROM priority_rules) < ${MAX_PRIORITY_RULES} AND ${tagExists(condition)}`,
    )
    .returning();
  const result = await unlessDuplicate(db.batch([insert, audit, recomputeStatement(db, conditionScope(condition))]));
  if (result === "duplicate") return result;
  const [inserted, , moved] = result;
  if (inserted[0]) return { rule: ruleOf(inserted[0]), moved: moved.map((r) => r.id) };
  return condition.kind === "tag" && !(await tagPresent(db, condition.tagId)) ? "tag_not_found" : "too_many";
}

/** Changes the rule `before` (as read by the caller) to `condition` and `priority`. The
 * UPDATE applies only if the rule is still as read, so the recompute's scope (the
 * contacts of the old and the new condition) is the right one; "changed" asks the caller
 * to read it again. */
export async function updateRule(db: Db, before: PriorityRule, condition: PriorityCondition, priority: number, audit: BatchItem<"sqlite">): Promise<RuleWrite | RuleRefusal> {
  const update = db
    .update(priorityRules)
    .set({ ...columnsOf(condition), matchKey: matchKeyOf(condition), priority })
    .where(sql`${priorityRules.id} = ${before.id} AND ${priorityRules.matchKey} = ${matchKeyOf(before)} AND ${priorityRules.priority} = ${before.priority} AND ${tagExists(condition)}`)
    .returning();
  const scope = sql`(${conditionScope(before)}) OR (${conditionScope(condition)})`;
  const result = await unlessDuplicate(db.batch([update, audit, recomputeStatement(db, scope)]));
  if (result === "duplicate") return result;
  const [updated, , moved] = result;
  if (updated[0]) return { rule: ruleOf(updated[0]), moved: moved.map((r) => r.id) };
  if (condition.kind === "tag" && !(await tagPresent(db, condition.tagId))) return "tag_not_found";
  return (await findRule(db, before.id)) ? "changed" : "not_found";
}

/** Deletes the rule `before` (as read by the caller) and recomputes the contacts it matched. */
export async function deleteRule(db: Db, before: PriorityRule, audit: BatchItem<"sqlite">): Promise<string[] | RuleRefusal> {
  const [deleted, , moved] = await db.batch([
    db.delete(priorityRules).where(sql`${priorityRules.id} = ${before.id} AND ${priorityRules.matchKey} = ${matchKeyOf(before)}`).returning({ id: priorityRules.id }),
    audit,
    recomputeStatement(db, conditionScope(before)),
  ]);
  if (deleted[0]) return moved.map((r) => r.id);
  return (await findRule(db, before.id)) ? "changed" : "not_found";
}

async function tagPresent(db: Db, tagId: string): Promise<boolean> {
  return (await db.select({ id: tags.id }).from(tags).where(eq(tags.id, tagId)).get()) !== undefined;
}

function ruleOf(row: RuleRow): PriorityRule {
  if (row.kind === "tag") return { id: row.id, kind: "tag", tagId: row.tagId!, priority: row.priority };
  return { id: row.id, kind: "attribute", key: row.attrKey!, value: row.attrValue!, priority: row.priority };
}
