/**
 * @module Numbers, durations and dates in the console's language (Intl): "1.234,5" and
 * "3 min 20 s" in pt-BR, "1,234.5" in English. Pure, for tests.
 */
import { isTimed, type ReportMetric } from "../../worker/protocol";

const units = { "pt-BR": { d: "d", h: "h", min: "min", s: "s" }, en: { d: "d", h: "h", min: "min", s: "s" }, es: { d: "d", h: "h", min: "min", s: "s" } } as const;

export function formatNumber(locale: string, value: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(locale: string, share: number | null): string {
  return share === null ? "–" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A duration in the two largest units that matter: "2 h 5 min", "45 s". */
export function formatDuration(locale: string, ms: number | null): string {
  if (ms === null) return "–";
  const u = units[locale as keyof typeof units] ?? units.en;
  const n = (v: number) => formatNumber(locale, v);
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${n(seconds)} ${u.s}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${n(minutes)} ${u.min} ${n(seconds % 60)} ${u.s}` : `${n(minutes)} ${u.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${n(hours)} ${u.h} ${n(minutes % 60)} ${u.min}` : `${n(hours)} ${u.h}`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${n(days)} ${u.d} ${n(hours % 24)} ${u.h}` : `${n(days)} ${u.d}`;
}

/** What a metric's headline is: the average for durations and ratings, else the count. */
export function headline(locale: string, metric: ReportMetric, f: { count: number; average: number | null }): string {
  if (isTimed(metric)) return formatDuration(locale, f.average);
  if (metric === "csat") return f.average === null ? "–" : formatNumber(locale, f.average, 2);
  return formatNumber(locale, f.count);
}

/** A series bucket's key ("2026-12-07", "2026-12", "2026-12-07T13:00") as the locale writes it. */
export function formatBucket(locale: string, key: string): string {
  const [date, time] = key.split("T");
  const [y, m, d] = (date ?? "").split("-").map(Number);
  const at = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, time ? Number(time.slice(0, 2)) : 0));
  const options: Intl.DateTimeFormatOptions = d === undefined ? { year: "numeric", month: "short", timeZone: "UTC" } : time ? { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", timeZone: "UTC" } : { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(at);
}
