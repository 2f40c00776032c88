/**
 * @module The Messenger Platform's documented limits for Messenger and Instagram Direct,
 * in one place, each with its source: the Graph API version, text lengths, attachment
 * sizes and types, the messaging windows, and the metadata we attach to our sends.
 */

/** The Graph API the adapters talk to by default: the current version (v26.0, introduced
 * July 29, 2026; https://developers.facebook.com/docs/graph-api/changelog). */
export const GRAPH_API_BASE = "https://graph.facebook.com/v26.0";

/** A Messenger text message: "UTF-8 and has a 2000 character limit"
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api). Meta
 * counts characters; we count UTF-16 units, which is never fewer, so a part we send is
 * never over. */
export const MESSENGER_MAX_TEXT_CHARS = 2_000;

/** An Instagram text message: "UTF-8 and be a 1000 bytes or less"
 * (https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message).
 * Bytes, not characters: 1000 bytes is about 500 Cyrillic letters or 250 emoji. */
export const INSTAGRAM_MAX_TEXT_BYTES = 1_000;

/** `metadata` comes back in message_echoes and "must be less than 1000 characters"
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api). We put
 * our message id there (a UUID), far below it. */
export const MAX_METADATA_CHARS = 999;

/** The standard messaging window: a business may reply for 24 hours after the person's
 * last message (https://developers.facebook.com/docs/messenger-platform/send-messages). */
export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The HUMAN_AGENT tag lets a person (not a bot) reply up to 7 days after the customer's
 * last message, on pages Meta granted the Human Agent feature
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags). */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const HUMAN_AGENT_TAG = "HUMAN_AGENT";

const MB = 1024 * 1024;

/** Every Messenger Platform attachment is at most 25 MB: the Send API and Attachment
 * Upload API save "asset types, up to 25 MB in size"
 * (https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/saving-assets),
 * and Instagram's audio, video and file attachments are 25 MB at most
 * (https://developers.facebook.com/documentation/business-messaging/instagram-messaging/features/attachment-upload).
 * Inbound files come from the same platform, so the same bound applies to them. */
export const MAX_ATTACHMENT_BYTES = 25 * MB;

/** Instagram images are 8 MB at most, png, jpeg or gif (same Instagram page). */
export const INSTAGRAM_MAX_IMAGE_BYTES = 8 * MB;

/** The Send API's attachment types (https://developers.facebook.com/docs/messenger-platform/reference/send-api). */
export type OutboundAttachmentType = "image" | "video" | "audio" | "file";

/** Content types a downloaded file may have, per kind of attachment the webhook named;
 * `null`: any type (a customer may send any document as a file; it is stored and served
 * as an opaque download, never rendered: worker/channels/inbound-media.ts). */
export const INBOUND_TYPES: Record<"image" | "video" | "audio" | "file" | "sticker", readonly string[] | null> = {
  image: ["image/jpeg", "image/png", "image/gif", "image/webp"],
  // Instagram accepts mp4, ogg, avi, mov and webm video (the Instagram page above).
  video: ["video/mp4", "video/quicktime", "video/webm", "video/ogg", "video/x-msvideo", "video/3gpp"],
  // Voice clips come as mp4/aac; Instagram lists aac, m4a, wav and mp4 audio, and Meta's
  // CDN may label an mp4 voice clip as video/mp4.
  audio: ["audio/mpeg", "audio/mp4", "audio/aac", "audio/x-m4a", "audio/wav", "audio/x-wav", "audio/ogg", "audio/webm", "video/mp4"],
  file: null,
  sticker: ["image/png", "image/webp", "image/gif", "image/jpeg"],
};

/** The image types Instagram takes outbound (the Instagram page above). */
export const INSTAGRAM_IMAGE_TYPES: readonly string[] = ["image/png", "image/jpeg", "image/gif"];

/** A MIME type without its parameters, lowercased: "audio/mp4; codecs=mp4a" → "audio/mp4". */
export function baseMimeType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

/** Graph API error codes that mean "slow down" or "try later" although Graph may answer
 * them with HTTP 400 (https://developers.facebook.com/docs/graph-api/guides/error-handling
 * and https://developers.facebook.com/docs/messenger-platform/error-codes): 1 and 2
 * (unknown / service temporarily unavailable), 4 (application request limit), 17 (user
 * request limit), 32 (page request limit), 613 (calls within one hour exceeded). */
export const RETRYABLE_GRAPH_CODES: ReadonlySet<number> = new Set([1, 2, 4, 17, 32, 613]);
