/**
 * @module Which rule triggers a batch's events set off, and the loop guard: an event an
 * automation caused (its actor's id starts with `automation:`) sets nothing off, so a
 * rule's own canned reply, note, resolve or assignment never runs a rule again (chain
 * depth 0 after the rule: no rule, not even another one, reacts to a rule's work).
 */
import type { Actor, AutomationTriggerType, ConversationEvent, ConversationStatus } from "../protocol";

/** The actor id prefix of every change a rule makes. */
export const AUTOMATION_ACTOR_PREFIX = "automation:";

export function isAutomationActor(actor: Actor): boolean {
  return actor.id?.startsWith(AUTOMATION_ACTOR_PREFIX) ?? false;
}

/** One thing that happened that rules with `type` listen to. */
export interface TriggerHit {
  type: AutomationTriggerType;
  /** Names the trigger on this conversation: a rule runs at most once per key. */
  runKey: string;
  /** The customer's text, for `textContains`; null when the trigger has none. */
  text: string | null;
  /** For `status_changed`: the status it changed to. */
  status?: ConversationStatus;
}

/** A message that counts as conversation: not a note, not from an automation. */
function counts(e: ConversationEvent): e is Extract<ConversationEvent, { type: "message" }> {
  return e.type === "message" && e.kind !== "note" && !isAutomationActor(e.actor);
}

/** The seq of the batch's earliest message that counts, if any: the conversation's first
 * message when D1 holds none before it (../db/automation-runs.ts `firstMessages`). */
export function earliestMessageSeq(events: readonly ConversationEvent[]): number | null {
  return events.find(counts)?.seq ?? null;
}

/** The triggers in `events` (seq order). `isFirst`: the earliest message is the
 * conversation's first. */
export function triggersOf(events: readonly ConversationEvent[], isFirst: boolean): TriggerHit[] {
  const hits: TriggerHit[] = [];
  const first = isFirst ? earliestMessageSeq(events) : null;
  for (const e of events) {
    if (isAutomationActor(e.actor)) continue;
    if (counts(e)) {
      const text = e.actor.type === "contact" ? e.body : null;
      if (e.seq === first) hits.push({ type: "conversation_created", runKey: `seq:${e.seq}`, text });
      if (e.actor.type === "contact") hits.push({ type: "customer_message", runKey: `seq:${e.seq}`, text });
    } else if (e.type === "status" && e.from !== e.to) {
      hits.push({ type: "status_changed", runKey: `seq:${e.seq}`, text: null, status: e.to });
    }
  }
  return hits;
}
