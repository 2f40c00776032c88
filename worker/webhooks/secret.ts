/**
 * @module An endpoint's signing secret: made here, shown to the admin once, stored sealed
 * (AES-GCM under CREDENTIALS_KEY, worker/channels/credentials.ts) because the outbox must
 * read it back to sign. The additional data names the endpoint, so a sealed secret copied
 * onto another endpoint does not open.
 */
import { openCredentials, sealCredentials } from "../channels/credentials";
import { randomToken } from "../auth/encoding";

/** `whsec_` and 32 random bytes, base64url: receivers can tell it from their other keys. */
export function newEndpointSecret(): string {
  return `whsec_${randomToken(32)}`;
}

const aad = (endpointId: string) => `webhook:${endpointId}`;

export function sealEndpointSecret(env: { CREDENTIALS_KEY?: string }, endpointId: string, secret: string): Promise<string> {
  return sealCredentials(env, aad(endpointId), { secret });
}

/** The secret, or null when it cannot be opened (no key, a rotated key, tampering). */
export async function openEndpointSecret(env: { CREDENTIALS_KEY?: string }, endpointId: string, sealed: string): Promise<string | null> {
  return (await openCredentials(env, aad(endpointId), sealed))?.secret ?? null;
}
