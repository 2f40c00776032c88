/**
 * @module Whether a rule's conditions hold for one trigger on one conversation. Pure: the
 * facts are gathered by ./facts.ts. Words are matched as routing matches its keywords
 * (whole words, accents and case ignored), attributes and hours as routing compares them.
 */
import type { AutomationConditions, BusinessHours, ChannelKind, ConversationStatus } from "../protocol";
import { isWithinBusinessHours } from "../channels/webchat/business-hours";
import { containsKeyword, wordsOf } from "../routing/keywords";
import { attributeEquals } from "../routing/route-conversation";

/** What a rule's conditions are checked against. */
export interface RuleFacts {
  inboxId: string;
  channel: ChannelKind;
  teamId: string | null;
  /** The conversation's status; for `status_changed`, the status it changed to. */
  status: ConversationStatus;
  /** The customer's message that set the rule off; null: none (the rule's `textContains`
   * then never holds). */
  text: string | null;
  contactTagIds: readonly string[];
  contactAttributes: Record<string, unknown>;
  /** The team's business hours, else the web chat inbox's; null: always open. */
  hours: BusinessHours | null;
}

/** Every present condition holds; each list holds when any of its items does. */
export function conditionsHold(c: AutomationConditions, facts: RuleFacts, now: Date): boolean {
  if (c.inboxIds && !c.inboxIds.includes(facts.inboxId)) return false;
  if (c.channels && !c.channels.includes(facts.channel)) return false;
  if (c.teamIds && (facts.teamId === null || !c.teamIds.includes(facts.teamId))) return false;
  if (c.statuses && !c.statuses.includes(facts.status)) return false;
  if (c.textContains) {
    const words = facts.text ? wordsOf(facts.text) : [];
    if (!c.textContains.some((k) => containsKeyword(words, k))) return false;
  }
  if (c.contactTagIds && !c.contactTagIds.some((t) => facts.contactTagIds.includes(t))) return false;
  if (c.contactAttribute && !attributeEquals(facts.contactAttributes[c.contactAttribute.key], c.contactAttribute.value)) return false;
  if (c.hours && (c.hours === "inside") !== isWithinBusinessHours(facts.hours, now)) return false;
  return true;
}

/** Whether checking `c` needs the contact's tags and attributes (a D1 read). */
export function needsContact(c: AutomationConditions): boolean {
  return c.contactTagIds !== undefined || c.contactAttribute !== undefined;
}

/** Whether checking `c` needs business hours (a D1 read). */
export function needsHours(c: AutomationConditions): boolean {
  return c.hours !== undefined;
}
