/**
 * @module useFeed: a Preact hook that re-renders when a ConversationFeed changes.
 */
import { useEffect, useState } from "preact/hooks";
import type { ConversationFeed, FeedEvent, FeedSnapshot } from "./feed";

export function useFeed<E extends FeedEvent>(feed: ConversationFeed<E>): FeedSnapshot<E> {
  const [snapshot, setSnapshot] = useState(() => feed.snapshot());
  useEffect(() => {
    // The feed may have changed between the first render and this effect.
    setSnapshot(feed.snapshot());
    return feed.subscribe(() => setSnapshot(feed.snapshot()));
  }, [feed]);
  return snapshot;
}
