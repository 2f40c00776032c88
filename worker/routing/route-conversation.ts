/**
 * @module Where a new conversation goes: the routing rules in order, then the chosen
 * team's business hours (overflow team, or its away message). Pure: the caller gathers
 * the facts (./routing-facts.ts) and applies the decision (./first-message.ts).
 */
import type { BusinessHours, ChannelKind, RoutingConditions, RoutingRule } from "../protocol";
import { isWithinBusinessHours } from "../channels/webchat/business-hours";
import { containsKeyword, wordsOf } from "./keywords";

/** What routing needs to know of a team. */
export interface TeamRoutingFacts {
  id: string;
  /** null: always open. */
  businessHours: BusinessHours | null;
  overflowTeamId: string | null;
  awayMessage: string;
}

export interface RoutingFacts {
  inboxId: string;
  channel: ChannelKind;
  /** E-mail: the addresses the customer wrote to, bare and lower-case. Others: none. */
  recipientAddresses: string[];
  /** E-mail: the domain of the address the customer wrote from, lower-case. Others: null. */
  senderDomain: string | null;
  /** The customer's first message; null when it has no text (a photo alone). */
  firstMessageText: string | null;
  contactTagIds: string[];
  /** The customer portal's request category (worker/portal/); null elsewhere. */
  portalCategory: string | null;
  contactAttributes: Record<string, unknown>;
  /** Where the conversation goes when no rule matches: the inbox's default team (an
   * e-mail address's own team, EmailSettings.addressTeams, where one is set). */
  defaultTeamId: string | null;
  /** The inbox's own hours (web chat settings), for a rule whose team has none. */
  inboxBusinessHours: BusinessHours | null;
  /** Every team, by id. A rule naming a team not here (deleted since) never matches. */
  teams: ReadonlyMap<string, TeamRoutingFacts>;
}

export interface RouteDecision {
  teamId: string | null;
  /** The rule that matched; null: the default team. */
  ruleId: string | null;
  /** Outside the team's hours with no open overflow: tell the customer this, once. */
  away: { teamId: string; message: string } | null;
}

/** `rules` in evaluation order (ascending position), as the D1 list returns them. */
export function routeConversation(rules: RoutingRule[], facts: RoutingFacts, now: Date): RouteDecision {
  const words = facts.firstMessageText ? wordsOf(facts.firstMessageText) : [];
  const rule = rules.find((r) => r.enabled && facts.teams.has(r.teamId) && matches(r.conditions, r.teamId, facts, words, now));
  const chosen = rule ? rule.teamId : facts.defaultTeamId;
  if (chosen === null) return { teamId: null, ruleId: null, away: null };
  return { ...afterHours(chosen, facts, now), ruleId: rule?.id ?? null };
}

/** Business hours of the chosen team: open, or no hours → it stays. Closed → its
 * overflow team when that one is open (or keeps no hours); else it stays and its away
 * message (if it has one) is sent. One hop only: an overflow's own overflow is not
 * followed, so a chain of closed teams cannot wander. */
function afterHours(teamId: string, facts: RoutingFacts, now: Date): Omit<RouteDecision, "ruleId"> {
  const team = facts.teams.get(teamId);
  if (!team || isWithinBusinessHours(team.businessHours, now)) return { teamId, away: null };
  const overflow = team.overflowTeamId ? facts.teams.get(team.overflowTeamId) : undefined;
  if (overflow && isWithinBusinessHours(overflow.businessHours, now)) return { teamId: overflow.id, away: null };
  const message = team.awayMessage.trim();
  return { teamId, away: message ? { teamId, message } : null };
}

/** The team's overflow when nobody in the team can take the conversation now (no member
 * online) and somebody in the overflow team can, and the overflow is open. Applied after
 * the hours (a closed team already went to its overflow or sends its away message), one
 * hop only like them. `staffed`: the teams with at least one member online now. */
export function overflowWhenUnstaffed(decision: RouteDecision, facts: RoutingFacts, staffed: ReadonlySet<string>, now: Date): RouteDecision {
  if (decision.teamId === null || decision.away !== null || staffed.has(decision.teamId)) return decision;
  const overflowId = facts.teams.get(decision.teamId)?.overflowTeamId ?? null;
  const overflow = overflowId ? facts.teams.get(overflowId) : undefined;
  if (!overflow || !staffed.has(overflow.id) || !isWithinBusinessHours(overflow.businessHours, now)) return decision;
  return { ...decision, teamId: overflow.id };
}

/** Every present condition holds; each list holds when any of its items does. */
function matches(c: RoutingConditions, targetTeamId: string, facts: RoutingFacts, words: string[], now: Date): boolean {
  if (c.inboxIds && !c.inboxIds.includes(facts.inboxId)) return false;
  if (c.channels && !c.channels.includes(facts.channel)) return false;
  if (c.recipientAddresses && !c.recipientAddresses.some((a) => facts.recipientAddresses.includes(a.toLowerCase()))) return false;
  if (c.senderDomains && !c.senderDomains.some((d) => isDomainOrSubdomain(facts.senderDomain, d))) return false;
  if (c.keywords && !c.keywords.some((k) => containsKeyword(words, k))) return false;
  if (c.contactTagIds && !c.contactTagIds.some((t) => facts.contactTagIds.includes(t))) return false;
  if (c.contactAttribute && !attributeEquals(facts.contactAttributes[c.contactAttribute.key], c.contactAttribute.value)) return false;
  if (c.portalCategories && !(facts.portalCategory && c.portalCategories.includes(facts.portalCategory))) return false;
  if (c.hours) {
    const hours = facts.teams.get(targetTeamId)?.businessHours ?? facts.inboxBusinessHours;
    const inside = isWithinBusinessHours(hours, now);
    if ((c.hours === "inside") !== inside) return false;
  }
  return true;
}

/** `domain` is `rule` or one of its subdomains (compared lower-case; "xacme.com" is not
 * a subdomain of "acme.com"). No sender domain never matches. */
export function isDomainOrSubdomain(domain: string | null, rule: string): boolean {
  if (!domain) return false;
  const r = rule.toLowerCase();
  return domain === r || domain.endsWith(`.${r}`);
}

/** An attribute compared as text: trimmed, letter case ignored. Numbers and booleans by
 * their usual spelling ("42", "true"); a missing or null attribute never matches. */
export function attributeEquals(actual: unknown, expected: string): boolean {
  if (typeof actual !== "string" && typeof actual !== "number" && typeof actual !== "boolean") return false;
  return String(actual).trim().toLowerCase() === expected.trim().toLowerCase();
}
