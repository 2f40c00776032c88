/**
 * @module The Telegram Bot API updates the simulator delivers, in the shape Telegram
 * documents (https://core.telegram.org/bots/api#update): one `Update` per request with
 * its `update_id` and one of `message`, `edited_message` (the same Message with
 * `edit_date`) or `my_chat_member` (ChatMemberUpdated: the user blocked the bot → the
 * bot's `new_chat_member.status` is "kicked", unblocked → "member"). Private chats only:
 * the chat's id is the user's id. Dates are Unix seconds. Delivered as JSON with the
 * `secret_token` given to setWebhook in `X-Telegram-Bot-Api-Secret-Token`
 * (https://core.telegram.org/bots/api#setwebhook) — a shared secret, not a signature.
 */
import type { TelegramAccount } from "./accounts";
import { botIdOf } from "./channel-shapes";
import type { CustomerMessage } from "./customer-message";
import type { TelegramWebhook } from "./provider-state";

const seconds = (ms: number) => Math.floor(ms / 1_000);

/** The bot as Telegram describes it in `from` and in chat member updates (a User). */
export function botUser(account: TelegramAccount) {
  return { id: Number(botIdOf(account.credentials.botToken)), is_bot: true, first_name: account.inbox.name, username: BOT_USERNAME };
}

/** Every simulated bot has this made-up username (`getMe` answers it too). */
export const BOT_USERNAME = "switchboard_simulator_bot";

export interface TelegramCustomer {
  /** The user's id, which is also their private chat's id. */
  id: string;
  name: string;
}

function names(customer: TelegramCustomer) {
  const [first, ...rest] = (customer.name || `User ${customer.id}`).split(/\s+/);
  return { first_name: first!, ...(rest.length ? { last_name: rest.join(" ") } : {}) };
}

function customerUser(customer: TelegramCustomer) {
  return { id: Number(customer.id), is_bot: false, ...names(customer), language_code: "pt-br" };
}

export function privateChat(customer: TelegramCustomer) {
  return { id: Number(customer.id), ...names(customer), type: "private" };
}

/** A picture as Telegram sends it: several PhotoSize entries, smallest first — a 90 px
 * thumbnail and the original — each with its own file id (getFile resolves both). */
export function photoSizes(mediaId: string, size: number) {
  return [
    { file_id: `thumb_${mediaId}`, file_unique_id: `t${mediaId.slice(-10)}`, file_size: size, width: 90, height: 60 },
    { file_id: `file_${mediaId}`, file_unique_id: `f${mediaId.slice(-10)}`, file_size: size, width: 96, height: 64 },
  ];
}

/** The content part of a customer's Message. */
function contentOf(message: CustomerMessage, imageSize: number): Record<string, unknown> {
  switch (message.type) {
    case "text":
      return { text: message.text };
    case "image":
      return { photo: photoSizes(message.media.id, imageSize), ...(message.caption ? { caption: message.caption } : {}) };
    case "location": {
      const location = { latitude: message.latitude, longitude: message.longitude };
      // A named place is a venue, which Telegram sends with its plain location beside it.
      return message.name ? { venue: { location, title: message.name, address: message.address }, location } : { location };
    }
    case "contact":
      return { contact: { phone_number: message.phone, first_name: message.firstName, ...(message.lastName ? { last_name: message.lastName } : {}) } };
    case "choice":
      throw new Error("Telegram buttons are callback queries, which the simulator does not play");
  }
}

/** The bot message a customer's reply quotes (`reply_to_message`). */
export interface QuotedBotMessage {
  messageId: number;
  at: number;
  text: string;
}

export interface TelegramTurn {
  customer: TelegramCustomer;
  messageId: number;
  at: number;
  message: CustomerMessage;
  imageSize: number;
  replyTo: QuotedBotMessage | null;
}

/** A customer's Message object (https://core.telegram.org/bots/api#message). */
export function telegramMessage(account: TelegramAccount, turn: TelegramTurn): Record<string, unknown> {
  const chat = privateChat(turn.customer);
  return {
    message_id: turn.messageId,
    from: customerUser(turn.customer),
    chat,
    date: seconds(turn.at),
    ...(turn.replyTo
      ? { reply_to_message: { message_id: turn.replyTo.messageId, from: botUser(account), chat, date: seconds(turn.replyTo.at), text: turn.replyTo.text } }
      : {}),
    ...contentOf(turn.message, turn.imageSize),
  };
}

export function messageUpdate(updateId: number, message: Record<string, unknown>) {
  return { update_id: updateId, message };
}

/** The customer edited `message` (its new content already in it) at `editedAt`. */
export function editedMessageUpdate(updateId: number, message: Record<string, unknown>, editedAt: number) {
  return { update_id: updateId, edited_message: { ...message, edit_date: seconds(editedAt) } };
}

/** The customer blocked (`kicked`) or unblocked (`member`) the bot
 * (https://core.telegram.org/bots/api#chatmemberupdated). */
export function chatMemberUpdate(account: TelegramAccount, updateId: number, customer: TelegramCustomer, blocked: boolean, at: number) {
  const bot = botUser(account);
  return {
    update_id: updateId,
    my_chat_member: {
      chat: privateChat(customer),
      from: customerUser(customer),
      date: seconds(at),
      old_chat_member: blocked ? { user: bot, status: "member" } : { user: bot, status: "kicked", until_date: 0 },
      new_chat_member: blocked ? { user: bot, status: "kicked", until_date: 0 } : { user: bot, status: "member" },
    },
  };
}

/** The request Telegram makes to the bot's webhook: where setWebhook said, with its
 * secret; before any setWebhook (an inbox made without the adapter's `connect`), the
 * inbox's webhook path and stored secret, so the simulator still plays. */
export function telegramRequest(origin: string, account: TelegramAccount, webhook: TelegramWebhook | null, update: unknown): { request: Request; raw: string } {
  const raw = JSON.stringify(update);
  const url = webhook?.url ?? `${origin}/webhooks/telegram/${account.inbox.id}`;
  const secret = webhook ? webhook.secretToken : account.credentials.webhookSecret;
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (secret) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
  return { request: new Request(url, { method: "POST", body: raw, headers }), raw };
}
