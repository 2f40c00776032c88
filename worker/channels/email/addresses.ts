/**
 * @module Mailboxes and Message-IDs as the e-mail channel keeps them: addresses
 * lower-cased, display names decoded (RFC 2047, done by postal-mime's address parser),
 * groups flattened, and Message-ID lists (In-Reply-To, References) split into bare ids.
 */
import type { Address } from "postal-mime";
import type { MailboxContent } from "../../protocol";

/** worker/protocol/message-content.ts MailboxContent caps: an address at 320 characters
 * (RFC 5321 §4.5.3.1: 64 local part + @ + 255 domain), a display name at 200. */
const MAX_ADDRESS = 320;
const MAX_NAME = 200;

/** One mailbox, normalized; null when it has no usable address. */
export function mailboxOf(name: string | null | undefined, address: string | null | undefined): MailboxContent | null {
  // Addresses compare case-insensitively in practice (the local part is case-sensitive
  // only in theory, RFC 5321 §2.4, and no mail system we route for relies on it).
  const clean = (address ?? "").trim().toLowerCase();
  if (!clean || clean.length > MAX_ADDRESS || !clean.includes("@")) return null;
  const display = (name ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_NAME);
  return { address: clean, name: display || null };
}

/** Every mailbox of an address list, groups (RFC 5322 §3.4 `Team: a@x, b@y;`) unwrapped,
 * duplicates dropped (the same address twice in To is one recipient). */
export function mailboxesOf(list: readonly Address[] | undefined): MailboxContent[] {
  const out: MailboxContent[] = [];
  const seen = new Set<string>();
  const add = (name: string, address: string | undefined) => {
    const box = mailboxOf(name, address);
    if (box && !seen.has(box.address)) {
      seen.add(box.address);
      out.push(box);
    }
  };
  for (const entry of list ?? []) {
    if (entry.group) for (const member of entry.group) add(member.name, member.address);
    else add(entry.name, entry.address);
  }
  return out;
}

/** The first mailbox of a From header; a sender with no usable address becomes an empty
 * address the handler can reject, rather than a parse failure. */
export function fromMailbox(list: Address | undefined): MailboxContent {
  return mailboxesOf(list ? [list] : [])[0] ?? { address: "", name: list?.name?.trim() || null };
}

/** RFC 5322 §3.6.4 caps no id, but a header line is at most 998 characters
 * (EmailContent.messageId's cap), so a longer "id" is junk. */
const MAX_ID = 998;

/** The ids of a msg-id list (`<a@x> <b@y>`), without angle brackets, in order, each once.
 * Ids written without brackets (some old clients) are split on whitespace and commas. */
export function messageIdsOf(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  const seen = new Set<string>();
  const bracketed = value.match(/<[^<>\s]+>/g);
  // A bare word is taken for an id only when it looks like one (`left@right`, RFC 5322
  // §3.6.4), so a comment or a stray date in the header does not become an id.
  const raw = bracketed ? bracketed.map((id) => id.slice(1, -1)) : value.split(/[\s,]+/).filter((id) => id.includes("@"));
  for (const id of raw) {
    const clean = id.trim();
    if (clean && clean.length <= MAX_ID && !seen.has(clean)) {
      seen.add(clean);
      ids.push(clean);
    }
  }
  return ids;
}

/** One Message-ID (the first id of the header), or null. */
export function messageIdOf(value: string | null | undefined): string | null {
  return messageIdsOf(value)[0] ?? null;
}
