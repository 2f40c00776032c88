/**
 * @module useConversationList: the rows of one view, page by page from the server, kept
 * in place live as the store changes. Switching the query starts over from the first
 * page.
 *
 * The first page is asked for at once — on a page load index.html has asked for it
 * already, while the scripts loaded (shell/boot-requests.ts) — and again whenever the
 * live feed became whole after it was asked for (`live.since`): a change that reached
 * D1 after the page was read but before the queue socket joined would otherwise never
 * show. So a page load reads the first page twice, the second time after the first
 * paint; a view switch with the feed up reads it once; and a reconnect reads it again,
 * since rows may have changed or left the view unseen.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { DEFAULT_PAGE_SIZE } from "../../worker/protocol/limits";
import { api, conversationsPath } from "../api";
import { rememberFirstPage } from "../shell/boot-requests";
import { useLatestRequest } from "../shell/use-latest-request";
import type { ConversationStore } from "./conversation-store";
import type { LiveFeed } from "./use-queue-live";
import { EMPTY_WINDOW, appendPage, placeRow, type ListWindow } from "./list-window";
import { matchesQuery, queryKey, toApiQuery, type ListQuery } from "./view-query";

export interface ConversationListState {
  ids: readonly string[];
  /** Bumped on every change of a listed row, so rows re-render with the store's item. */
  version: number;
  loading: boolean;
  hasMore: boolean;
  error: string | null;
  loadMore: () => void;
  /** Asks for the first page again, e.g. after it failed. */
  reload: () => void;
}

export function useConversationList(store: ConversationStore, query: ListQuery, meId: string, live: LiveFeed): ConversationListState {
  const key = queryKey(query);
  const queryRef = useRef(query);
  queryRef.current = query;
  // The window lives in a ref, not only in state: the next page's cursor must be the
  // latest one the moment a scroll asks for it, not the one of the last render. It
  // remembers its query, so on the render that switches views the old view's rows never
  // show under the new view's name.
  const slot = useRef<{ key: string; window: ListWindow }>({ key, window: EMPTY_WINDOW });
  const [version, setVersion] = useState(0);
  const request = useLatestRequest(true);
  const firstPageLoaded = useRef(false);
  /** When the current query's first page was last asked for (performance.now()). */
  const firstPageAskedAt = useRef<number | null>(null);
  /** Rows that changed while a first page was on its way, which it may have been read
   * before; null while none is. */
  const changedMeanwhile = useRef<Set<string> | null>(null);

  const current = useCallback((): ListWindow => (slot.current.key === queryKey(queryRef.current) ? slot.current.window : EMPTY_WINDOW), []);
  const update = useCallback(
    (change: (w: ListWindow) => ListWindow) => {
      const before = current();
      const after = change(before);
      if (after === before) return;
      slot.current = { key: queryKey(queryRef.current), window: after };
      setVersion((v) => v + 1);
    },
    [current],
  );

  const { run } = request;
  const fetchPage = useCallback(
    (cursor: string | null) =>
      run(
        () => {
          const params = toApiQuery(queryRef.current, cursor, DEFAULT_PAGE_SIZE);
          if (cursor === null) rememberFirstPage(conversationsPath(params));
          return api.conversations(params);
        },
        (page) => {
          const changed = cursor === null ? (changedMeanwhile.current ?? new Set<string>()) : new Set<string>();
          if (cursor === null) changedMeanwhile.current = null;
          for (const item of page.conversations) store.putItem(item, "load");
          update((w) => {
            // The store may hold newer versions than the page (live changes overtook the
            // request): append in page order, then place again the rows that moved, and
            // for a first page every row changed meanwhile — one that entered the view
            // after the page was read would otherwise go with the window it replaces.
            let next = appendPage(cursor === null ? EMPTY_WINDOW : w, page.conversations, page.nextCursor);
            for (const row of page.conversations) if (store.get(row.id)?.lastActivityAt !== row.lastActivityAt) changed.add(row.id);
            for (const id of changed) {
              const latest = store.get(id);
              if (latest) next = placeRow(next, latest, matchesQuery(latest, queryRef.current, meId), (other) => store.get(other));
            }
            return next;
          });
          firstPageLoaded.current = true;
        },
      ),
    [run, store, meId, update],
  );

  const reload = useCallback(() => {
    firstPageAskedAt.current = performance.now();
    changedMeanwhile.current = new Set();
    void fetchPage(null);
  }, [fetchPage]);

  const { drop } = request;
  useEffect(() => {
    drop();
    firstPageLoaded.current = false;
    firstPageAskedAt.current = null;
    slot.current = { key, window: EMPTY_WINDOW };
  }, [key, drop]);

  useEffect(() => {
    const askedAt = firstPageAskedAt.current;
    if (askedAt === null || (live.since !== null && askedAt < live.since)) reload();
  }, [key, live.since, reload]);

  useEffect(
    () =>
      store.subscribe(({ item }) => {
        changedMeanwhile.current?.add(item.id);
        // Before the first page there is no window yet; the page's answer places it.
        if (!firstPageLoaded.current) return;
        const listed = current().ids.includes(item.id);
        const matches = matchesQuery(item, queryRef.current, meId);
        if (!listed && !matches) return;
        update((w) => placeRow(w, item, matches, (id) => store.get(id)));
        // Same place, new content (an unread count, a tag): the row still re-renders.
        if (listed) setVersion((v) => v + 1);
      }),
    [store, meId, current, update],
  );

  const { busy } = request;
  const loadMore = useCallback(() => {
    const w = current();
    if (busy() || w.nextCursor === null) return;
    void fetchPage(w.nextCursor);
  }, [current, busy, fetchPage]);

  const shown = slot.current.key === key ? slot.current.window : EMPTY_WINDOW;
  const loading = request.loading || slot.current.key !== key;
  return { ids: shown.ids, version, loading, hasMore: shown.nextCursor !== null, error: request.error, loadMore, reload };
}
