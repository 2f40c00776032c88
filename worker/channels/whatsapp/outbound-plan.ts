/**
 * @module How one agent message becomes the WhatsApp messages that carry it, in order.
 *
 * A template goes alone (its text is WhatsApp's, filled with the parameters); a bot's
 * options go alone as buttons or a list when WhatsApp can draw them. Otherwise:
 * files go one media message each, in the agent's order; the text rides as the first
 * file's caption when it fits one, else it goes first as text messages of at most 4096
 * characters, split at a line break or a space (WhatsApp has no longer text message; we
 * split rather than refuse, since our composer allows 10,000).
 */
import type { Attachment, TemplateContent } from "../../protocol";
import type { OutboundMessage } from "../types";
import { baseMimeType, MAX_CAPTION_CHARS, MAX_TEXT_CHARS, MEDIA_RULES } from "./limits";
import { interactiveOf } from "./interactive";

export type OutboundMediaKind = "image" | "video" | "audio" | "document";

export type OutboundPart =
  | { type: "text"; body: string }
  | { type: "template"; template: TemplateContent }
  /** A bot's options as buttons or a list (./interactive.ts). */
  | { type: "interactive"; interactive: Record<string, unknown> }
  | { type: "media"; kind: OutboundMediaKind; attachment: Attachment; caption: string | null };

export type OutboundPlan = { ok: true; parts: OutboundPart[] } | { ok: false; reason: string };

/** Kinds whose messages take a caption (audio and stickers do not). */
const CAPTIONED: ReadonlySet<OutboundMediaKind> = new Set(["image", "video", "document"]);

/** The kind a file goes out as: its own when WhatsApp takes its type at its size, else a
 * document (a 7 MB photo still reaches the customer, as a file); null when it is too
 * large even for a document. */
export function outboundKindOf(attachment: Attachment): OutboundMediaKind | null {
  const type = baseMimeType(attachment.contentType);
  for (const kind of ["image", "video", "audio"] as const) {
    const rule = MEDIA_RULES[kind];
    if (rule.types?.includes(type) && attachment.size <= rule.maxBytes) return kind;
  }
  return attachment.size <= MEDIA_RULES.document.maxBytes ? "document" : null;
}

/** `text` in parts of at most `max` UTF-16 units (never more characters than WhatsApp
 * counts), cut at the last line break, else the last space, in the second half of the
 * window; a text without either is cut hard, never inside a surrogate pair. */
export function splitText(text: string, max = MAX_TEXT_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf(" ", max);
    if (cut >= max / 2) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
      continue;
    }
    cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

export function planMessage(message: OutboundMessage): OutboundPlan {
  if (message.template) return { ok: true, parts: [{ type: "template", template: message.template }] };
  const interactive = message.options && message.attachments.length === 0 ? interactiveOf(message.options) : null;
  if (interactive) return { ok: true, parts: [{ type: "interactive", interactive }] };
  const media: Array<Extract<OutboundPart, { type: "media" }>> = [];
  for (const attachment of message.attachments) {
    const kind = outboundKindOf(attachment);
    if (!kind) return { ok: false, reason: `${attachment.name} is larger than WhatsApp's 100 MB limit for files` };
    media.push({ type: "media", kind, attachment, caption: null });
  }
  const body = message.body.trim();
  const first = media[0];
  if (body && first && CAPTIONED.has(first.kind) && body.length <= MAX_CAPTION_CHARS) {
    first.caption = body;
    return { ok: true, parts: media };
  }
  const texts: OutboundPart[] = body ? splitText(body).map((part) => ({ type: "text", body: part })) : [];
  const parts = [...texts, ...media];
  return parts.length > 0 ? { ok: true, parts } : { ok: false, reason: "nothing to send: no text, file or template" };
}
