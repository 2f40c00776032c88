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

/** The References value: `marker` (ours) and the thread's root always, then as many of
 * the newest ids as fit in Email Service's 2,048-byte header value; each id once. */
export function referencesHeader(marker: string | null, ids: string[]): string | null {
  const all: string[] = [];
  for (const id of marker ? [marker, ...ids] : ids) {
    const b = bracketed(id);
    if (b && !all.includes(b) && bytes(b) <= MAX_HEADER_VALUE_BYTES) all.push(b);
  }
  if (all.length === 0) return null;
  const pinned = all.slice(0, marker ? 2 : 1);
  if (bytes(pinned.join(" ")) > MAX_HEADER_VALUE_BYTES) pinned.pop();
  const kept: string[] = [];
  // Newest first: the ids nearest the reply are the ones kept when the thread is long.
  for (const id of all.slice(pinned.length).reverse()) {
    if (bytes([...pinned, id, ...kept].join(" ")) > MAX_HEADER_VALUE_BYTES) break;
    kept.unshift(id);
  }
  return [...pinned, ...kept].join(" ");
}

function bytes(text: string): number {
  return encoder.encode(text).byteLength;
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
