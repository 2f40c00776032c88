/**
 * @module What a WhatsApp message says, in our terms: its text (for previews and search),
 * its files (media ids to download), and its structured content (location, shared
 * contacts, a button or list choice, a sticker, or what WhatsApp could not pass on).
 * The body holds only the customer's own words (text, caption, the choice they tapped,
 * the place or contact they shared), never words of ours, so it needs no translation.
 */
import { MAX_BODY_CHARS, truncateText, type MessageContent } from "../../protocol";
import type { RemoteMedia } from "../types";
import type { WebhookEcho, WebhookError, WebhookMessage } from "./webhook-schema";

export interface InboundParts {
  body: string;
  media: RemoteMedia[];
  content?: MessageContent;
}

/** Lengths of MessageContent's fields (worker/protocol/message-content.ts). */
const SHORT = 1_000;
const MAX_SHARED = 20;

const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;

/** Messages that are notices, not something the customer wrote: a changed number or user
 * id ("system") and the first open of a chat ("request_welcome"). */
const NOT_MESSAGES = new Set(["system", "request_welcome"]);

/** A webhook error as agents read it: "131051: Message type unknown — Message type is
 * currently not supported." */
export function errorText(error: WebhookError | undefined): string {
  if (!error) return "unknown error";
  const title = error.title ?? error.message ?? "";
  const details = error.error_data?.details;
  return truncateText(`${error.code}: ${title}${details && details !== title ? ` — ${details}` : ""}`, SHORT);
}

/** A customer's text, at most what a message of ours may hold: WhatsApp users can write
 * more (65,536 characters) and a refused delivery would be retried forever. */
export function bodyText(text: string): string {
  return truncateText(text, MAX_BODY_CHARS);
}

function mediaParts(message: WebhookMessage | WebhookEcho): InboundParts | null {
  for (const kind of MEDIA_TYPES) {
    if (message.type !== kind) continue;
    const media = message[kind]!;
    const remote: RemoteMedia = { kind, ref: media.id, contentType: media.mime_type ?? null, name: media.filename ?? null, size: null };
    return { body: bodyText(media.caption ?? ""), media: [remote], ...(kind === "sticker" ? { content: { type: "sticker" } } : {}) };
  }
  return null;
}

function sharedContacts(message: WebhookMessage | WebhookEcho): InboundParts {
  const contacts = (message.contacts ?? []).slice(0, MAX_SHARED).map((c) => {
    const name = c.name?.formatted_name ?? [c.name?.first_name, c.name?.last_name].filter(Boolean).join(" ");
    return {
      name: truncateText(name, SHORT),
      phones: (c.phones ?? []).flatMap((p) => (p.phone ?? p.wa_id ? [(p.phone ?? p.wa_id)!] : [])).slice(0, MAX_SHARED),
      emails: (c.emails ?? []).flatMap((e) => (e.email ? [e.email] : [])).slice(0, MAX_SHARED),
    };
  });
  return { body: bodyText(contacts.map((c) => c.name).filter(Boolean).join(", ")), media: [], content: { type: "contacts", contacts } };
}

function unsupported(reason: string): InboundParts {
  return { body: "", media: [], content: { type: "unsupported", reason: truncateText(reason, SHORT) } };
}

/** The message's parts, or null for a notice that is not a message. */
export function inboundParts(message: WebhookMessage | WebhookEcho): InboundParts | null {
  if (NOT_MESSAGES.has(message.type)) return null;
  const media = mediaParts(message);
  if (media) return media;
  switch (message.type) {
    case "text":
      return { body: bodyText(message.text!.body), media: [] };
    case "location": {
      const { latitude, longitude, name, address } = message.location!;
      const content: MessageContent = { type: "location", latitude, longitude, name: name ? truncateText(name, SHORT) : null, address: address ? truncateText(address, SHORT) : null };
      return { body: bodyText([name, address].filter(Boolean).join(" — ")), media: [], content };
    }
    case "contacts":
      return sharedContacts(message);
    case "interactive": {
      const choice = message.interactive!.button_reply ?? message.interactive!.list_reply;
      if (!choice) return unsupported(`interactive "${message.interactive!.type}"`);
      return { body: bodyText(choice.title), media: [], content: { type: "choice", id: truncateText(choice.id, SHORT), title: truncateText(choice.title, SHORT) } };
    }
    case "button": {
      const { payload, text } = message.button!;
      return { body: bodyText(text), media: [], content: { type: "choice", id: truncateText(payload ?? text, SHORT), title: truncateText(text, SHORT) } };
    }
    case "unsupported":
      return unsupported(errorText("errors" in message ? message.errors?.[0] : undefined));
    default:
      // Orders, flows' replies and types Meta adds later: the agent sees that something
      // arrived that this inbox cannot show, instead of nothing.
      return unsupported(`message type "${message.type}"`);
  }
}
