/**
 * @module Unread messages: the team's messages after the visitor's last-read mark. The
 * mark is kept per conversation in storage, so the launcher badge survives a reload,
 * and is sent to the room as a `read` frame, which the agent sees as "read".
 */
import type { ConversationEvent } from "../worker/protocol";
import { safeLocalStorage } from "../client/outbox";

const markKey = (conversationId: string) => `switchboard:read:${conversationId}`;

/** Messages from anyone but the visitor (agents, bots, the system) after `lastRead`. */
export function countUnread(events: readonly ConversationEvent[], lastRead: number): number {
  let count = 0;
  for (const e of events) if (e.seq > lastRead && e.type === "message" && e.actor.type !== "contact") count++;
  return count;
}

export function loadReadMark(conversationId: string, storage = safeLocalStorage()): number {
  try {
    return Number(storage?.getItem(markKey(conversationId))) || 0;
  } catch {
    return 0;
  }
}

export function saveReadMark(conversationId: string, seq: number, storage = safeLocalStorage()): void {
  try {
    storage?.setItem(markKey(conversationId), String(seq));
  } catch {
    // Forgotten on reload: the badge may show old messages once more.
  }
}
