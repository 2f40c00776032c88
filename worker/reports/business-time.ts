/**
 * @module How much of a span fell inside a team's business hours: the business-hours
 * variant of every timed report metric (docs/reports.md). A team without hours is
 * always open, so its business-hours figure equals the calendar one.
 */
import type { BusinessHours } from "../protocol";
import { localTime } from "../channels/webchat/business-hours";

const MINUTE = 60_000;
/** Spans longer than this are measured up to it: no report asks about a wait of more
 * than a year, and the walk below is bounded by it. */
const MAX_SPAN_MS = 366 * 24 * 60 * MINUTE;

/** The next minute-of-day (after `minute`) at which the day's open/closed state may
 * change: an interval's edge, or midnight. */
function nextEdge(day: readonly (readonly [number, number])[], minute: number): number {
  let edge = 24 * 60;
  for (const [open, close] of day) {
    if (open > minute && open < edge) edge = open;
    if (close > minute && close < edge) edge = close;
  }
  return edge;
}

/**
 * Milliseconds of [from, to) inside `hours` (null: always open). Walks the span edge by
 * edge in the team's zone, so a 3-day wait costs a handful of steps. Around a DST change
 * the local clock jumps, and the step is measured in real time from the local reading:
 * at worst one hour of that night is counted on the wrong side.
 */
export function businessMs(hours: BusinessHours | null, from: number, to: number): number {
  if (to <= from) return 0;
  if (!hours) return to - from;
  const end = Math.min(to, from + MAX_SPAN_MS);
  let total = 0;
  let t = from;
  while (t < end) {
    const at = new Date(t);
    const { day, minute } = localTime(at, hours.timezone);
    const intervals = hours.days[day] ?? [];
    const open = intervals.some(([a, b]) => minute >= a && minute < b);
    // Where we are inside the current minute, so steps land on whole local minutes.
    const intoMinute = t % MINUTE;
    const step = Math.max(MINUTE - intoMinute, (nextEdge(intervals, minute) - minute) * MINUTE - intoMinute);
    const next = Math.min(end, t + step);
    if (open) total += next - t;
    t = next;
  }
  return total;
}
