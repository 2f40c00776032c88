/**
 * @module Dates, times and sizes as the pane shows them, through Intl in the console's
 * language. Days are the agent's local calendar days: a separator reads "Today" when the
 * agent's own clock says so, wherever the customer is.
 */
import { intlLocale, s } from "./strings";

const time = new Intl.DateTimeFormat(intlLocale, { hour: "2-digit", minute: "2-digit" });
const fullDate = new Intl.DateTimeFormat(intlLocale, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const dateTime = new Intl.DateTimeFormat(intlLocale, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const fullDateTime = new Intl.DateTimeFormat(intlLocale, { dateStyle: "full", timeStyle: "short" });

export const formatTime = (at: number): string => time.format(at);
export const formatDateTime = (at: number): string => dateTime.format(at);
export const formatFullDateTime = (at: number): string => fullDateTime.format(at);

/** A moment as briefly as it stays clear: the time alone when it is today ("15:30"),
 * else with its day ("Tue, Dec 1, 15:30"). For callbacks, which are mostly today's. */
export function formatMoment(at: number, now: number = Date.now()): string {
  return dayKey(at) === dayKey(now) ? formatTime(at) : formatDateTime(at);
}

/** The local calendar day of `at`, as a sortable key ("2026-11-23"). */
export function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** "Today", "Yesterday", or the full date: what a day separator says. */
export function dayLabel(at: number, now: number = Date.now()): string {
  const key = dayKey(at);
  if (key === dayKey(now)) return s.timeline.today;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (key === dayKey(yesterday.getTime())) return s.timeline.yesterday;
  const label = fullDate.format(at);
  return label.charAt(0).toLocaleUpperCase(intlLocale) + label.slice(1);
}

export function formatSize(bytes: number): string {
  const n = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${n.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${n.format(Math.round(bytes / 1024))} KB`;
  return `${n.format(bytes / 1024 / 1024)} MB`;
}
