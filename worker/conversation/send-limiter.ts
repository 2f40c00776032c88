/**
 * @module Per-sender message rate limit inside a room: a token bucket per contact. It
 * lives in memory, so an eviction refills it, which is fine for an abuse guard; the
 * point is that it sits on the one path every customer message takes (socket and HTTP),
 * after dedup, so resends of a known clientId never count.
 */

/** A person typing fast sends a few messages in a burst, then one every few seconds. */
const BURST = 20;
const REFILL_PER_SECOND = 1;

export class SendLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token for `sender`; false when the bucket is empty. */
  take(sender: string, now = Date.now()): boolean {
    const b = this.buckets.get(sender) ?? { tokens: BURST, at: now };
    b.tokens = Math.min(BURST, b.tokens + ((now - b.at) / 1000) * REFILL_PER_SECOND);
    b.at = now;
    this.buckets.set(sender, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
