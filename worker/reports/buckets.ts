/**
 * @module The fixed histogram every timed report metric is kept in: roughly logarithmic
 * buckets with boundaries a person reads at a glance (30 s, 1 min, 5 min, 1 h…). Rollups
 * store a count per bucket, so percentiles and the distribution charts come from the
 * same rows, at any grain, without reading a single message (docs/reports.md).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Lower bounds (ms) of the buckets; bucket i holds [BOUNDS[i], BOUNDS[i + 1]), the last
 * one everything from 7 days up. Changing them needs `reports:rebuild` (stored ids are
 * indexes into this list). */
export const BUCKET_BOUNDS: readonly number[] = [
  0, 10 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, DAY, 2 * DAY, 7 * DAY,
];
export const BUCKET_COUNT = BUCKET_BOUNDS.length;

/** The bucket a duration falls in (negative durations, from clock skew, count as 0). */
export function bucketOf(ms: number): number {
  let i = BUCKET_BOUNDS.length - 1;
  while (i > 0 && ms < BUCKET_BOUNDS[i]!) i--;
  return i;
}

/**
 * The q-quantile (0 < q ≤ 1) of the durations counted in `counts` (one count per bucket),
 * interpolated linearly inside the bucket that holds the rank; null when nothing was
 * counted. Exact to the bucket: the true value lies in the same bucket. The open last
 * bucket answers its lower bound.
 */
export function quantileOf(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (n === 0) continue;
    if (seen + n >= rank) {
      const low = BUCKET_BOUNDS[i]!;
      const high = BUCKET_BOUNDS[i + 1];
      if (high === undefined) return low;
      return Math.round(low + ((high - low) * (rank - seen)) / n);
    }
    seen += n;
  }
  return BUCKET_BOUNDS[BUCKET_BOUNDS.length - 1]!;
}
