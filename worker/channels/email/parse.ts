/**
 * @module Raw MIME → ParsedEmail: postal-mime decodes the message (charsets, quoted-
 * printable, base64, RFC 2047 words and RFC 2231 file names); this module picks the
 * visible text, trims it, normalizes addresses and ids, keeps the files, and classifies
 * automatic mail and delivery reports.
 */
import PostalMime, { addressParser, type Attachment, type Email } from "postal-mime";
import type { ParsedAttachment, ParsedEmail } from "./parsed";
import { fromMailbox, mailboxOf, mailboxesOf, messageIdOf, messageIdsOf } from "./addresses";
import { automaticReason } from "./automatic";
import { deliveryReportOf, REPORT_PART_TYPES } from "./dsn";
import { headerValues } from "./header-fields";
import { htmlToText } from "./html-text";
import { trimReply } from "./reply-trim";

/** RFC 5322 §2.1.1 caps a line at 998 characters, EmailContent.subject with it. */
const MAX_SUBJECT = 998;
/** A file name longer than this is junk or an attack on whatever stores it. */
const MAX_FILE_NAME = 255;

/**
 * Parses one raw message. An ArrayBuffer is parsed in place (postal-mime does not copy
 * it); a stream is read into one buffer. The caller enforces the size limit before
 * calling. Throws postal-mime's errors (EMAXNESTINGDEPTH, EMAXHEADERSIZE, EMAXPARTCOUNT…)
 * for a message past its structural limits.
 */
export async function parseEmail(raw: ArrayBuffer | ReadableStream): Promise<ParsedEmail> {
  // attachmentEncoding "arraybuffer": the files stay as the decoded bytes (no base64 or
  // string copy of each).
  const email = await PostalMime.parse(raw as ArrayBuffer | ReadableStream<Uint8Array>, { attachmentEncoding: "arraybuffer" });
  const automatic = automaticReason(email.headers);
  const report = automatic === "delivery-status" ? deliveryReportOf(email.attachments) : null;
  const html = email.html ?? null;
  const body = visibleTextOf(email);
  const trimmed = trimReply(body);
  return {
    messageId: messageIdOf(email.messageId),
    inReplyTo: messageIdsOf(email.inReplyTo),
    references: messageIdsOf(email.references),
    subject: (email.subject ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_SUBJECT),
    from: fromMailbox(email.from ?? email.sender),
    to: mailboxesOf(email.to),
    cc: mailboxesOf(email.cc),
    deliveredTo: deliveredToOf(email),
    date: dateOf(email.date),
    text: trimmed.text,
    fullText: trimmed.fullText,
    html,
    // A DSN's status and returned-message parts are evidence read into `report`, not
    // files the customer sent.
    attachments: email.attachments
      .filter((a) => !(report && REPORT_PART_TYPES.has(a.mimeType.toLowerCase())))
      .map((a, i) => attachmentOf(a, i, html)),
    automatic,
    report,
  };
}

/** The text part; else text derived from the HTML part; else nothing. */
function visibleTextOf(email: Email): string {
  if (email.text && email.text.trim()) return email.text;
  return email.html ? htmlToText(email.html) : "";
}

/** Every Delivered-To header (a forward adds one per hop), each address normalized. */
function deliveredToOf(email: Email): string[] {
  const out: string[] = [];
  for (const value of headerValues(email.headers, "delivered-to")) {
    for (const entry of addressParser(value, { flatten: true })) {
      const box = mailboxOf(null, entry.address);
      if (box && !out.includes(box.address)) out.push(box.address);
    }
  }
  return out;
}

function dateOf(value: string | undefined): number | null {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

function attachmentOf(part: Attachment, index: number, html: string | null): ParsedAttachment {
  const contentType = part.mimeType.toLowerCase().trim() || "application/octet-stream";
  const contentId = part.contentId ? part.contentId.trim().replace(/^<|>$/g, "") || null : null;
  // Inline: inside multipart/related with a Content-ID (postal-mime's `related`), or named
  // by `cid:` in the HTML part when a client put it in multipart/mixed instead.
  const inline = Boolean(part.related) || Boolean(contentId && html?.includes(`cid:${contentId}`));
  return { name: fileNameOf(part.filename, contentType, index, inline), contentType, inline, contentId, bytes: bufferOf(part.content) };
}

/** The sender's file name made safe to show and store (no path, no control characters);
 * a made-up one ("image-2.png") when the part named none. */
function fileNameOf(filename: string | null, contentType: string, index: number, inline: boolean): string {
  const clean = (filename ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .split(/[\\/]/)
    .pop()!
    .trim()
    .slice(-MAX_FILE_NAME);
  if (clean && clean !== "." && clean !== "..") return clean;
  const ext = /^[a-z0-9.+-]+\/([a-z0-9]{1,10})$/.exec(contentType)?.[1];
  return `${inline ? "image" : "attachment"}-${index + 1}${ext ? `.${ext}` : ""}`;
}

/** postal-mime hands back an ArrayBuffer with attachmentEncoding "arraybuffer"; a view is
 * sliced only if one ever comes back. */
function bufferOf(content: Attachment["content"]): ArrayBuffer {
  if (content instanceof ArrayBuffer) return content;
  if (typeof content === "string") return new TextEncoder().encode(content).buffer as ArrayBuffer;
  return content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer;
}
