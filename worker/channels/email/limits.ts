/**
 * @module Cloudflare Email Service's sending limits, enforced before a send so a reply
 * that can never go out fails with a reason instead of being retried for a day.
 */

/** To, Cc and Bcc together: 50 recipients per message
 * (https://developers.cloudflare.com/email-service/platform/limits/). The customer is
 * one, so Cc takes at most 49 (PostMessageBody.cc has the same cap). */
export const MAX_RECIPIENTS = 50;
export const MAX_CC = MAX_RECIPIENTS - 1;

/** RFC 5322 caps a line at 998 characters, and Email Service the subject with it
 * (https://developers.cloudflare.com/email-service/platform/limits/). */
export const MAX_SUBJECT_CHARS = 998;

/** The whole message, attachments included: 5 MiB
 * (https://developers.cloudflare.com/email-service/platform/limits/; 25 MiB only to
 * verified addresses, which customers are not). Attachments travel base64-encoded, 4
 * bytes for every 3. */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
export const BASE64_GROWTH = 4 / 3;

/** A custom header's value: at most 2,048 bytes, or the send is refused with
 * E_HEADER_VALUE_TOO_LONG (https://developers.cloudflare.com/email-service/reference/headers/#header-limits).
 * References grows with every mail of a thread, so it is trimmed to fit. */
export const MAX_HEADER_VALUE_BYTES = 2_048;
