/**
 * @module Unread counts for the view tabs and the page title: customer messages not yet
 * read in the open conversations of Mine and of Unassigned. Counted over the store, which
 * holds up to a full page of each (fetched whenever the live feed becomes whole) plus
 * every live change, so the counts need no endpoint of their own.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { MAX_PAGE_SIZE } from "../../worker/protocol/limits";
import type { ConversationItem } from "../../worker/protocol";
import { api } from "../api";
import type { ConversationStore } from "./conversation-store";

export interface ViewCounts {
  mine: number;
  unassigned: number;
}

export function countUnread(items: Iterable<ConversationItem>, meId: string): ViewCounts {
  const counts = { mine: 0, unassigned: 0 };
  for (const item of items) {
    if (item.status !== "open") continue;
    if (item.assigneeId === meId) counts.mine += item.unread;
    else if (item.assigneeId === null) counts.unassigned += item.unread;
  }
  return counts;
}

/** Loads the rows the counts are made of. */
export async function loadCountedViews(store: ConversationStore): Promise<void> {
  const pages = await Promise.all([
    api.conversations({ view: "mine", limit: MAX_PAGE_SIZE }),
    api.conversations({ view: "unassigned", limit: MAX_PAGE_SIZE }),
  ]);
  for (const page of pages) for (const item of page.conversations) store.putItem(item, "load");
}

/** Loads the counted rows each time the live feed becomes whole (`feedSince`, see
 * use-queue-live.ts): from then on its frames keep them current. Not before the list is
 * `listReady`, so these two pages of up to 200 rows are never answered alongside the
 * list's first page, slowing it down: the rows come first. */
export function useCountedViewsLoad(store: ConversationStore, feedSince: number | null, listReady: boolean): void {
  const loadedFor = useRef<number | null>(null);
  useEffect(() => {
    if (feedSince === null || !listReady || loadedFor.current === feedSince) return;
    loadedFor.current = feedSince;
    loadCountedViews(store).catch(() => undefined);
  }, [store, feedSince, listReady]);
}

/** The counts, recounted at most once per task however many rows change in it. */
export function useViewCounts(store: ConversationStore, meId: string): ViewCounts {
  const [counts, setCounts] = useState<ViewCounts>(() => countUnread(store.values(), meId));
  useEffect(() => {
    let scheduled = false;
    const recount = () => {
      scheduled = false;
      const next = countUnread(store.values(), meId);
      setCounts((prev) => (prev.mine === next.mine && prev.unassigned === next.unassigned ? prev : next));
    };
    const unsubscribe = store.subscribe(() => {
      if (scheduled) return;
      scheduled = true;
      setTimeout(recount, 0);
    });
    recount();
    return unsubscribe;
  }, [store, meId]);
  return counts;
}
