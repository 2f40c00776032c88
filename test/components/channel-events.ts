/**
 * @module Builders for the events channels add (delivery, reaction, edit, unsend,
 * reachability), in
 * the protocol's shapes, for the console's channel tests.
 */
import type { Actor, DeliveryEvent, DeliveryStatus, EditEvent, ReachabilityEvent, ReactionEvent, UnsendEvent } from "../../worker/protocol";

export const AT = Date.UTC(2026, 10, 23, 13, 0);
export const maria: Actor = { type: "contact", id: "k1", name: null };
export const ana: Actor = { type: "agent", id: "a1", name: "Ana" };
export const bruno: Actor = { type: "agent", id: "a2", name: "Bruno" };
const system: Actor = { type: "system", id: null, name: null };

const base = (seq: number, actor: Actor) => ({ seq, id: `e${seq}`, conversationId: "c1", at: AT + seq * 1_000, actor });

export function delivery(seq: number, messageSeq: number, status: DeliveryStatus, error: string | null = null): DeliveryEvent {
  return { ...base(seq, system), type: "delivery", messageSeq, status, error, providerMessageId: status === "pending" ? null : `wamid.${messageSeq}` };
}

export function reaction(seq: number, messageSeq: number, emoji: string | null, actor: Actor = maria): ReactionEvent {
  return { ...base(seq, actor), type: "reaction", messageSeq, emoji };
}

export function edit(seq: number, messageSeq: number, body: string): EditEvent {
  return { ...base(seq, maria), type: "edit", messageSeq, body };
}

export function unsend(seq: number, messageSeq: number): UnsendEvent {
  return { ...base(seq, maria), type: "unsend", messageSeq };
}

/** The customer blocked or unblocked the bot, or opted out or back in. */
export function reachability(seq: number, reachable: boolean, reason: ReachabilityEvent["reason"]): ReachabilityEvent {
  return { ...base(seq, maria), type: "reachability", reachable, reason };
}
