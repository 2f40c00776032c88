/**
 * @module Routing applied where every first customer message passes: the conversation's
 * room (a channel webhook's `ingest`, the widget's socket `send` and its HTTP fallback).
 * The room asks `routingSteps` before it stores that message and gets back, at most, a
 * move to another team (an assignment event with reason "routing": the audit trail) to
 * store first, and an away message to store after the customer's message.
 *
 * Why in the room and not where the conversation row is made (channels/threads.ts): a web
 * chat conversation exists from the visitor's first visit, long before any text, and its
 * first message usually comes over the socket straight into the room; no Worker route
 * sees it. One place for every channel keeps the rule "routed once, before its first
 * message is stored", so no queue ever holds the conversation under the wrong team (a
 * move after the message would race automatic distribution in the old team's queue).
 *
 * E-mail: the conversation is created in the team of the address it was sent to
 * (EmailSettings.addressTeams) and that team is what "no rule matched" falls back to; a
 * matching rule wins over it. A rule is an explicit, ordered decision an admin made and
 * can itself test the recipient address, so it is the more specific of the two; the
 * address map is the per-address default, as an inbox's team is the per-inbox one.
 */
import type { Env } from "../env";
import { database } from "../db/client";
import { truncateText, MAX_BODY_CHARS, type Actor } from "../protocol";
import type { MessageCommand, RoomCommand, RoomState } from "../conversation/commands";
import type { RoomInboundItem } from "../channels/types";
import { overflowWhenUnstaffed, routeConversation, type RouteDecision, type RoutingFacts } from "./route-conversation";
import { routingFactsOf, type FirstMessage } from "./routing-facts";

/** Who moves the conversation: the system, on the rules' behalf. */
export const ROUTING_ACTOR: Actor = { type: "system", id: null, name: null };
/** Who speaks the away message: an automatic voice of the company (the widget shows it
 * on the team's side; provider channels deliver it like an agent's reply). */
export const AWAY_ACTOR: Actor = { type: "bot", id: "routing", name: null };
/** The away message's idempotency key: the room stores it at most once per conversation,
 * whatever retries or concurrent first messages ask again. */
export const AWAY_CLIENT_ID = "routing-away";

/** What routing reads of the first customer message. */
export type FirstText = Pick<FirstMessage, "text" | "recipientAddresses" | "senderAddress" | "portalCategory">;

/** A channel's first customer message as routing reads it: its text, and for e-mail the
 * subject too (part of what the customer wrote) and the addresses it was sent to. */
export function firstMessageOf(item: Extract<RoomInboundItem, { type: "message" }>): FirstText {
  const mail = item.content?.type === "email" ? item.content : null;
  return { text: [mail?.subject, item.body].filter(Boolean).join("\n") || null, recipientAddresses: mail ? [...mail.to, ...mail.cc].map((m) => m.address) : [],
    senderAddress: mail?.from.address ?? null,
  };
}

export interface RoutingSteps {
  move: RoomCommand | null;
  away: MessageCommand | null;
}

const NOTHING: RoutingSteps = { move: null, away: null };

/** Still to be routed: no customer message stored yet, nobody assigned, no agent reply
 * (a conversation an agent started is theirs, not the rules'). */
export function awaitsRouting(state: RoomState): boolean {
  return (state.lastInboundAt ?? null) === null && state.assigneeId === null && state.firstResponseAt === null;
}

/** The steps for the first customer message, or none. D1 unreadable: none, logged; the
 * message is stored all the same in the team the conversation was made with (a missed
 * rule beats a lost message), and the room does not ask again. */
export async function routingSteps(env: Env, state: RoomState, first: FirstText): Promise<RoutingSteps> {
  if (!awaitsRouting(state)) return NOTHING;
  try {
    const { rules, facts } = await routingFactsOf(database(env.DB), { ...first, inboxId: state.inboxId, channel: state.channel, contactId: state.contactId, teamId: state.teamId });
    const now = new Date();
    const decision = routeConversation(rules, facts, now);
    return stepsOf(state, overflowWhenUnstaffed(decision, facts, await staffedTeams(env, decision, facts), now));
  } catch (err) {
    console.warn(JSON.stringify({ msg: "routing skipped", conversationId: state.id, error: String(err).slice(0, 300) }));
    return NOTHING;
  }
}

/** Of the chosen team and its overflow, those with a member online now (asked of their
 * TeamQueues only when there is an overflow to go to). A queue that cannot answer counts
 * as staffed: the conversation then stays where the rules put it. */
async function staffedTeams(env: Env, decision: RouteDecision, facts: RoutingFacts): Promise<Set<string>> {
  const overflowId = decision.teamId ? (facts.teams.get(decision.teamId)?.overflowTeamId ?? null) : null;
  if (!decision.teamId || !overflowId || decision.away) return new Set();
  const teams = [decision.teamId, overflowId];
  const answers = await Promise.all(teams.map((t) => env.TEAM_QUEUE.getByName(t).availableAgents().then((a) => a.length > 0, () => true)));
  return new Set(teams.filter((_, i) => answers[i]));
}

/** The room commands a decision takes from `state`. */
export function stepsOf(state: RoomState, decision: RouteDecision): RoutingSteps {
  const move: RoomCommand | null =
    decision.teamId !== state.teamId ? { type: "assign", actor: ROUTING_ACTOR, assigneeId: null, assigneeName: null, teamId: decision.teamId, reason: "routing" } : null;
  const away: MessageCommand | null = decision.away
    ? { type: "message", actor: AWAY_ACTOR, kind: "text", body: truncateText(decision.away.message, MAX_BODY_CHARS), clientId: AWAY_CLIENT_ID }
    : null;
  return { move, away };
}
