/**
 * @module The waiting list's order (issue 14), computed by ONE function: `sortKeyOf`
 * turns a waiting conversation into a tuple of sort-key columns that ascend. The TeamQueue
 * stores the tuple in its SQLite with an index on exactly these columns, so its
 * `ORDER BY` walks the index (no scan, no sort per pop), and the in-memory comparator
 * compares the same tuple: the two orders cannot disagree.
 */
import { CALLBACK_LEAD_MS, type ConversationSummary } from "../protocol";

/** What the order looks at, as the queue knows it about a waiting conversation. */
export interface OrderInput {
  /** A scheduled callback is due within 5 minutes (issue 14, rule 1). */
  callbackDue: boolean;
  channel: ConversationSummary["channel"];
  /** The inbox's channel priority (1–100, higher first), copied onto the conversation. */
  inboxPriority: number;
  /** The contact's priority, higher first; 0 until the summary carries it. */
  contactPriority: number;
  /** When the customer started waiting (ms since the epoch), oldest first. */
  receivedAt: number;
  /** Last tie-break, so the order is total and the same everywhere. */
  conversationId: string;
}

/** The sort key: every column ascends (a "higher first" rule is stored negated), so one
 * plain ascending index serves the whole `ORDER BY`. */
export type SortKey = readonly [number, number, number, number, number, string];

/** The TeamQueue's sort-key columns, in key order (names are SQL identifiers). */
export const SORT_COLUMNS = ["k_callback", "k_webchat", "k_inbox", "k_contact", "received_at", "conversation_id"] as const;

/** `ORDER BY` clause matching the index on SORT_COLUMNS. */
export const ORDER_BY_SQL = SORT_COLUMNS.map((c) => `${c} ASC`).join(", ");

export function sortKeyOf(input: OrderInput): SortKey {
  return [
    input.callbackDue ? 0 : 1,
    // The web chat visitor is on the site now: above every other channel, absolutely.
    input.channel === "webchat" ? 0 : 1,
    -input.inboxPriority,
    -input.contactPriority,
    input.receivedAt,
    input.conversationId,
  ];
}

/** The in-memory comparator: the same tuple, compared column by column. Ids compare by
 * code unit, which matches SQLite's BINARY collation for the ASCII ids we mint. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** From when a callback heads the queue: 5 minutes before its time. */
export function callbackDueFrom(callbackAt: number): number {
  return callbackAt - CALLBACK_LEAD_MS;
}

/** The order's inputs from a list row at `now`; `receivedAt` is the queue's own (kept
 * across updates and transfers). */
export function orderInputOf(summary: ConversationSummary, receivedAt: number, now: number): OrderInput {
  return {
    callbackDue: summary.callbackAt !== null && callbackDueFrom(summary.callbackAt) <= now,
    channel: summary.channel,
    inboxPriority: summary.priority,
    contactPriority: summary.contactPriority,
    receivedAt,
    conversationId: summary.id,
  };
}

/** A priority item waits: the console's Next button turns red (web chat, or a callback due). */
export function isPriorityKey(key: SortKey): boolean {
  return key[0] === 0 || key[1] === 0;
}
