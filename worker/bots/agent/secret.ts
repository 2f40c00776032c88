/**
 * @module An agent bot's signing secret: made on its first save (or when an admin rolls
 * it), shown once, stored sealed because the outbox must read it back to sign. The
 * additional data names the inbox, so a sealed secret copied onto another inbox (or onto
 * a webhook endpoint) does not open.
 */
import { openCredentials, sealCredentials } from "../../channels/credentials";
import { newEndpointSecret } from "../../webhooks/secret";

/** Same form as a webhook endpoint's (`whsec_…`): receivers verify both the same way. */
export const newAgentBotSecret = newEndpointSecret;

const aad = (inboxId: string) => `agent-bot:${inboxId}`;

export function sealAgentBotSecret(env: { CREDENTIALS_KEY?: string }, inboxId: string, secret: string): Promise<string> {
  return sealCredentials(env, aad(inboxId), { secret });
}

/** The secret, or null when it cannot be opened (no key, a rotated key, tampering). */
export async function openAgentBotSecret(env: { CREDENTIALS_KEY?: string }, inboxId: string, sealed: string | null): Promise<string | null> {
  if (!sealed) return null;
  return (await openCredentials(env, aad(inboxId), sealed))?.secret ?? null;
}
