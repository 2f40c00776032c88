/**
 * @module Automation rules in D1: the list in evaluation order, create (last), change,
 * delete, reorder, each rule's last run and last error, and the sealed webhook secret.
 */
import { asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import { agents, automationRules, cannedResponses, conversationTypes, inboxes, tags, teams } from "./schema";
import { AutomationAction, AutomationConditions, AutomationTrigger, MAX_AUTOMATION_ERROR_CHARS, truncateText, type AutomationRule } from "../protocol";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

type RuleRow = typeof automationRules.$inferSelect;
const ruleColumns = {
  id: automationRules.id,
  name: automationRules.name,
  position: automationRules.position,
  enabled: automationRules.enabled,
  trigger: automationRules.trigger,
  conditions: automationRules.conditions,
  actions: automationRules.actions,
  lastRunAt: automationRules.lastRunAt,
  lastError: automationRules.lastError,
  lastErrorAt: automationRules.lastErrorAt,
};
type ReadRow = Pick<RuleRow, keyof typeof ruleColumns>;

/** A stored rule. Its JSON is written only through the API's schemas; a rule that no
 * longer reads (a later, stricter schema) comes back disabled, doing nothing, so it can
 * never run by accident and the admin sees it to fix. */
function toRule(row: ReadRow): AutomationRule {
  const trigger = AutomationTrigger.safeParse(row.trigger);
  const conditions = AutomationConditions.safeParse(row.conditions);
  const actions = AutomationAction.array().safeParse(row.actions);
  const readable = trigger.success && conditions.success && actions.success;
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: readable && row.enabled,
    trigger: trigger.success ? trigger.data : { type: "customer_message" },
    conditions: conditions.success ? conditions.data : {},
    actions: actions.success ? actions.data : [],
    lastRunAt: row.lastRunAt,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
  };
}

export async function listAutomationRules(db: Db): Promise<AutomationRule[]> {
  const rows = await db.select(ruleColumns).from(automationRules).orderBy(asc(automationRules.position));
  return rows.map(toRule);
}

/** The enabled idle rules, in order (the cron's read; trigger_type is a column for it). */
export async function listIdleRules(db: Db): Promise<AutomationRule[]> {
  const rows = await db.select(ruleColumns).from(automationRules).where(eq(automationRules.triggerType, "idle")).orderBy(asc(automationRules.position));
  return rows.map(toRule).filter((r) => r.enabled);
}

export async function findAutomationRule(db: Db, id: string): Promise<AutomationRule | undefined> {
  const row = await db.select(ruleColumns).from(automationRules).where(eq(automationRules.id, id)).get();
  return row ? toRule(row) : undefined;
}

export async function countAutomationRules(db: Db): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(automationRules).get();
  return row?.n ?? 0;
}

/** Whether the rule has a webhook signing secret, and the sealed secret. */
export async function sealedSecretOf(db: Db, id: string): Promise<string | null> {
  const row = await db.select({ secret: automationRules.signingSecret }).from(automationRules).where(eq(automationRules.id, id)).get();
  return row?.secret ?? null;
}

type RuleFields = Pick<AutomationRule, "name" | "enabled" | "trigger" | "conditions" | "actions">;

/** Inserts the rule after every other one. The position is computed inside the INSERT,
 * and the unique index on it makes a concurrent create fail (a constraint error) rather
 * than share a position. */
export async function insertAutomationRule(db: Db, id: string, rule: RuleFields, sealedSecret: string | null, now: number, audit?: BatchItem<"sqlite">): Promise<AutomationRule> {
  await writeAudited(db, db.insert(automationRules).values({
    id,
    name: rule.name,
    position: sql`(SELECT coalesce(max(${automationRules.position}), -1) + 1 FROM ${automationRules})`,
    enabled: rule.enabled,
    triggerType: rule.trigger.type,
    trigger: rule.trigger,
    conditions: rule.conditions,
    actions: rule.actions,
    signingSecret: sealedSecret,
    createdAt: now,
    updatedAt: now,
  }), audit);
  const stored = await findAutomationRule(db, id);
  if (!stored) throw new Error("automation rule vanished after insert");
  return stored;
}

/** Changes the rule; `sealedSecret` (when given) becomes its signing secret. */
export async function updateAutomationRule(
  db: Db,
  id: string,
  changes: Partial<RuleFields>,
  sealedSecret: string | undefined,
  now: number,
  audit?: BatchItem<"sqlite">,
): Promise<AutomationRule | undefined> {
  const [row] = await writeAudited(db, db
    .update(automationRules)
    .set({
      ...changes,
      ...(changes.trigger ? { triggerType: changes.trigger.type } : {}),
      ...(sealedSecret !== undefined ? { signingSecret: sealedSecret } : {}),
      updatedAt: now,
    })
    .where(eq(automationRules.id, id))
    .returning(ruleColumns), audit);
  return row ? toRule(row) : undefined;
}

export async function deleteAutomationRule(db: Db, id: string, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const rows = await writeAudited(db, db.delete(automationRules).where(eq(automationRules.id, id)).returning({ id: automationRules.id }), audit);
  return rows.length === 1;
}

/** Gives `ids` the positions 0, 1, 2… in one batch (one D1 transaction): each rule is
 * parked at a negative position first, then all flip, so no statement ever sees two
 * rules on one position. */
export async function reorderAutomationRules(db: Db, ids: string[], audit?: BatchItem<"sqlite">): Promise<void> {
  if (ids.length === 0) return;
  const park = ids.map((id, i) => db.update(automationRules).set({ position: -(i + 1) }).where(eq(automationRules.id, id)));
  const flip = db.update(automationRules).set({ position: sql`-${automationRules.position} - 1` }).where(sql`${automationRules.position} < 0`);
  await db.batch([park[0]!, ...park.slice(1), flip, ...(audit ? [audit] : [])]);
}

/** A run's outcome on the rule: when it ran, and its error (kept until the next failure;
 * a later success does not erase it, so the console still shows what went wrong last). */
export async function recordRuleRun(db: Db, id: string, at: number, error: string | null): Promise<void> {
  await db
    .update(automationRules)
    .set(error === null ? { lastRunAt: at } : { lastRunAt: at, lastError: truncateText(error, MAX_AUTOMATION_ERROR_CHARS), lastErrorAt: at })
    .where(eq(automationRules.id, id));
}

/** What a rule names, by kind. */
export interface RuleReferences {
  teamIds: string[];
  inboxIds: string[];
  tagIds: string[];
  agentIds: string[];
  typeIds: string[];
  cannedResponseIds: string[];
}

/** Of the ids a rule names, those that do not exist (live inboxes, active agents), in one
 * D1 batch. */
export async function missingReferences(db: Db, refs: RuleReferences): Promise<RuleReferences> {
  const none = sql`0`;
  const where = <T>(ids: string[], cond: T) => (ids.length ? cond : none);
  const [t, i, g, a, y, c] = await db.batch([
    db.select({ id: teams.id }).from(teams).where(where(refs.teamIds, inArray(teams.id, refs.teamIds))),
    db.select({ id: inboxes.id }).from(inboxes).where(where(refs.inboxIds, sql`${inArray(inboxes.id, refs.inboxIds)} AND ${isNull(inboxes.deletedAt)}`)),
    db.select({ id: tags.id }).from(tags).where(where(refs.tagIds, inArray(tags.id, refs.tagIds))),
    db.select({ id: agents.id }).from(agents).where(where(refs.agentIds, sql`${inArray(agents.id, refs.agentIds)} AND ${isNull(agents.disabledAt)}`)),
    db.select({ id: conversationTypes.id }).from(conversationTypes).where(where(refs.typeIds, inArray(conversationTypes.id, refs.typeIds))),
    db.select({ id: cannedResponses.id }).from(cannedResponses).where(where(refs.cannedResponseIds, inArray(cannedResponses.id, refs.cannedResponseIds))),
  ]);
  const missing = (ids: string[], rows: Array<{ id: string }>) => {
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  };
  return {
    teamIds: missing(refs.teamIds, t),
    inboxIds: missing(refs.inboxIds, i),
    tagIds: missing(refs.tagIds, g),
    agentIds: missing(refs.agentIds, a),
    typeIds: missing(refs.typeIds, y),
    cannedResponseIds: missing(refs.cannedResponseIds, c),
  };
}
