/**
 * @module Telegram's webhook authentication: the `secret_token` we gave setWebhook comes
 * back in `X-Telegram-Bot-Api-Secret-Token` on every delivery
 * (https://core.telegram.org/bots/api#setwebhook). It is a shared secret, not a signature
 * of the body, so it is compared in constant time before the body is read at all. Both
 * sides are hashed first, so the comparison takes as long whatever length was sent.
 */
import { constantTimeEqual, randomToken } from "../../auth/encoding";
import { SECRET_HEADER, WEBHOOK_SECRET_CHARS } from "./limits";

async function digest(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

export async function verifyTelegramSecret(headers: Headers, webhookSecret: string): Promise<boolean> {
  const sent = headers.get(SECRET_HEADER);
  if (!sent || !webhookSecret) return false;
  return constantTimeEqual(await digest(sent), await digest(webhookSecret));
}

/** A new secret_token: base64url is exactly Telegram's alphabet (A-Z, a-z, 0-9, _, -). */
export function newWebhookSecret(): string {
  return randomToken((WEBHOOK_SECRET_CHARS * 3) / 4);
}
