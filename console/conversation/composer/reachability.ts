/**
 * @module Whether the open conversation's customer may be written to, as the composer
 * shows it: the latest reachability event in the loaded log (blocked the bot, opted out),
 * or — when that event is on a page not loaded — the room's refusal of a reply as
 * `recipient_unreachable`, until a newer reachability event says otherwise. The room
 * enforces it; this only tells the agent before they write. Pure, for tests.
 */
import type { ReachabilityReason } from "../../../worker/protocol";
import type { FeedEvent } from "../../../client/feed";

/** Why replies cannot go out now; `unknown`: the room refused one, the reason not loaded. */
export type Unreachable = ReachabilityReason | "unknown";

/** The seq of the latest reachability event among `events`, 0 when none is loaded. */
export function lastReachabilitySeq(events: readonly FeedEvent[]): number {
  return events.findLast((e) => e.type === "reachability")?.seq ?? 0;
}

/** `refusedAfter`: the latest reachability seq known when the room refused a reply as
 * unreachable (null: no refusal). */
export function unreachableNow(events: readonly FeedEvent[], refusedAfter: number | null): Unreachable | null {
  const last = events.findLast((e) => e.type === "reachability");
  if (last?.type === "reachability" && !last.reachable) return last.reason;
  if (refusedAfter !== null && (last?.seq ?? 0) <= refusedAfter) return "unknown";
  return null;
}
