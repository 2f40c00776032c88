/**
 * @module Telegram webhook deliveries as the Bot API makes them to a running Worker: one
 * `Update` per POST (shape as in test/fixtures/channels/telegram/teloxide_update_text_private.json,
 * https://core.telegram.org/bots/api#update), with the secret_token given to setWebhook
 * in `X-Telegram-Bot-Api-Secret-Token` (https://core.telegram.org/bots/api#setwebhook).
 */

export interface TelegramCustomer {
  /** The user's id, which is also their private chat's id. */
  id: number;
  firstName: string;
  lastName: string;
  username: string;
}

/** A private text message from `customer`, sent just now. */
export function textUpdate(updateId: number, messageId: number, customer: TelegramCustomer, text: string) {
  const person = { first_name: customer.firstName, last_name: customer.lastName, username: customer.username };
  return {
    update_id: updateId,
    message: {
      message_id: messageId,
      from: { id: customer.id, is_bot: false, ...person, language_code: "pt-br" },
      chat: { id: customer.id, ...person, type: "private" },
      date: Math.floor(Date.now() / 1000),
      text,
    },
  };
}

/** POSTs `update` to the inbox's webhook with `secret` in Telegram's header. */
export async function postUpdate(baseUrl: string, inboxId: string, update: unknown, secret: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${baseUrl}/webhooks/telegram/${inboxId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
    body: JSON.stringify(update),
  });
  return { status: res.status, body: await res.text() };
}
