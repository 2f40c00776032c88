/**
 * @module X-Twilio-Signature: base64(HMAC-SHA1(auth token, the URL Twilio called + each
 * POST parameter's name and value, sorted by name)), checked in constant time on the raw
 * bytes before anything is parsed (https://www.twilio.com/docs/usage/security#validating-requests).
 *
 * The URL is the one Twilio was given: behind Cloudflare that is the request's own URL;
 * an inbox on a custom domain or behind a proxy sets `publicBaseUrl`, whose origin then
 * replaces the request's (path and query stay the request's).
 */
import type { SmsSettings } from "../../protocol";

const encoder = new TextEncoder();

/** Form parameters of a raw `application/x-www-form-urlencoded` body, in their order. */
export function formParams(raw: ArrayBuffer | string): Array<[string, string]> {
  const text = typeof raw === "string" ? raw : new TextDecoder().decode(raw);
  return [...new URLSearchParams(text)];
}

/** What Twilio signs: the URL, then every parameter as name+value, sorted by name (and a
 * repeated name's values by value, as Twilio's own libraries do), by UTF-16 code units. */
export function signedPayload(url: string, params: Array<[string, string]>): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return url + sorted.map(([name, value]) => name + value).join("");
}

function hmacKey(authToken: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, [usage]);
}

/** The signature Twilio sends for `params` posted to `url` (tests and the simulator sign with it). */
export async function twilioSignatureOf(authToken: string, url: string, params: Array<[string, string]>): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(authToken, "sign"), encoder.encode(signedPayload(url, params)));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

function fromBase64(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The URL Twilio called: the request's, with the inbox's public origin when it has one. */
export function publicUrlOf(url: URL, settings: Pick<SmsSettings, "publicBaseUrl">): string {
  return settings.publicBaseUrl ? settings.publicBaseUrl + url.pathname + url.search : url.href;
}

/** Whether `signature` is Twilio's for `params` posted to `url`; `crypto.subtle.verify`
 * compares the MACs in constant time. */
export async function verifyTwilioSignature(authToken: string, url: string, params: Array<[string, string]>, signature: string | null): Promise<boolean> {
  const given = signature ? fromBase64(signature.trim()) : null;
  // HMAC-SHA1 is 20 bytes; anything else is not a signature.
  if (!given || given.byteLength !== 20) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(authToken, "verify"), given, encoder.encode(signedPayload(url, params)));
}

/** The adapter's `verify`: the signature over the public URL and the raw body's parameters. */
export function verifyTwilioRequest(raw: ArrayBuffer, headers: Headers, url: URL, authToken: string, settings: Pick<SmsSettings, "publicBaseUrl">): Promise<boolean> {
  return verifyTwilioSignature(authToken, publicUrlOf(url, settings), formParams(raw), headers.get("X-Twilio-Signature"));
}
