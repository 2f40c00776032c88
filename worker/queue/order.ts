/**
 * @module Queue order from the product brief, as one comparator:
 *   1. web chat first, absolutely (the customer is on the site right now);
 *   2. channel priority (1–100, per inbox), higher first;
 *   3. received time, oldest first.
 * Contact priority and scheduled callbacks slot in between 2 and 3 when the contact
 * segments land (they need fields the summary does not carry yet).
 */
import type { ConversationSummary } from "../protocol";

export function waitingOrder(a: ConversationSummary, b: ConversationSummary): number {
  const web = Number(b.channel === "webchat") - Number(a.channel === "webchat");
  if (web !== 0) return web;
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}
