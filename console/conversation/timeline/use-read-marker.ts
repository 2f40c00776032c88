/**
 * @module useReadMarker: while the pane is on screen, what arrives counts as read. After
 * a short pause (a burst of messages makes one write) it tells the room (the socket's
 * `read` frame, which the customer's widget shows as "read") and the API (this agent's
 * mark, which the list's unread counts come from). A hidden tab reads nothing; coming
 * back to it does.
 */
import { useEffect, useRef } from "preact/hooks";
import type { ConversationItem } from "../../../worker/protocol";
import type { ConversationFeed, FeedEvent } from "../../../client/feed";
import { paneApi } from "../api";

export const READ_DELAY_MS = 600;

export function useReadMarker(options: {
  id: string;
  feed: ConversationFeed<FeedEvent>;
  lastSeq: number;
  loaded: boolean;
  readSeq: number | undefined;
  update: (change: (item: ConversationItem) => ConversationItem) => void;
}): void {
  const { id, feed, lastSeq, loaded } = options;
  const posted = useRef(0);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (!loaded || lastSeq === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const mark = () => {
      if (document.visibilityState !== "visible") return;
      feed.markRead(lastSeq);
      const known = Math.max(posted.current, latest.current.readSeq ?? 0);
      if (lastSeq <= known) return;
      posted.current = lastSeq;
      paneApi.markRead(id, lastSeq).then(
        () => latest.current.update((item) => ({ ...item, readSeq: Math.max(item.readSeq, lastSeq), unread: 0 })),
        () => {
          // Not fatal: the next message or visit tries again.
          posted.current = 0;
        },
      );
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(mark, READ_DELAY_MS);
    };
    schedule();
    document.addEventListener("visibilitychange", schedule);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", schedule);
    };
  }, [id, feed, lastSeq, loaded]);
}
