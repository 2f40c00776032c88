/**
 * @module The simulated e-mail customer's message as raw RFC 5322 / MIME text, the bytes a
 * mail server hands Cloudflare Email Routing: headers with RFC 2047 encoded words for
 * non-ASCII names and subjects, the UTF-8 text part in base64, and an optional file as a
 * multipart/mixed attachment; a reply keeps In-Reply-To and References (RFC 5322 §3.6.4)
 * so the worker can thread it.
 */

/** A file attached to the mail. */
export interface MailFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface CustomerMail {
  from: { address: string; name: string };
  to: string;
  subject: string;
  text: string;
  attachment: MailFile | null;
  /** Ids without angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  date: Date;
}

const CRLF = "\r\n";
/** Base64 body lines: 76 characters (RFC 2045 §6.8), well under RFC 5322's 998. */
const BASE64_LINE = 76;
/** Folded header lines stay under RFC 5322's recommended 78 characters (§2.1.1). */
const HEADER_LINE = 78;

function base64Of(bytes: Uint8Array): string {
  let binary = "";
  // Chunked: String.fromCharCode with a spread of a 1 MB array overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function wrapped(base64: string): string {
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += BASE64_LINE) lines.push(base64.slice(i, i + BASE64_LINE));
  return lines.join(CRLF);
}

/** A header value as-is when printable ASCII, else RFC 2047 "B" encoded words (each at
 * most 75 characters, §2; split on whole characters so no UTF-8 sequence is cut). */
export function encodedWords(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = "";
  for (const char of value) {
    const next = chunk + char;
    // "=?UTF-8?B?" + base64 + "?=" ≤ 75 → at most 45 bytes of UTF-8 per word.
    if (new TextEncoder().encode(next).length > 45) {
      words.push(chunk);
      chunk = char;
    } else chunk = next;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64Of(new TextEncoder().encode(w))}?=`).join(`${CRLF} `);
}

/** A display name is a quoted string unless it is a plain atom run. */
function mailbox(address: string, name: string): string {
  if (!name) return `<${address}>`;
  const shown = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}"` : encodedWords(name);
  return `${shown} <${address}>`;
}

/** Message ids, folded one per line when they would not fit. */
function idList(ids: string[]): string {
  const parts = ids.map((id) => `<${id}>`);
  const lines: string[] = [];
  let line = "";
  for (const part of parts) {
    if (line && line.length + part.length + 1 > HEADER_LINE - "References: ".length) {
      lines.push(line);
      line = part;
    } else line = line ? `${line} ${part}` : part;
  }
  if (line) lines.push(line);
  return lines.join(`${CRLF} `);
}

function randomToken(bytes = 12): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh Message-ID (without brackets) at the sender's domain, as mail clients make. */
export function newMessageId(fromAddress: string): string {
  return `sim-${randomToken()}@${fromAddress.slice(fromAddress.lastIndexOf("@") + 1)}`;
}

function textPart(text: string): string[] {
  // Mail bodies end lines in CRLF (RFC 5322 §2.3), whatever the browser typed.
  const body = text.replace(/\r?\n/g, CRLF);
  return ['Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: base64", "", wrapped(base64Of(new TextEncoder().encode(body)))];
}

/** The whole message, CRLF line ends, ready for the email handler. */
export function rawMail(mail: CustomerMail): string {
  const headers = [
    `From: ${mailbox(mail.from.address, mail.from.name)}`,
    `To: <${mail.to}>`,
    `Subject: ${encodedWords(mail.subject)}`,
    `Date: ${mail.date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${mail.messageId}>`,
    ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`] : []),
    ...(mail.references.length ? [`References: ${idList(mail.references)}`] : []),
    "MIME-Version: 1.0",
  ];
  if (!mail.attachment) return [...headers, ...textPart(mail.text)].join(CRLF) + CRLF;
  const boundary = `sim-${randomToken(8)}`;
  const file = mail.attachment;
  const safeName = file.name.replace(/["\\\r\n]/g, "_");
  const fileName = /^[\x20-\x7e]*$/.test(safeName) ? `"${safeName}"` : `"${encodedWords(safeName)}"`;
  return (
    [
      ...headers,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      ...textPart(mail.text),
      `--${boundary}`,
      `Content-Type: ${file.contentType}; name=${fileName}`,
      `Content-Disposition: attachment; filename=${fileName}`,
      "Content-Transfer-Encoding: base64",
      "",
      wrapped(base64Of(file.bytes)),
      `--${boundary}--`,
    ].join(CRLF) + CRLF
  );
}
