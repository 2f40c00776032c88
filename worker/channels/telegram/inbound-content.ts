/**
 * @module What a Telegram message says, in our terms: its text (for previews and search),
 * its files (file ids to fetch through getFile), and its structured content (location,
 * venue, a shared contact, a sticker, or a kind this inbox cannot show). The body holds
 * only the customer's own words: text or caption, the place or contact they shared.
 *
 * Text entities (bold, links, mentions…) are offsets into the text: the text is kept as
 * the customer typed it, every character of it, and the formatting is not carried over.
 */
import { MAX_BODY_CHARS, truncateText, type MessageContent } from "../../protocol";
import type { RemoteMedia } from "../types";
import type { Message, PhotoSize } from "./webhook-schema";

export interface InboundParts {
  body: string;
  media: RemoteMedia[];
  content?: MessageContent;
}

/** Lengths of MessageContent's fields (worker/protocol/message-content.ts). */
const SHORT = 1_000;

/** A customer's text, at most what a message of ours may hold. */
export function bodyText(text: string): string {
  return truncateText(text, MAX_BODY_CHARS);
}

/** The largest of a photo's sizes (Telegram sends several thumbnails and the original,
 * https://core.telegram.org/bots/api#photosize): by bytes when known, else by pixels. */
export function largestPhoto(sizes: PhotoSize[]): PhotoSize {
  const score = (p: PhotoSize) => p.file_size ?? p.width * p.height;
  return sizes.reduce((best, p) => (score(p) > score(best) ? p : best));
}

/** A sticker's file type: animated stickers are TGS (gzipped Lottie), video stickers
 * WebM, the rest WebP (https://core.telegram.org/bots/api#sticker,
 * https://core.telegram.org/stickers). */
function stickerType(sticker: NonNullable<Message["sticker"]>): string {
  if (sticker.is_animated) return "application/x-tgsticker";
  if (sticker.is_video) return "video/webm";
  return "image/webp";
}

function mediaOf(message: Message): RemoteMedia | null {
  if (message.photo) {
    const photo = largestPhoto(message.photo);
    return { kind: "image", ref: photo.file_id, contentType: "image/jpeg", name: null, size: photo.file_size ?? null };
  }
  if (message.document) {
    const d = message.document;
    return { kind: "document", ref: d.file_id, contentType: d.mime_type ?? null, name: d.file_name ?? null, size: d.file_size ?? null };
  }
  if (message.voice) return { kind: "audio", ref: message.voice.file_id, contentType: message.voice.mime_type ?? "audio/ogg", name: null, size: message.voice.file_size ?? null };
  if (message.audio) {
    const a = message.audio;
    return { kind: "audio", ref: a.file_id, contentType: a.mime_type ?? "audio/mpeg", name: a.file_name ?? null, size: a.file_size ?? null };
  }
  if (message.video) {
    const v = message.video;
    return { kind: "video", ref: v.file_id, contentType: v.mime_type ?? "video/mp4", name: v.file_name ?? null, size: v.file_size ?? null };
  }
  // Round video notes are MPEG4 (https://core.telegram.org/bots/api#videonote).
  if (message.video_note) return { kind: "video", ref: message.video_note.file_id, contentType: "video/mp4", name: null, size: message.video_note.file_size ?? null };
  if (message.sticker) return { kind: "sticker", ref: message.sticker.file_id, contentType: stickerType(message.sticker), name: null, size: message.sticker.file_size ?? null };
  return null;
}

export function inboundParts(message: Message): InboundParts {
  const media = mediaOf(message);
  if (media) {
    return { body: bodyText(message.caption ?? ""), media: [media], ...(media.kind === "sticker" ? { content: { type: "sticker" } } : {}) };
  }
  if (message.text !== undefined) return { body: bodyText(message.text), media: [] };
  if (message.location) {
    const { latitude, longitude } = message.location;
    const name = message.venue ? truncateText(message.venue.title, SHORT) : null;
    const address = message.venue ? truncateText(message.venue.address, SHORT) : null;
    return { body: bodyText([name, address].filter(Boolean).join(" — ")), media: [], content: { type: "location", latitude, longitude, name, address } };
  }
  if (message.contact) {
    const c = message.contact;
    const name = truncateText([c.first_name, c.last_name].filter(Boolean).join(" "), SHORT);
    return { body: bodyText(name), media: [], content: { type: "contacts", contacts: [{ name, phones: [c.phone_number], emails: [] }] } };
  }
  // Polls, dice, games, paid media and kinds Telegram adds later: the agent sees that
  // something arrived that this inbox cannot show, instead of nothing.
  return { body: "", media: [], content: { type: "unsupported", reason: "a Telegram message of a kind this inbox cannot show" } };
}

/** An edit's new text: the text, or a media message's caption; null when the edit
 * carries no words (a live location moving sends an edit every few seconds). */
export function editedText(message: Message): string | null {
  const text = message.text ?? message.caption;
  return text === undefined ? null : bodyText(text);
}
