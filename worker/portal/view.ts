/**
 * @module What a customer sees of a conversation: its list row, and its log reduced to
 * public messages and status changes. Built field by field from the room's contact view
 * (which already leaves notes out), so nothing an agent keeps for themselves — actor ids,
 * delivery data, assignments, labels, automation — can reach the portal by being added
 * to an event later.
 */
import type { ConversationEvent, PortalConversation, PortalEvent } from "../protocol";
import type { PortalConversationRow } from "../db/portal-conversations";

/** A bot's conversation waits for the customer like an open one. */
function shownStatus(status: PortalConversationRow["status"]): PortalConversation["status"] {
  return status === "bot" ? "open" : status;
}

export function portalConversation(row: PortalConversationRow): PortalConversation {
  return {
    id: row.id,
    channel: row.channel,
    subject: row.subject,
    status: shownStatus(row.status),
    preview: row.lastMessagePreview,
    createdAt: row.createdAt,
    lastActivityAt: row.lastActivityAt,
  };
}

/** The events a customer sees, in order. Notes never arrive here (the room's "contact"
 * audience), and are dropped again should one ever slip through. */
export function portalEvents(events: ConversationEvent[]): PortalEvent[] {
  const shown: PortalEvent[] = [];
  for (const e of events) {
    if (e.type === "message" && e.kind !== "note") {
      const fromCustomer = e.actor.type === "contact";
      shown.push({
        type: "message",
        seq: e.seq,
        at: e.at,
        from: fromCustomer ? "customer" : "team",
        author: fromCustomer ? null : (e.actor.name ?? null),
        body: e.body,
        attachments: (e.attachments ?? []).map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size })),
      });
    } else if (e.type === "status" && shownStatus(e.from) !== shownStatus(e.to)) {
      shown.push({ type: "status", seq: e.seq, at: e.at, status: shownStatus(e.to) });
    }
  }
  return shown;
}
