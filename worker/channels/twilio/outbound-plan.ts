/**
 * @module An agent's reply as Twilio messages: the body in parts of at most 1,600
 * characters (Twilio's limit; it segments each part into SMS itself), the files on the
 * first part as MediaUrl links (at most 10 and 5 MB in all, Twilio's limits), checked
 * before anything is sent so a reply Twilio would refuse fails whole, with the reason.
 */
import type { Attachment } from "../../protocol";
import { MAX_BODY_CHARS, MAX_MEDIA_BYTES, MAX_MEDIA_PER_MESSAGE } from "./limits";

/** `text` in pieces of at most `max` UTF-16 units (Twilio counts an emoji as more than
 * one character, error 21617), cut at the last space or newline of a piece when there is
 * one, never inside a surrogate pair. */
export function splitBody(text: string, max = MAX_BODY_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = max;
    // Never between the halves of a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1]!)) cut -= 1;
    const space = Math.max(rest.lastIndexOf(" ", cut - 1), rest.lastIndexOf("\n", cut - 1));
    if (space > max / 2) cut = space + 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/** Why Twilio would refuse these files in one message, or null when it takes them. */
export function attachmentsRefusal(attachments: Attachment[]): string | null {
  if (attachments.length > MAX_MEDIA_PER_MESSAGE) return `Twilio takes at most ${MAX_MEDIA_PER_MESSAGE} files per message; this reply has ${attachments.length}`;
  const total = attachments.reduce((sum, a) => sum + a.size, 0);
  if (total > MAX_MEDIA_BYTES) return `Twilio takes at most ${MAX_MEDIA_BYTES / 1024 / 1024} MB of files per message; this reply has ${(total / 1024 / 1024).toFixed(1)} MB`;
  return null;
}

/** The bodies of the messages a reply's text goes out as ("" alone: files only). */
export function bodiesOf(text: string): string[] {
  return text.trim() ? splitBody(text.trim()) : [""];
}
