/**
 * @module Cuts hours into the time series' buckets (hour, day, ISO week, month) in the
 * account's time zone. Rollups are hourly, so a bucket is a set of whole UTC hours: exact
 * for every zone whose offset is whole hours (all of Brazil's), and off by the half hour
 * at the edges for zones that are not (documented in docs/reports.md).
 */
import type { ReportInterval } from "../protocol";

const HOUR_MS = 3_600_000;

export interface LocalClock {
  /** The bucket key of the hour starting at `hour` (ms): "2026-12-07" for a day. */
  keyOf(hour: number): string;
}

/** A zone Intl knows, or null. */
export function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function localClock(timeZone: string, interval: ReportInterval): LocalClock {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23", weekday: "short" });
  const WEEKDAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  return {
    keyOf(hour: number): string {
      const parts = Object.fromEntries(format.formatToParts(new Date(hour)).map((p) => [p.type, p.value]));
      const date = `${parts.year}-${parts.month}-${parts.day}`;
      switch (interval) {
        case "hour":
          return `${date}T${parts.hour}:00`;
        case "day":
          return date;
        case "month":
          return `${parts.year}-${parts.month}`;
        case "week": {
          // ISO weeks start on Monday: step back to it on the calendar (no clock involved).
          const back = WEEKDAY.indexOf(parts.weekday ?? "Mon");
          const monday = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) - back));
          return monday.toISOString().slice(0, 10);
        }
      }
    },
  };
}

/** Every bucket of [from, to) (whole hours), in order, with the first hour each starts at. */
export function bucketsOf(from: number, to: number, clock: LocalClock): { key: string; start: number }[] {
  const out: { key: string; start: number }[] = [];
  let last = "";
  for (let hour = from; hour < to; hour += HOUR_MS) {
    const key = clock.keyOf(hour);
    if (key !== last) out.push({ key, start: hour });
    last = key;
  }
  return out;
}
