/**
 * @module Business hours: is an inbox open right now, in its own time zone?
 */
import type { BusinessHours } from "../../protocol";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Weekday (0 = Sunday) and minutes after midnight at `at` in `timezone`. An unknown zone
 * falls back to UTC rather than failing the widget. */
export function localTime(at: Date, timezone: string): { day: number; minute: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, weekday: "short", hour: "numeric", minute: "numeric", hourCycle: "h23" }).formatToParts(at);
  } catch {
    return { day: at.getUTCDay(), minute: at.getUTCHours() * 60 + at.getUTCMinutes() };
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "0";
  return { day: WEEKDAYS.indexOf(get("weekday")), minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

/** True when `at` falls in one of the day's opening intervals; no hours set means always open. */
export function isWithinBusinessHours(hours: BusinessHours | null, at = new Date()): boolean {
  if (!hours) return true;
  const { day, minute } = localTime(at, hours.timezone);
  return (hours.days[day] ?? []).some(([open, close]) => minute >= open && minute < close);
}
