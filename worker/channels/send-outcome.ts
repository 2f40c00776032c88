/**
 * @module How a provider's HTTP answer to a send becomes a SendResult, the same way for
 * every adapter: 2xx is the adapter's to read; 408, 429 and 5xx (and a network error) are
 * worth retrying, after `Retry-After` when the provider gives one; any other 4xx is a
 * refusal for good, with the provider's reason.
 */
import type { SendResult } from "./types";

/** Longest we honour a provider's Retry-After; beyond it the queue's own backoff rules. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The SendResult of a non-2xx answer; `reason` is the provider's own words. */
export function failedSend(res: Response, reason: string): SendResult {
  if (isRetryableStatus(res.status)) return { outcome: "retry", reason, retryAfterMs: retryAfterMs(res.headers.get("Retry-After")) };
  return { outcome: "failed", reason };
}

/** A fetch that threw (DNS, reset, timeout): always worth another try. */
export function networkError(err: unknown): SendResult {
  return { outcome: "retry", reason: `network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500), retryAfterMs: null };
}
