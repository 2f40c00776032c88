/**
 * @module The loaded part of one list: row ids in the server's order (most recent
 * activity first, then id, both descending — the keyset the cursor encodes) and the
 * cursor of the next page. Pages append; live changes move, insert or drop one row.
 *
 * Every operation is O(n) at worst (one indexOf, one splice) with a binary search for the
 * insert position, so a list of thousands of rows takes a burst of live updates without
 * an O(n²) merge or a full re-sort.
 */
import type { ConversationItem } from "../../worker/protocol";

type SortKey = Pick<ConversationItem, "id" | "lastActivityAt">;

export interface ListWindow {
  readonly ids: readonly string[];
  /** Null when the server has no more pages: then the window is the whole list. */
  readonly nextCursor: string | null;
  /** The sort key the cursor continues after (the last row of the last page, as the
   * server sorted it). Rows sorting after it belong to pages not loaded yet. */
  readonly end: SortKey | null;
}

export const EMPTY_WINDOW: ListWindow = { ids: [], nextCursor: null, end: null };

/** Negative when `a` comes first: newer activity first, ties by id descending. */
export function compareRows(a: SortKey, b: SortKey): number {
  if (a.lastActivityAt !== b.lastActivityAt) return b.lastActivityAt - a.lastActivityAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Appends a page from the server. Rows a live update already placed are skipped, so a
 * row never shows twice. */
export function appendPage(window: ListWindow, rows: readonly SortKey[], nextCursor: string | null): ListWindow {
  const present = new Set(window.ids);
  const added = rows.filter((r) => !present.has(r.id)).map((r) => r.id);
  const last = rows[rows.length - 1];
  const end = nextCursor === null ? null : last ? { id: last.id, lastActivityAt: last.lastActivityAt } : window.end;
  return { ids: added.length ? [...window.ids, ...added] : window.ids, nextCursor, end };
}

/**
 * Places one changed row: removes it from where it was, then inserts it where it sorts if
 * it `matches` and falls inside the loaded range (a row that sorts after the cursor will
 * arrive with its page instead; inserting it now would leave a hole above it). The range
 * ends at the cursor's key, not at whatever row is last now: the last row of a page,
 * re-placed, must stay. `lookup` gives the current item of every other id in the window.
 * Returns the same window object when nothing moved, so callers can skip a render.
 */
export function placeRow(window: ListWindow, item: SortKey, matches: boolean, lookup: (id: string) => SortKey | undefined): ListWindow {
  const from = window.ids.indexOf(item.id);
  const ids = from === -1 ? [...window.ids] : [...window.ids.slice(0, from), ...window.ids.slice(from + 1)];
  if (!matches) return from === -1 ? window : { ...window, ids };
  if (window.nextCursor !== null && window.end && compareRows(item, window.end) > 0) return from === -1 ? window : { ...window, ids };

  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = lookup(ids[mid]!);
    if (other && compareRows(other, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo === from) return window;
  ids.splice(lo, 0, item.id);
  return { ...window, ids };
}
