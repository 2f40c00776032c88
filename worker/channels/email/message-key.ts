/**
 * @module The id a mail is deduplicated by (the room's provider message id): its
 * Message-ID, or, for the rare mail without one, a digest of what its sender wrote.
 */
import type { ParsedEmail } from "./parsed";

/** The digest covers the sender, date, subject and the raw bytes after the header
 * block, not the header block itself: every relay (and Email Routing) prepends its own
 * Received/ARC/DKIM lines, so the same mail redelivered has different headers but the
 * same body bytes. */
export async function messageKeyOf(parsed: ParsedEmail, raw: ArrayBuffer): Promise<string> {
  if (parsed.messageId) return parsed.messageId;
  const bytes = new Uint8Array(raw);
  const body = bytes.subarray(bodyStart(bytes));
  const head = new TextEncoder().encode([parsed.from.address, parsed.date ?? "", parsed.subject].join("\u0000") + "\u0000");
  const whole = new Uint8Array(head.byteLength + body.byteLength);
  whole.set(head, 0);
  whole.set(body, head.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", whole));
  return `digest:${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Where the body starts: after the first empty line (CRLF CRLF, or bare LF LF). */
function bodyStart(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return bytes.length;
}
