/**
 * @module What a Messenger or Instagram message says, in our terms: its text (for
 * previews and search), its files (CDN URLs to download), and its structured content
 * (a quick reply or postback choice, an Instagram story reply or mention, a sticker, or
 * something Instagram could not pass on).
 *
 * The body holds only the customer's own words (their text, the title of what they
 * tapped, the links they shared), never words of ours, so it needs no translation.
 * Story media are never downloaded: Meta requires that a story's content is not stored
 * ("You must not store/cache the media content on your server",
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/story-mention);
 * the console shows the CDN URL while it lasts.
 */
import { MAX_BODY_CHARS, normalizeText, truncateText, type MessageContent } from "../../protocol";
import type { MediaKind, RemoteMedia } from "../types";
import type { WebhookAttachment, WebhookMessage } from "./webhook-schema";

export interface InboundParts {
  body: string;
  media: RemoteMedia[];
  content?: MessageContent;
  replyTo: string | null;
}

/** Lengths of MessageContent's fields (worker/protocol/message-content.ts). */
const SHORT = 1_000;
const MAX_URL = 4_096;

/** Attachment types that are files to copy into R2, and the kind each is stored as. */
const FILE_KINDS: Record<string, MediaKind> = { image: "image", video: "video", audio: "audio", file: "file" };

/** A customer's text, normalized and at most what a message of ours may hold. */
export function bodyText(text: string): string {
  return truncateText(normalizeText(text), MAX_BODY_CHARS);
}

function urlOf(attachment: WebhookAttachment): string | null {
  const url = attachment.payload?.url ?? attachment.url ?? null;
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** A shared post, reel, link or other attachment we do not copy: its title and link, as
 * the line an agent reads (the customer shared it, so it is their content). */
function linkLine(attachment: WebhookAttachment): string | null {
  const url = urlOf(attachment);
  const title = (attachment.payload?.title ?? attachment.title ?? "").trim();
  if (!url && !title) return null;
  return [title, url].filter(Boolean).join(" ");
}

/** The files, links and structured content the attachments carry. */
function fromAttachments(message: WebhookMessage) {
  const attachments = message.attachments ?? [];
  const media: RemoteMedia[] = [];
  const links: string[] = [];
  let content: MessageContent | undefined;
  // Messenger sends a sticker as a `sticker` attachment and, until August 30, 2026, also
  // as an `image` one (…/webhook-events/messages, "Sticker attachment type transition"):
  // when either says sticker, keep one picture of it, as a sticker.
  const sticker = message.sticker_id !== undefined || attachments.some((a) => a.type === "sticker");
  if (sticker) {
    content = { type: "sticker" };
    const picture = attachments.find((a) => a.type === "sticker" && urlOf(a)) ?? attachments.find((a) => a.type === "image" && urlOf(a));
    if (picture) media.push({ kind: "sticker", ref: urlOf(picture)! });
  }
  for (const attachment of attachments) {
    if (sticker && (attachment.type === "sticker" || attachment.type === "image")) continue;
    if (attachment.type === "story_mention") {
      content = { type: "story", mode: "mention", url: storyUrl(urlOf(attachment)) };
      continue;
    }
    const kind = FILE_KINDS[attachment.type];
    const url = urlOf(attachment);
    if (kind && url) {
      media.push({ kind, ref: url });
      continue;
    }
    const line = linkLine(attachment);
    if (line) links.push(line);
  }
  return { media, links, content };
}

function storyUrl(url: string | null | undefined): string | null {
  return url && url.length <= MAX_URL && /^https?:\/\//i.test(url) ? url : null;
}

/** A message's parts (a customer's, or an echo of the business's). */
export function messageParts(message: WebhookMessage): InboundParts {
  const text = message.text ?? "";
  const { media, links, content: attached } = fromAttachments(message);
  let content = attached;
  if (message.quick_reply) {
    content = { type: "choice", id: truncateText(message.quick_reply.payload, SHORT), title: truncateText(normalizeText(text), SHORT) };
  } else if (message.reply_to?.story) {
    content = { type: "story", mode: "reply", url: storyUrl(message.reply_to.story.url) };
  } else if (message.is_unsupported && !content) {
    content = { type: "unsupported", reason: "Instagram could not pass this message on (a type its API does not support, such as a GIF)." };
  }
  const body = bodyText([text, ...links].filter((part) => part.length > 0).join("\n"));
  // Something arrived that carries nothing we can show (a fallback without payload): say
  // so rather than store an empty bubble.
  if (!body && media.length === 0 && !content) content = { type: "unsupported", reason: "The message had no text or file we could read." };
  return { body, media, content, replyTo: message.reply_to?.mid ?? null };
}

/** A tapped postback button: the customer saw `title`, the business defined `payload`. */
export function postbackParts(title: string | undefined, payload: string | undefined): InboundParts {
  const seen = title ?? payload ?? "";
  return {
    body: bodyText(seen),
    media: [],
    content: { type: "choice", id: truncateText(payload ?? "", SHORT), title: truncateText(normalizeText(seen), SHORT) },
    replyTo: null,
  };
}
