/**
 * @module useSearch: results for what the agent types, a moment after they stop typing,
 * page by page. An answer to an older query is dropped, so fast typing never shows the
 * results of a query that is no longer in the box.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { SearchHit } from "../../worker/protocol";
import { api } from "../api";
import { useLatestRequest } from "../shell/use-latest-request";

/** Long enough to skip the keystrokes in the middle of a word, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface SearchState {
  /** The query the results are for (trimmed), or "" when not searching. */
  query: string;
  hits: readonly SearchHit[];
  loading: boolean;
  hasMore: boolean;
  error: string | null;
  loadMore: () => void;
  retry: () => void;
}

export function useSearch(text: string): SearchState {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<readonly SearchHit[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const request = useLatestRequest();
  const { run, drop, busy } = request;

  const fetchPage = useCallback(
    (q: string, after: string | null) =>
      run(
        () => api.search(q, after ?? undefined),
        (page) => {
          setHits((known) => (after === null ? page.hits : [...known, ...page.hits]));
          setCursor(page.nextCursor);
        },
      ),
    [run],
  );

  useEffect(() => {
    const q = text.trim();
    if (q === "") {
      drop();
      setQuery("");
      setHits([]);
      setCursor(null);
      return;
    }
    const timer = setTimeout(() => {
      setQuery(q);
      setCursor(null);
      void fetchPage(q, null);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, fetchPage, drop]);

  const loadMore = useCallback(() => {
    if (!busy() && cursor !== null && query) void fetchPage(query, cursor);
  }, [busy, cursor, query, fetchPage]);
  const retry = useCallback(() => {
    if (query) void fetchPage(query, hits.length ? cursor : null);
  }, [query, hits.length, cursor, fetchPage]);

  return { query, hits, loading: request.loading, hasMore: cursor !== null, error: request.error, loadMore, retry };
}
