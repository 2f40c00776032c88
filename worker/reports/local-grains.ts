/**
 * @module The account's local days and months as sets of whole UTC hours (the rollups'
 * grain), and a period cut into what each grain can answer: whole months from the month
 * rows, whole days from the day rows, the edge hours from the hourly rows
 * (migrations/0032_report_grains.sql). A day is the hours whose start falls on one local
 * date, as the time series' buckets already cut them (./time-buckets.ts), so a day may be
 * 23 or 25 hours long across a daylight-saving change and the grains still nest.
 */
import { localClock } from "./time-buckets";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A period of whole hours, [from, to), ms. */
export interface Span {
  from: number;
  to: number;
}

/** What each grain reads for one period; every hour of the period is in exactly one. */
export interface GrainPlan {
  hours: Span[];
  days: Span[];
  months: Span[];
}

export interface LocalGrains {
  /** The first hour of the local day holding `hour`. */
  dayStart(hour: number): number;
  /** The first hour of the local month holding `hour`. */
  monthStart(hour: number): number;
}

export function localGrains(timeZone: string): LocalGrains {
  const clock = localClock(timeZone, "day");
  const keys = new Map<number, string>();
  const dateOf = (hour: number): string => {
    let key = keys.get(hour);
    if (key === undefined) {
      key = clock.keyOf(hour);
      if (keys.size > 50_000) keys.clear(); // a bound, not a cache policy: a year is 8,760
      keys.set(hour, key);
    }
    return key;
  };
  const dayStart = (hour: number): number => {
    const date = dateOf(hour);
    let start = hour;
    while (dateOf(start - HOUR_MS) === date) start -= HOUR_MS; // at most 24 steps
    return start;
  };
  const monthStart = (hour: number): number => {
    const date = dateOf(hour);
    const month = date.slice(0, 7);
    // Jump near the first of the month by the day of the month, then settle on it
    // (a daylight-saving change on the way moves the jump by an hour at most).
    let start = dayStart(hour - (Number(date.slice(8, 10)) - 1) * DAY_MS);
    while (dateOf(start).slice(0, 7) !== month) start = dayStart(start + DAY_MS + HOUR_MS);
    while (dateOf(start - HOUR_MS).slice(0, 7) === month) start = dayStart(start - HOUR_MS);
    return start;
  };
  return { dayStart, monthStart };
}

/** The first hour after the local day holding `hour`. A day is 23 to 25 hours, so 25
 * hours past its start is always inside the next one. */
export function dayEnd(g: LocalGrains, hour: number): number {
  return g.dayStart(g.dayStart(hour) + 25 * HOUR_MS);
}

/** The first hour after the local month holding `hour` (32 days past its start is
 * always inside the next month). */
export function monthEnd(g: LocalGrains, hour: number): number {
  return g.monthStart(g.monthStart(hour) + 32 * DAY_MS);
}

/** Cuts `span` into whole months (when `coarsest` allows), whole days, and edge hours.
 * `grains` null (the coarse tables are off, see report-grains.ts): hours only. */
export function planSpan(span: Span, grains: LocalGrains | null, coarsest: "day" | "month"): GrainPlan {
  const plan: GrainPlan = { hours: [], days: [], months: [] };
  const add = (list: Span[], from: number, to: number) => {
    if (from < to) list.push({ from, to });
  };
  if (!grains) {
    add(plan.hours, span.from, span.to);
    return plan;
  }
  const firstDay = grains.dayStart(span.from) === span.from ? span.from : dayEnd(grains, span.from);
  const lastDayEnd = grains.dayStart(span.to);
  if (firstDay >= lastDayEnd) {
    add(plan.hours, span.from, span.to);
    return plan;
  }
  add(plan.hours, span.from, firstDay);
  add(plan.hours, lastDayEnd, span.to);
  if (coarsest === "month") {
    const firstMonth = grains.monthStart(firstDay) === firstDay ? firstDay : monthEnd(grains, firstDay);
    const lastMonthEnd = grains.monthStart(lastDayEnd);
    if (firstMonth < lastMonthEnd) {
      add(plan.days, firstDay, firstMonth);
      add(plan.months, firstMonth, lastMonthEnd);
      add(plan.days, lastMonthEnd, lastDayEnd);
      return plan;
    }
  }
  add(plan.days, firstDay, lastDayEnd);
  return plan;
}
