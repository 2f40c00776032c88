/**
 * @module Identity verification for web chat: the host page's server signs the user id
 * with the inbox's identity secret (hex HMAC-SHA256, the scheme Intercom and Chatwoot
 * use), and we check it in constant time.
 */
import { constantTimeEqual, randomToken } from "../../auth/encoding";

export function newIdentitySecret(): string {
  return randomToken(32);
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** hex HMAC-SHA256(key = UTF-8 bytes of `secret`, message = `userId`). */
export async function identityHash(secret: string, userId: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(userId)));
}

/** True only when `hash` is the HMAC of `userId` under `secret`; compared in constant time. */
export async function verifyIdentityHash(secret: string | null, userId: string, hash: string | undefined): Promise<boolean> {
  if (!secret || !hash) return false;
  const given = hexToBytes(hash);
  if (!given) return false;
  return constantTimeEqual(await identityHash(secret, userId), given);
}
