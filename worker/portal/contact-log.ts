/**
 * @module A conversation's log as its contact may see it (the room's "contact" audience:
 * no notes), read page by page, keeping the newest MAX_SHOWN_EVENTS: what the portal's
 * page and its API both show.
 */
import type { Env } from "../env";
import { roomOf } from "../conversation/room-client";
import { MAX_PAGE_SIZE, type ConversationEvent, type ConversationSummary } from "../protocol";

/** Enough for any conversation a customer rereads; a longer one shows its latest part. */
export const MAX_SHOWN_EVENTS = 2_000;

export async function contactLog(env: Env, conversation: ConversationSummary): Promise<ConversationEvent[]> {
  const room = roomOf(env, conversation);
  const events: ConversationEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await room.history(after, MAX_PAGE_SIZE, "contact");
    events.push(...page.events);
    if (!page.more || page.events.length === 0) break;
    after = page.events.at(-1)!.seq;
    // Keep memory bounded while paging through a very long conversation.
    if (events.length > MAX_SHOWN_EVENTS * 2) events.splice(0, events.length - MAX_SHOWN_EVENTS);
  }
  return events.slice(-MAX_SHOWN_EVENTS);
}
