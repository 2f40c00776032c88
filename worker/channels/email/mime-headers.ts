/**
 * @module The headers that thread a reply in the customer's mail client: `Subject: Re:`
 * without stacking prefixes, In-Reply-To the customer's latest Message-ID, References the
 * thread's ids trimmed to Email Service's header limit (RFC 5322 section 3.6.4:
 * https://www.rfc-editor.org/rfc/rfc5322#section-3.6.4).
 */
import { MAX_HEADER_VALUE_BYTES, MAX_SUBJECT_CHARS } from "./limits";

/** Reply prefixes mail clients write: English "Re", Portuguese "Res"/"Resp", German "AW",
 * Nordic "SV" (a subject that already carries one is not prefixed again). */
const REPLY_PREFIX = /^\s*(?:re|res|resp|aw|sv)\s*(?:\[\d+\])?\s*:\s*/i;

/** `Re: <subject>`, never `Re: Re:`; the customer's subject with its prefixes stripped. */
export function replySubject(subject: string): string {
  let bare = subject.replace(/[\r\n]+/g, " ").trim();
  while (REPLY_PREFIX.test(bare)) bare = bare.replace(REPLY_PREFIX, "");
  return `Re: ${bare}`.trim().slice(0, MAX_SUBJECT_CHARS);
}

/** A Message-ID as a header carries it; null for one that could break the header (a
 * value with spaces, brackets or line breaks came from someone else's bad mail). */
export function bracketed(id: string): string | null {
  const bare = id.trim().replace(/^<|>$/g, "");
  return bare && !/[\s<>]/.test(bare) ? `<${bare}>` : null;
}

const encoder = new TextEncoder();

/** The References value: `marker` (ours, always kept), the thread's root, then as many
 * of the newest ids as fit in Email Service's 2,048-byte header value; duplicates once. */
export function referencesHeader(marker: string | null, ids: string[]): string | null {
  const unique: string[] = [];
  for (const id of ids) {
    const b = bracketed(id);
    if (b && !unique.includes(b)) unique.push(b);
  }
  const head = [marker ? bracketed(marker) : null, unique[0] ?? null].filter((x): x is string => x !== null && x !== undefined);
  const rest = unique.slice(1).filter((id) => !head.includes(id));
  const size = (list: string[]) => encoder.encode(list.join(" ")).byteLength;
  const kept: string[] = [];
  // Newest first, so the ids nearest the reply are the ones kept when the thread is long.
  for (let i = rest.length - 1; i >= 0; i--) {
    if (size([...head, rest[i]!, ...kept]) > MAX_HEADER_VALUE_BYTES) break;
    kept.unshift(rest[i]!);
  }
  const value = [...head, ...kept].filter((id) => size([id]) <= MAX_HEADER_VALUE_BYTES);
  while (value.length > 1 && size(value) > MAX_HEADER_VALUE_BYTES) value.splice(1, 1);
  return value.length > 0 ? value.join(" ") : null;
}

/** The custom headers of a reply: only names Email Service allows (In-Reply-To and
 * References are on its list; empty values are refused, so absent ones are left out). */
export function threadingHeaders(inReplyTo: string | null, references: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  const parent = inReplyTo ? bracketed(inReplyTo) : null;
  if (parent) headers["In-Reply-To"] = parent;
  if (references) headers.References = references;
  return headers;
}
