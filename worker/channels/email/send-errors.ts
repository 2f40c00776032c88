/**
 * @module What a throw from the `send_email` binding means for the delivery queue. The
 * binding throws an Error with a `code`
 * (https://developers.cloudflare.com/email-service/api/send-emails/workers-api/#error-codes):
 * throttling and the service's own failures are retried; a message the service will
 * never take (bad address, suppressed recipient, too large, an unverified sender) fails
 * with a reason the agent can act on. A throw without a code (the binding unreachable)
 * is treated as a network failure: retried.
 */
import type { SendResult } from "../types";

/** Retried, with how long to wait at least (the queue's backoff applies on top). */
const TEMPORARY: Record<string, { reason: string; afterMs: number | null }> = {
  E_RATE_LIMIT_EXCEEDED: { reason: "Email Service is throttling sends (rate limit)", afterMs: 60_000 },
  // The daily quota resets within the day; the queue gives up after a day anyway.
  E_DAILY_LIMIT_EXCEEDED: { reason: "the account's daily e-mail quota is used up", afterMs: 60 * 60_000 },
  E_INTERNAL_SERVER_ERROR: { reason: "Email Service is temporarily unavailable", afterMs: null },
};

/** Never retried: the same message would be refused again. */
const PERMANENT: Record<string, string> = {
  E_VALIDATION_ERROR: "Email Service refused the message as invalid (check the addresses)",
  E_FIELD_MISSING: "Email Service refused the message: a required field is missing",
  E_TOO_MANY_RECIPIENTS: "too many recipients: To and Cc together may name at most 50",
  E_SENDER_NOT_VERIFIED: "the inbox's sending domain is not verified in Email Service",
  E_SENDER_DOMAIN_NOT_AVAILABLE: "the inbox's domain is not onboarded to Email Service for sending",
  E_RECIPIENT_NOT_ALLOWED: "this recipient is not allowed by the send_email binding",
  E_RECIPIENT_SUPPRESSED: "the recipient's address is on Email Service's suppression list (it bounced or reported spam)",
  E_CONTENT_TOO_LARGE: "the message is larger than Email Service accepts (5 MiB with attachments)",
  E_DELIVERY_FAILED: "the recipient's mail server refused the message",
  E_HEADER_NOT_ALLOWED: "Email Service refused one of the message's headers",
  E_HEADER_USE_API_FIELD: "Email Service refused one of the message's headers",
  E_HEADER_VALUE_INVALID: "Email Service refused one of the message's header values",
  E_HEADER_VALUE_TOO_LONG: "Email Service refused a header value as too long",
  E_HEADER_NAME_INVALID: "Email Service refused a header name",
  E_HEADERS_TOO_LARGE: "Email Service refused the message's headers as too large",
  E_HEADERS_TOO_MANY: "Email Service refused the message: too many headers",
};

/** The binding's error text, short and on one line (it names addresses, never secrets). */
function detailOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+/g, " ").trim().slice(0, 300);
}

export function sendFailure(err: unknown): SendResult {
  const code = err && typeof err === "object" && "code" in err && typeof err.code === "string" ? err.code : null;
  const detail = detailOf(err);
  const temporary = code ? TEMPORARY[code] : undefined;
  if (temporary) return { outcome: "retry", reason: `${temporary.reason} (${code}: ${detail})`, retryAfterMs: temporary.afterMs };
  const permanent = code ? PERMANENT[code] : undefined;
  if (permanent) return { outcome: "failed", reason: `${permanent} (${code}: ${detail})` };
  // A code we do not know yet: the safe side is to retry (the queue fails it after a day)
  // rather than drop a reply the service might take later.
  return { outcome: "retry", reason: code ? `Email Service answered ${code}: ${detail}` : `the send_email binding failed: ${detail}`, retryAfterMs: null };
}
