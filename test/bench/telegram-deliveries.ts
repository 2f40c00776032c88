/**
 * @module Telegram webhook deliveries for the channel benchmark: one `Update` per POST
 * carrying a private text message (shape as test/fixtures/channels/telegram/teloxide_update_text_private.json,
 * https://core.telegram.org/bots/api#update), authenticated as Telegram does: the
 * secret_token given to setWebhook comes back in `X-Telegram-Bot-Api-Secret-Token`
 * (https://core.telegram.org/bots/api#setwebhook). Telegram never batches: one update,
 * one message.
 */

/** The floor's secret (the relay is started with it); Switchboard makes up its own. */
export const BENCH_TELEGRAM_SECRET = "bench-telegram-secret_0123456789abcdefABCDEF";

export interface TelegramText {
  /** The customer's user id (= their private chat's id). */
  chatId: number;
  name: string;
  /** Unique within the chat (https://core.telegram.org/bots/api#message). */
  messageId: number;
  updateId: number;
  /** Unix seconds. */
  timestamp: number;
  body: string;
  /** How Switchboard names it: `${chat id}:${message id}`. */
  id: string;
}

/** A distinct user id per customer index, past 32 bits as recent Telegram ids are. */
export function telegramChatId(index: number): number {
  return 6_000_000_000 + index;
}

export function telegramText(fields: Omit<TelegramText, "id">): TelegramText {
  return { ...fields, id: `${fields.chatId}:${fields.messageId}` };
}

export function updateBody(m: TelegramText): string {
  const person = { first_name: "Bench", last_name: m.name };
  return JSON.stringify({
    update_id: m.updateId,
    message: { message_id: m.messageId, from: { id: m.chatId, is_bot: false, ...person, language_code: "pt-br" }, chat: { id: m.chatId, ...person, type: "private" }, date: m.timestamp, text: m.body },
  });
}

export async function postUpdate(url: string, m: TelegramText, secret: string): Promise<number> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
    body: updateBody(m),
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  return res.status;
}
