/**
 * @module Which rules run on a batch's conversations: per conversation, each enabled
 * rule in order whose trigger the batch's events set off (the first such event: a rule
 * runs at most once per conversation per batch) and whose conditions hold, claimed in D1
 * so a batch delivered again does not run it twice. D1 is read only as far as the rules
 * need: whether a message is a conversation's first (created rules), the contacts' tags
 * and attributes and the business hours (rules with those conditions), each in one batch.
 */
import type { Db } from "../db/client";
import { claimRuns, firstMessages, ruleFactsOf } from "../db/automation-runs";
import type { AutomationRule, ConversationEvent, ConversationSummary } from "../protocol";
import type { Run } from "./actions";
import { conditionsHold, needsContact, needsHours, type RuleFacts } from "./conditions";
import { earliestMessageSeq, triggersOf, type TriggerHit } from "./triggers";

export interface ConversationEvents {
  conversation: ConversationSummary;
  events: readonly ConversationEvent[];
}

interface Candidate {
  rule: AutomationRule;
  item: ConversationEvents;
  hit: TriggerHit;
}

/** The runs to make, per conversation id, in rule order. `rules`: enabled, in order. */
export async function runsFor(db: Db, rules: readonly AutomationRule[], items: readonly ConversationEvents[], now: number): Promise<Map<string, Run[]>> {
  const eventRules = rules.filter((r) => r.trigger.type !== "idle");
  if (eventRules.length === 0) return new Map();
  let firsts = new Set<string>();
  if (eventRules.some((r) => r.trigger.type === "conversation_created")) {
    const earliest = new Map<string, number>();
    for (const { conversation, events } of items) {
      const seq = earliestMessageSeq(events);
      if (seq !== null) earliest.set(conversation.id, seq);
    }
    firsts = await firstMessages(db, earliest);
  }
  const candidates: Candidate[] = [];
  for (const item of items) {
    const hits = triggersOf(item.events, firsts.has(item.conversation.id));
    for (const rule of eventRules) {
      const hit = hits.find((h) => h.type === rule.trigger.type);
      if (hit) candidates.push({ rule, item, hit });
    }
  }
  if (candidates.length === 0) return new Map();
  const matching = await withConditions(db, candidates, new Date(now));
  const claimed = await claimRuns(
    db,
    matching.map((c) => ({ ruleId: c.rule.id, conversationId: c.item.conversation.id, runKey: c.hit.runKey })),
    now,
  );
  const isClaimed = new Set(claimed.map((c) => `${c.ruleId} ${c.conversationId} ${c.runKey}`));
  const runs = new Map<string, Run[]>();
  for (const { rule, item, hit } of matching) {
    if (!isClaimed.has(`${rule.id} ${item.conversation.id} ${hit.runKey}`)) continue;
    const run: Run = { rule, conversation: item.conversation, trigger: hit.type, runKey: hit.runKey };
    runs.set(item.conversation.id, [...(runs.get(item.conversation.id) ?? []), run]);
  }
  return runs;
}

/** The candidates whose rule's conditions hold, reading what they need in one D1 batch. */
async function withConditions(db: Db, candidates: Candidate[], now: Date): Promise<Candidate[]> {
  const contactIds = new Set<string>();
  const teamIds = new Set<string>();
  const inboxIds = new Set<string>();
  for (const { rule, item } of candidates) {
    if (needsContact(rule.conditions)) contactIds.add(item.conversation.contactId);
    if (needsHours(rule.conditions)) {
      if (item.conversation.teamId) teamIds.add(item.conversation.teamId);
      inboxIds.add(item.conversation.inboxId);
    }
  }
  const read = contactIds.size + teamIds.size + inboxIds.size > 0;
  const facts = read ? await ruleFactsOf(db, { contactIds: [...contactIds], teamIds: [...teamIds], inboxIds: [...inboxIds] }) : null;
  return candidates.filter(({ rule, item, hit }) => conditionsHold(rule.conditions, factsOf(item.conversation, hit, facts), now));
}

export function factsOf(c: ConversationSummary, hit: Pick<TriggerHit, "text" | "status">, facts: Awaited<ReturnType<typeof ruleFactsOf>> | null): RuleFacts {
  const contact = facts?.contacts.get(c.contactId);
  return {
    inboxId: c.inboxId,
    channel: c.channel,
    teamId: c.teamId,
    status: hit.status ?? c.status,
    text: hit.text,
    contactTagIds: contact?.tagIds ?? [],
    contactAttributes: contact?.attributes ?? {},
    hours: (c.teamId ? facts?.teamHours.get(c.teamId) : null) ?? facts?.inboxHours.get(c.inboxId) ?? null,
  };
}
