/**
 * @module Reading the marks our outbound mail carries (written by ./reply-token.ts), so a
 * customer's answer finds its conversation again:
 *
 * - the marker id `sb-<conversationId>-<seq>.<random>@<domain>`, carried in References
 *   (Email Service sets the Message-ID itself); clients copy References into replies.
 * - the Reply-To `<localpart>+sb-<conversationId>@<domain>`: the token survives a client
 *   that strips threading headers, because the customer answers that address.
 *
 * Ids are handled without angle brackets, as ParsedEmail gives them.
 */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const OUR_MESSAGE_ID = new RegExp(`^sb-(${UUID})-(\\d+)\\.[A-Za-z0-9]+@([^@\\s>]+)$`, "i");
const REPLY_ADDRESS = new RegExp(`^([^@+\\s]+)\\+sb-(${UUID})@([^@\\s]+)$`, "i");

/** What one of our marker ids says, or null when `id` is not one of ours in form. */
export function readOurMarker(id: string): { conversationId: string; seq: number; domain: string } | null {
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
