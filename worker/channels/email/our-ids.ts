/**
 * @module The two marks our outbound mail carries so a customer's answer finds its
 * conversation again, agreed between sending (./adapter.ts) and receiving (./receive.ts):
 *
 * - Message-ID `sb-<conversationId>-<seq>.<random>@<domain>` (the inbox address's
 *   domain): clients copy it into In-Reply-To and References.
 * - Reply-To `<localpart>+sb-<conversationId>@<domain>`: the token survives a client that
 *   strips those headers, because the customer answers that address.
 *
 * Both are written and read here, in one place. Message-IDs are handled without angle
 * brackets, as ParsedEmail gives them.
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const OUR_MESSAGE_ID = new RegExp(`^sb-(${UUID})-(\\d+)\\.[A-Za-z0-9]+@([^@\\s>]+)$`, "i");
const REPLY_ADDRESS = new RegExp(`^([^@+\\s]+)\\+sb-(${UUID})@([^@\\s]+)$`, "i");

/** Our Message-ID for message `seq` of a conversation (no angle brackets). */
export function ourMessageId(conversationId: string, seq: number, domain: string, random: string = randomPart()): string {
  return `sb-${conversationId}-${seq}.${random}@${domain.toLowerCase()}`;
}

/** The conversation's reply address under the inbox address `address`. */
export function replyAddress(address: string, conversationId: string): string {
  const [local, domain] = splitAddress(address);
  return `${local}+sb-${conversationId}@${domain}`;
}

/** What one of our Message-IDs says, or null when `id` is not one of ours in form. */
export function readOurMessageId(id: string): { conversationId: string; seq: number; domain: string } | null {
  const m = OUR_MESSAGE_ID.exec(id.trim());
  return m ? { conversationId: m[1]!.toLowerCase(), seq: Number(m[2]), domain: m[3]!.toLowerCase() } : null;
}

/** The conversation a reply address names, or null when `address` carries no token. */
export function readReplyAddress(address: string): { conversationId: string; address: string } | null {
  const m = REPLY_ADDRESS.exec(address.trim());
  return m ? { conversationId: m[2]!.toLowerCase(), address: `${m[1]!.toLowerCase()}@${m[3]!.toLowerCase()}` } : null;
}

/** `address` lower-cased, without a `+detail` subaddress (RFC 5233): the address an
 * inbox owns. */
export function bareAddress(address: string): string {
  const [local, domain] = splitAddress(address.trim().toLowerCase());
  const plus = local.indexOf("+");
  return `${plus > 0 ? local.slice(0, plus) : local}@${domain}`;
}

export function domainOf(address: string): string {
  return splitAddress(address.trim().toLowerCase())[1];
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf("@");
  return at < 0 ? [address, ""] : [address.slice(0, at), address.slice(at + 1)];
}

function randomPart(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 16);
}
