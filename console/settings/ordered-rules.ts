/**
 * @module The list arithmetic every ordered rules screen shares (routing rules, automation
 * rules): a saved rule put in place of its old copy or at the end, and the order after
 * moving one a step up or down.
 */

/** `items` with `item` replacing the one with its id, or appended when it is new. */
export function withSaved<T extends { id: string }>(items: readonly T[], item: T): T[] {
  return items.some((r) => r.id === item.id) ? items.map((r) => (r.id === item.id ? item : r)) : [...items, item];
}

/** The ids in their new order after moving `id` by one step, and its new 1-based place;
 * null when it is already at that end. */
export function movedIds(items: readonly { id: string }[], id: string, by: -1 | 1): { ids: string[]; place: number } | null {
  const ids = items.map((r) => r.id);
  const from = ids.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return { ids, place: to + 1 };
}
