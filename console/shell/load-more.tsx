/**
 * @module Infinite scroll: a sentinel after the last row asks for the next page when it
 * scrolls into view (IntersectionObserver, with a margin so the page arrives before the
 * agent reaches the end). Where there is no observer, or the last page failed, it is a
 * plain button instead.
 */
import { useEffect, useRef } from "preact/hooks";

/** Start fetching while the sentinel is still this far below the fold. */
const PREFETCH_MARGIN = "400px";

export function LoadMore(props: { hasMore: boolean; loading: boolean; failed: boolean; onMore: () => void; loadingLabel: string; moreLabel: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const onMore = useRef(props.onMore);
  onMore.current = props.onMore;
  const observe = props.hasMore && !props.failed && typeof IntersectionObserver !== "undefined";

  useEffect(() => {
    const el = ref.current;
    if (!observe || !el) return;
    // The root is the list's own scroll box: a margin on the viewport would be clipped by it.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore.current(), {
      root: scrollParent(el),
      rootMargin: PREFETCH_MARGIN,
    });
    observer.observe(el);
    return () => observer.disconnect();
    // Re-observe after each page: if the sentinel is still visible (a short page on a tall
    // screen) the fresh observation fires again and fetches the next one.
  }, [observe, props.loading]);

  if (!props.hasMore) return null;
  return (
    <div ref={ref} class="load-more">
      {props.loading ? (
        <span role="status">{props.loadingLabel}</span>
      ) : observe ? null : (
        <button type="button" onClick={props.onMore}>
          {props.moreLabel}
        </button>
      )}
    </div>
  );
}

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}
