/**
 * @module Which webhook events a pipeline batch makes, and for which endpoint: each
 * stored conversation event maps to at most one webhook event (plus
 * `conversation.created` before a conversation's first event), keyed by (conversation,
 * seq, event) so a batch the pipeline delivers twice adds nothing the second time.
 */
import type { ConversationEvent, ConversationSummary, WebhookEventName, WebhookMessageDirection } from "../protocol";
import type { RoomEvents } from "../pipeline/types";
import type { NewDelivery } from "./outbox-store";

/** What the outbox needs of an endpoint to choose its events. */
export interface Subscription {
  events: readonly WebhookEventName[];
  includeNotes: boolean;
  /** The endpoint's creation (ms): it receives what happened from then on. The pipeline
   * projects in batches (up to FLUSH_INTERVAL_MS later, or much later after an outage),
   * so without this an endpoint created meanwhile would receive events that happened
   * before it existed. */
  since: number;
}

/** A conversation event as the webhook event it becomes, or null (not one we send). */
interface Mapped {
  event: WebhookEventName;
  /** The payload's fields after the envelope and the conversation. */
  fields: Record<string, unknown>;
  isNote?: boolean;
}

function mapped(e: ConversationEvent): Mapped | null {
  switch (e.type) {
    case "message":
      return { event: "message.created", fields: { direction: directionOf(e), message: e }, isNote: e.kind === "note" };
    case "status":
      return { event: "conversation.status_changed", fields: { change: e } };
    case "assignment":
      return { event: "conversation.assigned", fields: { assignment: e } };
    case "delivery":
      return { event: "message.delivery_changed", fields: { delivery: e } };
    case "csat":
      return { event: "csat.received", fields: { csat: e } };
    default:
      return null;
  }
}

function directionOf(e: Extract<ConversationEvent, { type: "message" }>): WebhookMessageDirection {
  if (e.kind === "note") return "note";
  return e.actor.type === "contact" ? "incoming" : "outgoing";
}

/** Up to this many webhook events per stored event (`conversation.created`, then its own). */
const PER_SEQ = 2;

/** The deliveries `sub` wants from one conversation's events. `conversation` is its list
 * row as the batch left it. */
export function deliveriesFor(sub: Subscription, room: RoomEvents, conversation: ConversationSummary): NewDelivery[] {
  const wants = new Set(sub.events);
  const out: NewDelivery[] = [];
  const add = (e: ConversationEvent, slot: number, event: WebhookEventName, fields: Record<string, unknown>) =>
    out.push({
      dedupKey: `${conversation.id}:${e.seq}:${event}`,
      lane: `conversation:${conversation.id}`,
      ord: e.seq * PER_SEQ + slot,
      event,
      conversationId: conversation.id,
      seq: e.seq,
      payload: { event, createdAt: e.at, conversation, ...fields },
    });
  for (const e of room.events) {
    if (e.at < sub.since) continue;
    // The room's first event is the conversation's start.
    if (e.seq === 1 && wants.has("conversation.created")) add(e, 0, "conversation.created", {});
    const m = mapped(e);
    if (!m || !wants.has(m.event) || (m.isNote && !sub.includeNotes)) continue;
    add(e, 1, m.event, m.fields);
  }
  return out;
}
