/**
 * @module When a failed delivery is tried again, and when an endpoint is given up on:
 * exponential backoff with jitter per delivery, a whole-endpoint pause once failures come
 * in a row (a receiver that is down is probed, not hammered by every conversation's
 * lane), and the endpoint disabled after DISABLE_AFTER_MS of failing without a success.
 */

/** The first retry comes after about this long. */
export const BASE_BACKOFF_MS = 2_000;
/** Retries never wait longer than an hour: a receiver back after a long outage hears
 * from us within the hour. */
export const MAX_BACKOFF_MS = 3600_000;
/** An endpoint failing this long with no success in between is disabled (issue 15: at
 * least 24 hours of retries first). */
export const DISABLE_AFTER_MS = 24 * 3600_000;
/** A single delivery failing this long while its endpoint otherwise works (the receiver
 * refuses this one payload) is given up, so its conversation's lane moves on. */
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
/** Failures in a row that make the endpoint look down. */
export const DOWN_AFTER_FAILURES = 3;

/** The wait before attempt `attempts + 1`, after `attempts` failures: 2 s, 4 s, 8 s…
 * up to an hour, each drawn from [half, whole] so many lanes do not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(full / 2 + (random() * full) / 2);
}
