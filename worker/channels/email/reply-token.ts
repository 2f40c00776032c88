/**
 * @module Our marks on an outbound reply, which bring the customer's answer back to
 * the same conversation even when their client drops threading headers: the reply-to
 * address `localpart+sb-<conversationId>@domain` (subaddressing: the mail still reaches
 * `localpart@domain`), and an id `sb-<conversationId>-<seq>.<random>@domain` carried in
 * References (Email Service sets Message-ID itself and refuses one from us,
 * https://developers.cloudflare.com/email-service/reference/headers/#platform-controlled-headers,
 * so our id rides along in References, which replies copy).
 */

/** The reply-to address for a conversation, at the address a reply is sent from. */
export function replyTokenAddress(fromAddress: string, conversationId: string): string | null {
  const at = fromAddress.lastIndexOf("@");
  if (at <= 0) return null;
  return `${fromAddress.slice(0, at)}+sb-${conversationId}@${fromAddress.slice(at + 1)}`;
}

/** Our id for one reply (without angle brackets): conversation, seq, and randomness so
 * no two sends, retries included, share one. */
export function threadMarkerId(conversationId: string, seq: number, fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf("@") + 1) || "switchboard.invalid";
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `sb-${conversationId}-${seq}.${random}@${domain}`;
}
