/**
 * @module When the snooze presets end, in the agent's local time: in one hour, tomorrow
 * at 9:00, next Monday at 9:00 (a week from today when today is Monday). And the
 * `datetime-local` input's value, which has no zone: it is local time, read as such.
 */

const HOUR_MS = 60 * 60 * 1000;
const MORNING_HOUR = 9;

export interface SnoozePresets {
  hour: number;
  tomorrow: number;
  nextWeek: number;
}

export function snoozePresets(now: number = Date.now()): SnoozePresets {
  const today = new Date(now);
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1, MORNING_HOUR);
  // getDay(): 0 Sunday … 1 Monday. Days until the next Monday, never 0.
  const toMonday = (8 - today.getDay()) % 7 || 7;
  const nextWeek = new Date(today.getFullYear(), today.getMonth(), today.getDate() + toMonday, MORNING_HOUR);
  return { hour: now + HOUR_MS, tomorrow: tomorrow.getTime(), nextWeek: nextWeek.getTime() };
}

export type SnoozePresetId = keyof SnoozePresets;

/** The presets to offer, in order, without repeats: on a Sunday "tomorrow at 9:00" and
 * "next Monday at 9:00" are the same moment, and two buttons for one time only make the
 * agent wonder what the difference is. The first of equal presets stays. */
export function snoozeChoices(now: number = Date.now()): Array<{ id: SnoozePresetId; until: number }> {
  const presets = snoozePresets(now);
  const choices: Array<{ id: SnoozePresetId; until: number }> = [];
  for (const id of ["hour", "tomorrow", "nextWeek"] as const) {
    if (!choices.some((c) => c.until === presets[id])) choices.push({ id, until: presets[id] });
  }
  return choices;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-11-24T09:00`, the value a datetime-local input takes, for local time `at`. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The epoch time of a datetime-local value, or null when it is not one. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  return at.getMonth() === mo - 1 && at.getDate() === d ? at.getTime() : null;
}
