/**
 * @module useConversationList: the rows of one view, page by page from the server, kept
 * in place live as the store changes. Switching the query starts over from the first
 * page; so does a reload after the live socket was down, since rows may have left the
 * view unseen.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { DEFAULT_PAGE_SIZE } from "../../worker/protocol/limits";
import { api, errorMessage } from "../api";
import type { ConversationStore } from "./conversation-store";
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
  /** Reloads the first page, e.g. after the live socket was down. */
  reload: () => void;
}

export function useConversationList(store: ConversationStore, query: ListQuery, meId: string): ConversationListState {
  const key = queryKey(query);
  const queryRef = useRef(query);
  queryRef.current = query;
  // The window lives in a ref, not only in state: the next page's cursor must be the
  // latest one the moment a scroll asks for it, not the one of the last render. It
  // remembers its query, so on the render that switches views the old view's rows never
  // show under the new view's name.
  const slot = useRef<{ key: string; window: ListWindow }>({ key, window: EMPTY_WINDOW });
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // The request generation: a page that comes back after the query changed is dropped.
  const generation = useRef(0);
  const firstPageLoaded = useRef(false);
  // A ref as well as state: two scroll events in one task must not fetch a page twice.
  const loadingRef = useRef(false);

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

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const mine = generation.current;
      loadingRef.current = true;
      setLoading(true);
      try {
        const page = await api.conversations(toApiQuery(queryRef.current, cursor, DEFAULT_PAGE_SIZE));
        if (mine !== generation.current) return;
        for (const item of page.conversations) store.putItem(item, "load");
        update((w) => {
          // The store may hold a newer version of a row than the page (a live update
          // overtook the request): append in page order, then re-place the ones that moved.
          let next = appendPage(cursor === null ? EMPTY_WINDOW : w, page.conversations, page.nextCursor);
          for (const row of page.conversations) {
            const latest = store.get(row.id);
            if (latest && latest.lastActivityAt !== row.lastActivityAt) next = placeRow(next, latest, matchesQuery(latest, queryRef.current, meId), (id) => store.get(id));
          }
          return next;
        });
        firstPageLoaded.current = true;
        setError(null);
      } catch (err) {
        if (mine === generation.current) setError(errorMessage(err));
      } finally {
        if (mine === generation.current) {
          loadingRef.current = false;
          setLoading(false);
        }
      }
    },
    [store, meId, update],
  );

  const reload = useCallback(() => {
    generation.current++;
    void fetchPage(null);
  }, [fetchPage]);

  useEffect(() => {
    generation.current++;
    firstPageLoaded.current = false;
    slot.current = { key, window: EMPTY_WINDOW };
    void fetchPage(null);
  }, [key, fetchPage]);

  useEffect(
    () =>
      store.subscribe(({ item }) => {
        // Before the first page the server's answer will include the change anyway.
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

  const loadMore = useCallback(() => {
    const w = current();
    if (loadingRef.current || w.nextCursor === null) return;
    void fetchPage(w.nextCursor);
  }, [current, fetchPage]);

  const shown = slot.current.key === key ? slot.current.window : EMPTY_WINDOW;
  return { ids: shown.ids, version, loading: loading || slot.current.key !== key, hasMore: shown.nextCursor !== null, error, loadMore, reload };
}
