/**
 * @module Next and previous conversation (j/k, the arrows, resolve-and-next) over the rows
 * on screen. When the open conversation has just left the list — resolved, or taken by
 * someone else — "next" is the row that moved up into its place, so resolve-and-next
 * walks down the list instead of jumping back to the top.
 */
import { useRef } from "preact/hooks";

export interface Stop {
  id: string;
  path: string;
}

/** The stop `delta` rows away from `openId`; pure, for tests. `lastIndex` is where the
 * open conversation was last seen in `stops`. Null when there is nowhere to go. */
export function stepFrom(stops: readonly Stop[], openId: string | null, lastIndex: number, delta: 1 | -1): Stop | null {
  if (stops.length === 0) return null;
  const index = openId === null ? -1 : stops.findIndex((s) => s.id === openId);
  let target: number;
  if (index !== -1) target = index + delta;
  else if (openId !== null && lastIndex !== -1) target = delta > 0 ? lastIndex : lastIndex - 1;
  else target = delta > 0 ? 0 : stops.length - 1;
  return stops[target] ?? null;
}

export function useStepper(stops: readonly Stop[], openId: string | null): (delta: 1 | -1) => Stop | null {
  const lastIndex = useRef(-1);
  const latest = useRef({ stops, openId });
  latest.current = { stops, openId };
  const index = openId === null ? -1 : stops.findIndex((s) => s.id === openId);
  if (index !== -1) lastIndex.current = index;
  else if (openId === null) lastIndex.current = -1;
  return (delta) => stepFrom(latest.current.stops, latest.current.openId, lastIndex.current, delta);
}
