/**
 * @module How one agent message becomes the Send API messages that carry it, in order.
 *
 * A Send API message holds text or one attachment, never both
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api: "text or
 * attachment must be set"), so the text goes first, then each file in the agent's order.
 * Text longer than one message allows (Messenger: 2000 characters; Instagram: 1000 UTF-8
 * bytes) is split at a line break or a space rather than refused: our composer allows
 * 10,000 characters, and the customer must get all of it.
 */
import type { Attachment } from "../../protocol";
import type { OutboundMessage } from "../types";
import {
  baseMimeType,
  INSTAGRAM_IMAGE_TYPES,
  INSTAGRAM_MAX_IMAGE_BYTES,
  INSTAGRAM_MAX_TEXT_BYTES,
  MAX_ATTACHMENT_BYTES,
  MESSENGER_MAX_TEXT_CHARS,
  type OutboundAttachmentType,
} from "./limits";
import type { PlatformKind } from "./graph";

export type OutboundPart = { type: "text"; text: string } | { type: "attachment"; as: OutboundAttachmentType; attachment: Attachment };

export type OutboundPlan = { ok: true; parts: OutboundPart[] } | { ok: false; reason: string };

/** Messenger images: png, jpeg and gif (the Send API's image attachments). */
const MESSENGER_IMAGE_TYPES: readonly string[] = ["image/png", "image/jpeg", "image/gif"];

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** The longest prefix of `text` (in UTF-16 units) within `max` units, or `max` UTF-8
 * bytes, never ending inside a surrogate pair. */
function fittingPrefix(text: string, max: number, unit: "chars" | "bytes"): number {
  if (unit === "chars") {
    if (text.length <= max) return text.length;
    const code = text.charCodeAt(max - 1);
    return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  }
  let bytes = 0;
  let i = 0;
  for (const char of text) {
    bytes += utf8Length(char.codePointAt(0)!);
    if (bytes > max) break;
    i += char.length;
  }
  return i;
}

/** `text` in parts that each fit `max` (characters or UTF-8 bytes), cut at the last line
 * break, else the last space, in the second half of what fits; a text with neither is
 * cut hard (never inside a character). */
export function splitText(text: string, max: number, unit: "chars" | "bytes"): string[] {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const fits = fittingPrefix(rest, max, unit);
    if (fits >= rest.length) break;
    let cut = rest.lastIndexOf("\n", fits);
    if (cut < fits / 2) cut = rest.lastIndexOf(" ", fits);
    if (cut >= fits / 2 && cut > 0) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      parts.push(rest.slice(0, fits));
      rest = rest.slice(fits);
    }
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** The attachment type a file goes out as, or why it cannot go. */
export function attachmentTypeOf(attachment: Attachment, kind: PlatformKind): { ok: true; as: OutboundAttachmentType } | { ok: false; reason: string } {
  const type = baseMimeType(attachment.contentType);
  if (attachment.size > MAX_ATTACHMENT_BYTES) return { ok: false, reason: `${attachment.name} is larger than the 25 MB Meta allows for a file` };
  if (kind === "messenger") {
    if (MESSENGER_IMAGE_TYPES.includes(type)) return { ok: true, as: "image" };
    if (type.startsWith("video/")) return { ok: true, as: "video" };
    if (type.startsWith("audio/")) return { ok: true, as: "audio" };
    return { ok: true, as: "file" };
  }
  // Instagram takes png/jpeg/gif images up to 8 MB, mp4/ogg/avi/mov/webm video, aac/m4a/
  // wav/mp4 audio and PDF files
  // (https://developers.facebook.com/documentation/business-messaging/instagram-messaging/features/attachment-upload).
  if (INSTAGRAM_IMAGE_TYPES.includes(type)) {
    return attachment.size <= INSTAGRAM_MAX_IMAGE_BYTES ? { ok: true, as: "image" } : { ok: false, reason: `${attachment.name} is larger than the 8 MB Instagram allows for an image` };
  }
  if (type.startsWith("video/")) return { ok: true, as: "video" };
  if (type.startsWith("audio/")) return { ok: true, as: "audio" };
  if (type === "application/pdf") return { ok: true, as: "file" };
  return { ok: false, reason: `Instagram does not take ${type} files (only images, video, audio and PDF): ${attachment.name}` };
}

export function planMessage(message: OutboundMessage, kind: PlatformKind): OutboundPlan {
  if (message.template) return { ok: false, reason: "templates are WhatsApp's; Messenger and Instagram take text and files" };
  const files: OutboundPart[] = [];
  for (const attachment of message.attachments) {
    const type = attachmentTypeOf(attachment, kind);
    if (!type.ok) return type;
    files.push({ type: "attachment", as: type.as, attachment });
  }
  const body = message.body.trim();
  const texts: OutboundPart[] = body
    ? (kind === "messenger" ? splitText(body, MESSENGER_MAX_TEXT_CHARS, "chars") : splitText(body, INSTAGRAM_MAX_TEXT_BYTES, "bytes")).map((text) => ({ type: "text", text }))
    : [];
  const parts = [...texts, ...files];
  return parts.length > 0 ? { ok: true, parts } : { ok: false, reason: "nothing to send: no text or file" };
}
