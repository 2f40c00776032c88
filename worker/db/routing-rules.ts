/**
 * @module Routing rules in D1: the list in evaluation order, create (last), change,
 * delete, and reorder (every position rewritten in one batch).
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import { inboxes, routingRules, tags, teams } from "./schema";
import { RoutingConditions, type RoutingRule } from "../protocol";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

type RuleRow = typeof routingRules.$inferSelect;

/** A stored rule. Conditions are written only through the API's schema; one that no
 * longer reads (a later, stricter schema) comes back disabled with no conditions, so it
 * can never match by accident and the admin sees it to fix. */
function toRule(row: RuleRow): RoutingRule {
  const conditions = RoutingConditions.safeParse(row.conditions);
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: conditions.success && row.enabled,
    conditions: conditions.success ? conditions.data : {},
    teamId: row.teamId,
  };
}

export async function listRoutingRules(db: Db): Promise<RoutingRule[]> {
  const rows = await db.select().from(routingRules).orderBy(asc(routingRules.position));
  return rows.map(toRule);
}

export async function findRoutingRule(db: Db, id: string): Promise<RoutingRule | undefined> {
  const row = await db.select().from(routingRules).where(eq(routingRules.id, id)).get();
  return row ? toRule(row) : undefined;
}

export async function countRoutingRules(db: Db): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(routingRules).get();
  return row?.n ?? 0;
}

/** Inserts the rule after every other one. The position is computed inside the INSERT,
 * and the unique index on it makes a concurrent create fail (a constraint error) rather
 * than share a position. */
export async function insertRoutingRule(db: Db, rule: Omit<RoutingRule, "position">, now: number, audit?: BatchItem<"sqlite">): Promise<RoutingRule> {
  await writeAudited(db, db.insert(routingRules).values({
    id: rule.id,
    name: rule.name,
    position: sql`(SELECT coalesce(max(${routingRules.position}), -1) + 1 FROM ${routingRules})`,
    enabled: rule.enabled,
    conditions: rule.conditions,
    teamId: rule.teamId,
    createdAt: now,
    updatedAt: now,
  }), audit);
  const stored = await findRoutingRule(db, rule.id);
  if (!stored) throw new Error("routing rule vanished after insert");
  return stored;
}

export async function updateRoutingRule(
  db: Db,
  id: string,
  changes: Partial<Pick<RoutingRule, "name" | "enabled" | "conditions" | "teamId">>,
  now: number,
  audit?: BatchItem<"sqlite">,
): Promise<RoutingRule | undefined> {
  const [row] = await writeAudited(db, db.update(routingRules).set({ ...changes, updatedAt: now }).where(eq(routingRules.id, id)).returning(), audit);
  return row ? toRule(row) : undefined;
}

export async function deleteRoutingRule(db: Db, id: string, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const rows = await writeAudited(db, db.delete(routingRules).where(eq(routingRules.id, id)).returning({ id: routingRules.id }), audit);
  return rows.length === 1;
}

/** Gives `ids` the positions 0, 1, 2… in one batch (one D1 transaction). Positions are
 * unique, so the batch first parks each rule at a negative position, then flips them
 * all; no statement ever sees two rules on one position. */
export async function reorderRoutingRules(db: Db, ids: string[], audit?: BatchItem<"sqlite">): Promise<void> {
  if (ids.length === 0) return;
  const park = ids.map((id, i) => db.update(routingRules).set({ position: -(i + 1) }).where(eq(routingRules.id, id)));
  const flip = db.update(routingRules).set({ position: sql`-${routingRules.position} - 1` }).where(sql`${routingRules.position} < 0`);
  await db.batch([park[0]!, ...park.slice(1), flip, ...(audit ? [audit] : [])]);
}

/** Which of the ids a rule names do not exist: teams, inboxes (live ones) and tags. */
export async function unknownReferences(db: Db, refs: { teamIds: string[]; inboxIds: string[]; tagIds: string[] }): Promise<{ teamIds: string[]; inboxIds: string[]; tagIds: string[] }> {
  const [t, i, g] = await Promise.all([
    refs.teamIds.length ? db.select({ id: teams.id }).from(teams).where(inArray(teams.id, refs.teamIds)) : [],
    refs.inboxIds.length ? db.select({ id: inboxes.id, deletedAt: inboxes.deletedAt }).from(inboxes).where(inArray(inboxes.id, refs.inboxIds)) : [],
    refs.tagIds.length ? db.select({ id: tags.id }).from(tags).where(inArray(tags.id, refs.tagIds)) : [],
  ]);
  const known = (rows: Array<{ id: string; deletedAt?: number | null }>) => new Set(rows.filter((r) => !r.deletedAt).map((r) => r.id));
  const kt = known(t);
  const ki = known(i);
  const kg = known(g);
  return { teamIds: refs.teamIds.filter((id) => !kt.has(id)), inboxIds: refs.inboxIds.filter((id) => !ki.has(id)), tagIds: refs.tagIds.filter((id) => !kg.has(id)) };
}
