/**
 * @module useLatestRequest: the loading and error state of a paged read in which only
 * the latest request counts — the conversation list, the search results. An answer that
 * arrives after a newer request started, or after `drop`, is ignored, so a slow page of
 * an old query never lands in a new one.
 */
import { useCallback, useRef, useState } from "preact/hooks";
import { errorMessage } from "../api";

export interface LatestRequest {
  loading: boolean;
  /** The latest request's failure, until one succeeds. */
  error: string | null;
  /** True from the moment a request starts: a ref, not state, so two scroll events in
   * one task cannot both ask for the next page. */
  busy: () => boolean;
  /** Sends `request` and hands its answer to `apply`, unless something newer came since. */
  run: <T>(request: () => Promise<T>, apply: (answer: T) => void) => Promise<void>;
  /** Forgets the request in flight, if any. */
  drop: () => void;
}

/** `initiallyLoading`: for a request sent on mount, so the first render shows it loading
 * rather than empty. */
export function useLatestRequest(initiallyLoading = false): LatestRequest {
  const generation = useRef(0);
  const inFlight = useRef(false);
  const [loading, setLoading] = useState(initiallyLoading);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async <T,>(request: () => Promise<T>, apply: (answer: T) => void) => {
    const mine = ++generation.current;
    inFlight.current = true;
    setLoading(true);
    try {
      const answer = await request();
      if (mine !== generation.current) return;
      apply(answer);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err));
    } finally {
      if (mine === generation.current) {
        inFlight.current = false;
        setLoading(false);
      }
    }
  }, []);

  const drop = useCallback(() => {
    generation.current++;
    inFlight.current = false;
    setLoading(false);
    setError(null);
  }, []);

  const busy = useCallback(() => inFlight.current, []);
  return { loading, error, busy, run, drop };
}
