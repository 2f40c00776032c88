/**
 * @module What WhatsApp Cloud API, Messenger and Instagram webhooks share: Meta's
 * subscription handshake and its body signature.
 *
 * - Handshake: Meta calls `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
 *   and expects the challenge back, only if the token is the one we gave it
 *   (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests).
 * - Signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with
 *   the app secret>` (…/getting-started#event-notifications). Checked on the raw bytes:
 *   re-serialized JSON differs on escaped unicode, and then no signature matches.
 */
import { constantTimeEqual } from "../../auth/encoding";

/** UTF-8 bytes in a plain ArrayBuffer, as timingSafeEqual takes them. */
function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new TextEncoder().encode(text));
}

const SIGNATURE_HEADER = "X-Hub-Signature-256";
const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/;

/** The answer to Meta's GET handshake: the challenge as text, or 403. */
export function metaHandshake(url: URL, verifyToken: string): Response {
  const mode = url.searchParams.get("hub.mode");
  const token = url.searchParams.get("hub.verify_token") ?? "";
  const challenge = url.searchParams.get("hub.challenge") ?? "";
  if (mode !== "subscribe" || !challenge || !constantTimeEqual(utf8(token), utf8(verifyToken))) {
    return Response.json({ error: { code: "forbidden", message: "Wrong verify token." } }, { status: 403 });
  }
  return new Response(challenge, { status: 200, headers: { "Content-Type": "text/plain" } });
}

/** HMAC-SHA256 of `raw` under `secret`, as lowercase hex. */
export async function metaSignatureOf(raw: ArrayBuffer | Uint8Array, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, raw));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether `X-Hub-Signature-256` is the app secret's HMAC of exactly these bytes. */
export async function verifyMetaSignature(raw: ArrayBuffer, headers: Headers, appSecret: string): Promise<boolean> {
  const match = SIGNATURE_PATTERN.exec(headers.get(SIGNATURE_HEADER) ?? "");
  if (!match) return false;
  const expected = await metaSignatureOf(raw, appSecret);
  return constantTimeEqual(utf8(match[1]!), utf8(expected));
}
