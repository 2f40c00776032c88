/**
 * @module The timeline as data, before any markup: the rows in order with a separator
 * at each new local day, the delivery state of each outgoing message, and who took part.
 * Pure functions, so the rules are tested without rendering.
 */
import type { Actor, MessageEvent } from "../../../worker/protocol";
import type { FeedEvent, PendingMessage, ReadMark } from "../../../client/feed";
import { dayKey } from "../format";
import { isChange, type ChangeEvent, type MessageChanges } from "./message-changes";

/** Who held the conversation just before an assignment event, when the loaded part of
 * the log says (the first assignment in a window that starts mid-history cannot know). */
export interface Holder {
  assigneeId: string | null;
  teamId: string | null;
}

export type TimelineRow =
  | { kind: "day"; key: string; at: number }
  | { kind: "event"; key: string; event: Exclude<FeedEvent, ChangeEvent>; before: Holder | null }
  | { kind: "pending"; key: string; message: PendingMessage };

/** Stored events, then this agent's unacknowledged messages, with a day row before the
 * first item of each local calendar day. Changes to a message (delivery, reaction, edit,
 * unsend) get no row: they show on their message (message-changes.ts). */
export function buildTimeline(events: readonly FeedEvent[], pending: readonly PendingMessage[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let day: string | null = null;
  const startDay = (at: number) => {
    const key = dayKey(at);
    if (key === day) return;
    day = key;
    rows.push({ kind: "day", key: `day-${key}`, at });
  };
  let holder: Holder | null = null;
  for (const event of events) {
    if (isChange(event)) continue;
    // An unknown event without a readable time stays under the day before it.
    if (event.at !== null) startDay(event.at);
    rows.push({ kind: "event", key: `e${event.seq}`, event, before: event.type === "assignment" ? holder : null });
    if (event.type === "assignment") holder = { assigneeId: event.assigneeId, teamId: event.teamId };
  }
  for (const message of [...pending].sort((a, b) => a.createdAt - b.createdAt)) {
    startDay(message.createdAt);
    rows.push({ kind: "pending", key: `p${message.clientId}`, message });
  }
  return rows;
}

export type DeliveryState = "sending" | "queued" | "sent" | "delivered" | "read" | "failed";
export interface Delivery {
  state: DeliveryState;
  /** Why it failed, in the server's or the provider's words. */
  reason: string | null;
}

/** Only what the team sends to the customer has a delivery state: not the customer's
 * own messages, not private notes (they are never sent). */
export function isOutgoing(event: MessageEvent): boolean {
  return event.actor.type !== "contact" && event.kind !== "note";
}

/** A stored message's state: the latest receipt that moved it forward (`changes`), else
 * what the message itself said. A failure reported by the channel wins; otherwise the
 * customer's read mark (their widget's `read` frames) beats what the channel reported. */
export function deliveryOf(event: MessageEvent, contactReadSeq: number, changes?: MessageChanges): Delivery | null {
  if (!isOutgoing(event)) return null;
  const status = changes?.delivery?.status ?? event.delivery;
  if (status === "failed") return { state: "failed", reason: changes?.delivery?.error ?? event.deliveryError ?? null };
  if (status === "read" || event.seq <= contactReadSeq) return { state: "read", reason: null };
  if (status === "delivered") return { state: "delivered", reason: null };
  // Stored, waiting in the room's delivery queue for the provider to accept it.
  if (status === "pending") return { state: "sending", reason: null };
  return { state: "sent", reason: null };
}

/** A message this agent wrote that is not stored yet. */
export function pendingDelivery(message: PendingMessage, online: boolean): Delivery {
  if (message.error !== null) return { state: "failed", reason: message.error };
  return { state: online ? "sending" : "queued", reason: null };
}

/** How far the customer has read: the highest `read` mark of a contact. */
export function contactReadSeq(reads: readonly ReadMark[]): number {
  return reads.reduce((max, mark) => (mark.actor.type === "contact" && mark.seq > max ? mark.seq : max), 0);
}

/** Every agent who wrote in the loaded log (replies and notes), in order of first word. */
export function participants(events: readonly FeedEvent[]): Array<{ id: string; name: string | null }> {
  const seen = new Map<string, string | null>();
  for (const event of events) {
    if (event.type !== "message" || event.actor.type !== "agent" || event.actor.id === null) continue;
    seen.set(event.actor.id, event.actor.name ?? seen.get(event.actor.id) ?? null);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Other people typing whom the pane should announce (not this agent's other tabs). */
export function othersTyping(typing: readonly Actor[], myId: string): Actor[] {
  return typing.filter((actor) => !(actor.type === "agent" && actor.id === myId));
}
