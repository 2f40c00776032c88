/**
 * @module Limits shared by the worker, widget and console. Each number is the one the
 * server enforces; clients read the same constant so they can refuse early.
 */

/** Longest message body we store. Telegram and WhatsApp stop at 4,096 characters, so the
 * adapters split longer replies; web chat and e-mail may use the whole length. */
export const MAX_BODY_CHARS = 10_000;

/** Client-generated ids (idempotency keys) are short opaque strings. */
export const MAX_CLIENT_ID_CHARS = 64;
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Largest JSON request body any API route accepts (attachments go elsewhere). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Largest frame a socket may send. Workers accept WebSocket messages up to 32 MiB
 * (https://developers.cloudflare.com/durable-objects/platform/limits/); ours are small,
 * so anything bigger than a full message body plus envelope is abuse. */
export const MAX_FRAME_BYTES = 48 * 1024;

/** Farthest a conversation may be snoozed ahead. A snooze is a reminder, not an archive;
 * and a Durable Object alarm cannot be set past the year 2189, so an unbounded `until`
 * would make every alarm of the room throw. */
export const MAX_SNOOZE_MS = 366 * 24 * 60 * 60 * 1000;

/** Page size of history and list endpoints. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Passwords: long enough to matter, short enough that PBKDF2 input stays bounded. */
export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 256;

/** Inbox channel priority, higher first in the queue (product brief: 1–100). */
export const MIN_INBOX_PRIORITY = 1;
export const MAX_INBOX_PRIORITY = 100;

/** Heartbeat: the client sends this bare text and the edge answers HEARTBEAT_PONG without
 * waking a hibernated Durable Object. Kept here, free of zod, so the widget can import it. */
export const HEARTBEAT_PING = "ping";
export const HEARTBEAT_PONG = "pong";

/** Attachments: at most this many per message, each at most MAX_UPLOAD_BYTES. A Worker
 * request body may be 100 MB on the Free and Pro plans
 * (https://developers.cloudflare.com/workers/platform/limits/#request-limits); ours is far
 * lower because the widget uploads over mobile networks and agents preview inline. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** What visitors and agents may upload: images (shown inline), PDF and common office
 * documents. Anything else is refused before it reaches R2. */
export const UPLOAD_CONTENT_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
] as const;
export const MAX_FILE_NAME_CHARS = 200;

/** The uploads shown inline (served `inline`, previewed in widget and console); every
 * other type downloads. One list, so server and both UIs agree. */
export const INLINE_IMAGE_TYPES: readonly string[] = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export function isInlineImage(contentType: string): boolean {
  return INLINE_IMAGE_TYPES.includes(contentType);
}

/** CSAT: a 1–5 rating and an optional comment. */
export const MAX_CSAT_COMMENT_CHARS = 1000;
/** Custom attributes set by the host page on a contact. */
export const MAX_CONTACT_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_VALUE_CHARS = 500;
/** Identities one contact may hold (web chat visitor ids, user ids, channel ids). A real
 * person has a handful; unverified identify() calls could otherwise pile up hundreds
 * (301 made one contact panel 47.6 KB). */
export const MAX_IDENTITIES_PER_CONTACT = 20;

/** Close code the room sends to a socket replaced by a newer one of the same participant
 * (4000–4999 are the application's, RFC 6455 §7.4.2). The client does not reconnect on
 * it until its tab is visible again, so two background tabs do not evict each other in
 * a loop. */
export const SOCKET_REPLACED_CLOSE_CODE = 4008;

/** Close code after an `erased` frame (issue 16, LGPD erasure or retention): the client
 * drops what it shows and reconnects from seq 0, so it replays only erased events. */
export const ERASED_CLOSE_CODE = 4010;

/** Web visitor context (the page they are on and came from). Browsers take far longer
 * URLs, but the sitemap protocol caps a page address at 2,048 characters
 * (https://www.sitemaps.org/protocol.html#locdef) and anything longer is a tracking blob,
 * not something an agent reads. Longer ones are refused, not cut, so a stored URL is
 * always a whole one (the widget leaves such a page out). Titles are cut by the widget
 * to fit, and refused above this by the server. */
export const MAX_PAGE_URL_CHARS = 2048;
export const MAX_PAGE_TITLE_CHARS = 300;
/** IANA zone names are short (the longest are near 30 characters). */
export const MAX_TIMEZONE_CHARS = 64;
