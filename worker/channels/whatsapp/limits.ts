/**
 * @module WhatsApp Cloud API's documented limits, in one place, each with its source:
 * text and caption lengths, media types and sizes per kind, the customer-service window,
 * and the Graph API error codes that mean "slow down" although they come as HTTP 400.
 */

/** The Graph API the adapter talks to by default: the current version (v26.0, introduced
 * July 29, 2026; https://developers.facebook.com/docs/graph-api/changelog). */
export const GRAPH_API_BASE = "https://graph.facebook.com/v26.0";

/** A text message's body: at most 4096 characters
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages).
 * Our bodies may be up to 10,000 (MAX_BODY_CHARS), so longer ones go out in parts. */
export const MAX_TEXT_CHARS = 4_096;

/** A media message's caption: at most 1024 characters (image, video and document
 * messages: https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/image-messages). */
export const MAX_CAPTION_CHARS = 1_024;

/** The customer-service window: free-form messages may go out for 24 hours after the
 * customer's last message; outside it, only approved templates
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages#customer-service-windows). */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type WhatsappMediaKind = "image" | "video" | "audio" | "document" | "sticker";

const MB = 1024 * 1024;
const KB = 1024;

/** Supported media types and sizes per kind
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#supported-media-types).
 * `types: null`: documents come in any type from customers (WhatsApp lets a user attach
 * any file as a document); only the size is bounded. Stickers are 100 KB static, 500 KB
 * animated: we cannot tell which before reading the file, so the larger bound applies. */
export const MEDIA_RULES: Record<WhatsappMediaKind, { types: readonly string[] | null; maxBytes: number }> = {
  image: { types: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  video: { types: ["video/mp4", "video/3gpp", "video/3gp"], maxBytes: 16 * MB },
  // Voice notes arrive as "audio/ogg; codecs=opus": parameters are dropped before the check.
  audio: { types: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
  document: { types: null, maxBytes: 100 * MB },
  sticker: { types: ["image/webp"], maxBytes: 500 * KB },
};

/** A MIME type without its parameters, lowercased: "audio/ogg; codecs=opus" → "audio/ogg". */
export function baseMimeType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

/** Graph API error codes that are throttling or a temporary outage although Graph answers
 * them with HTTP 400 (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes):
 * 4 (too many calls), 80007 (WABA rate limit), 130429 (throughput), 131056 (pair rate
 * limit: one business number to one customer, about one message every 6 seconds),
 * 2 and 133004 (service temporarily unavailable). */
export const RETRYABLE_GRAPH_CODES: ReadonlySet<number> = new Set([2, 4, 80007, 130429, 131056, 133004]);
