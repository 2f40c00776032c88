/**
 * @module Channel credentials at rest: AES-GCM under the Worker secret `CREDENTIALS_KEY`
 * (32 random bytes, base64; `wrangler secret put CREDENTIALS_KEY`, and `npm run dev`
 * writes a local one into `.dev.vars`). The inbox id is the additional authenticated data,
 * so a sealed blob copied onto another inbox does not open.
 *
 * Sealed form: `v1.<iv>.<ciphertext>` (base64url). A fresh 96-bit IV per seal, as AES-GCM
 * requires (https://developers.cloudflare.com/workers/runtime-apis/web-crypto/).
 */
import { ApiError } from "../http/api-error";
import { fromBase64Url, toBase64Url } from "../auth/encoding";

const VERSION = "v1";
const IV_BYTES = 12;

/** The Worker secret as bytes, or null when it is missing or not 32 bytes of base64. */
function keyBytes(secret: string | undefined): Uint8Array<ArrayBuffer> | null {
  if (!secret) return null;
  try {
    const bytes = Uint8Array.from(atob(secret.trim()), (c) => c.charCodeAt(0));
    return bytes.byteLength === 32 ? bytes : null;
  } catch {
    return null;
  }
}

async function importKey(secret: string | undefined): Promise<CryptoKey | null> {
  const bytes = keyBytes(secret);
  return bytes ? crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]) : null;
}

/** Whether credentials can be saved at all (the key is configured and well-formed). */
export function credentialsKeyConfigured(env: { CREDENTIALS_KEY?: string }): boolean {
  return keyBytes(env.CREDENTIALS_KEY) !== null;
}

/** Encrypts `credentials` for `inboxId`. Refuses, with an error an admin can act on,
 * when the key is not configured: credentials are never stored in the clear. */
export async function sealCredentials(env: { CREDENTIALS_KEY?: string }, inboxId: string, credentials: Record<string, string>): Promise<string> {
  const key = await importKey(env.CREDENTIALS_KEY);
  if (!key) {
    throw new ApiError(
      503,
      "credentials_unavailable",
      "Channel credentials cannot be saved: the server has no CREDENTIALS_KEY. Set one with `wrangler secret put CREDENTIALS_KEY` (32 random bytes, base64).",
    );
  }
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(credentials));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(inboxId) }, key, plain);
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** Decrypts what `sealCredentials` made for `inboxId`; null when it cannot (no key, a
 * rotated key, a blob of another inbox, tampering). */
export async function openCredentials(env: { CREDENTIALS_KEY?: string }, inboxId: string, sealed: string | null): Promise<Record<string, string> | null> {
  if (!sealed) return null;
  const [version, ivText, dataText] = sealed.split(".");
  const key = await importKey(env.CREDENTIALS_KEY);
  const iv = ivText ? fromBase64Url(ivText) : null;
  const data = dataText ? fromBase64Url(dataText) : null;
  if (version !== VERSION || !key || !iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(inboxId) }, key, data);
    return JSON.parse(new TextDecoder().decode(plain)) as Record<string, string>;
  } catch {
    return null;
  }
}

/** What the API shows of each credential: that it is set, and its last 4 characters
 * (shorter secrets show none, so a short one is never shown whole). */
export function credentialHints(credentials: Record<string, string>): Record<string, { set: true; last4: string | null }> {
  return Object.fromEntries(Object.entries(credentials).map(([name, value]) => [name, { set: true, last4: value.length >= 12 ? value.slice(-4) : null }]));
}
