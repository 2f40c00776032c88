/**
 * @module Password hashing: PBKDF2-SHA256 with a per-user random salt, via WebCrypto.
 */
import { constantTimeEqual, fromBase64Url, toBase64Url } from "./encoding";

/** workerd refuses PBKDF2 above 100,000 iterations
 * (https://developers.cloudflare.com/workers/runtime-apis/web-crypto/#supported-algorithms),
 * so that is both our cost and the most it can be. The count is stored per hash so it can
 * be raised later without invalidating old passwords. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return { hash: toBase64Url(hash), salt: toBase64Url(salt), iterations: PBKDF2_ITERATIONS };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const salt = fromBase64Url(stored.salt);
  const expected = fromBase64Url(stored.hash);
  if (!salt || !expected) return false;
  const actual = await derive(password, salt, stored.iterations);
  return constantTimeEqual(actual, expected);
}

/** A hash of a random password, compared against when the e-mail is unknown so a login
 * for a missing account costs the same time as one with a wrong password. */
let decoy: Promise<PasswordHash> | undefined;
export function decoyHash(): Promise<PasswordHash> {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}
