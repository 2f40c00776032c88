/**
 * @module useSearch: results for what the agent types, a moment after they stop typing,
 * page by page. An answer to an older query is dropped, so fast typing never shows the
 * results of a query that is no longer in the box.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { SearchHit } from "../../worker/protocol";
import { api, errorMessage } from "../api";

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
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const loadingRef = useRef(false);

  const fetchPage = useCallback(async (q: string, after: string | null) => {
    const mine = ++generation.current;
    loadingRef.current = true;
    setLoading(true);
    try {
      const page = await api.search(q, after ?? undefined);
      if (mine !== generation.current) return;
      setHits((known) => (after === null ? page.hits : [...known, ...page.hits]));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err));
    } finally {
      if (mine === generation.current) {
        loadingRef.current = false;
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    const q = text.trim();
    if (q === "") {
      generation.current++;
      loadingRef.current = false;
      setQuery("");
      setHits([]);
      setCursor(null);
      setLoading(false);
      setError(null);
      return;
    }
    const timer = setTimeout(() => {
      setQuery(q);
      setCursor(null);
      void fetchPage(q, null);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, fetchPage]);

  const loadMore = useCallback(() => {
    if (!loadingRef.current && cursor !== null && query) void fetchPage(query, cursor);
  }, [cursor, query, fetchPage]);
  const retry = useCallback(() => {
    if (query) void fetchPage(query, hits.length ? cursor : null);
  }, [query, hits.length, cursor, fetchPage]);

  return { query, hits, loading, hasMore: cursor !== null, error, loadMore, retry };
}
