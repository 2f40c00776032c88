/**
 * @module useReachability: the open conversation's "replies unavailable" state
 * (./reachability.ts), kept current as reachability events arrive and after the room
 * refuses a send as `recipient_unreachable`.
 */
import { useMemo, useState } from "preact/hooks";
import type { FeedEvent } from "../../../client/feed";
import { lastReachabilitySeq, unreachableNow, type Unreachable } from "./reachability";

export interface ReachabilityState {
  unreachable: Unreachable | null;
  /** Call when the room refused a send as `recipient_unreachable`. */
  refused: () => void;
}

export function useReachability(events: readonly FeedEvent[]): ReachabilityState {
  const [refusedAfter, setRefusedAfter] = useState<number | null>(null);
  const unreachable = useMemo(() => unreachableNow(events, refusedAfter), [events, refusedAfter]);
  return { unreachable, refused: () => setRefusedAfter(lastReachabilitySeq(events)) };
}
