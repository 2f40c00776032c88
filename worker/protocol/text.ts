/**
 * @module Text that people type, normalized once at the boundary. Every user-supplied
 * text field of a request body or socket frame is parsed with `UserText` or `UserName`,
 * so the room's copy, D1's copy and every later reader see the same string:
 *
 * - well-formed UTF-16: a lone surrogate becomes U+FFFD. Left alone, the room's SQLite
 *   kept it while D1 (which stores UTF-8) turned it into U+FFFD, so two copies disagreed;
 * - NFC, so "é" typed as e + U+0301 and as U+00E9 is one string (search, dedup, lengths);
 * - control characters removed (C0, DEL, C1) except newline and tab; CR LF and lone CR
 *   become LF. This also removes the search highlight markers (U+0002/U+0003, see
 *   HIGHLIGHT_START in console.ts), so a customer cannot forge a highlight.
 *
 * Names (people, tags, inboxes, file names) also lose the bidi embedding, override and
 * isolate controls (U+202A–U+202E, U+2066–U+2069), which can make `‮gnp.exe` display as
 * `exe.png`, and are one line: newline and tab become a space.
 */
import { z } from "zod";

/** Without the `u` flag these match single UTF-16 code units, which is what a lone
 * surrogate is. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CARRIAGE_RETURN = /\r\n?/g;
/** C0 but tab (U+0009) and newline (U+000A), DEL, and C1. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Anything but printable ASCII, newline and tab. */
const NEEDS_NORMALIZING = /[^\x20-\x7E\n\t]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAK_OR_TAB = /[\n\t]/g;

/** Free text (messages, notes, comments, greetings): see the module comment. */
export function normalizeText(text: string): string {
  // Printable ASCII, newline and tab only (most chat lines): nothing below would change
  // it, and one test is cheaper than three replacements and NFC (profiled for issue 10:
  // ~2% of the Worker's CPU on the chat path).
  if (!NEEDS_NORMALIZING.test(text)) return text;
  return text.replace(LONE_SURROGATE, "\uFFFD").normalize("NFC").replace(CARRIAGE_RETURN, "\n").replace(CONTROL, "");
}

/** A name shown on one line (person, label, inbox, file): free text without bidi
 * controls or line breaks. */
export function normalizeName(text: string): string {
  return normalizeText(text).replace(BIDI_CONTROL, "").replace(LINE_BREAK_OR_TAB, " ");
}

/** At most `max` UTF-16 code units of `text`, never cutting a surrogate pair in half (which
 * would leave a lone surrogate: the ill-formed text normalization exists to prevent). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A string field of free text; chain `.trim()`, `.min()`, `.max()` after it, so lengths
 * are checked on the normalized text. */
export const UserText = z.string().overwrite(normalizeText);
/** A string field holding a name; chain checks after it as with `UserText`. */
export const UserName = z.string().overwrite(normalizeName);
