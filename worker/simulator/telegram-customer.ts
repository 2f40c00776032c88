/**
 * @module The simulated Telegram user: writes (text, the sample photo, a location, a
 * contact, a reply to the bot), edits a message they sent, blocks and unblocks the bot.
 * Each becomes an Update (telegram-webhooks.ts) delivered with the webhook's secret, and
 * a bubble (or an edit of one) on the simulated phone with the worker's answer. A
 * delivery the worker refused is kept as the webhook's last error, as Telegram shows it
 * in getWebhookInfo.
 */
import { ApiError } from "../http/api-error";
import type { SimulatorBlockBody, SimulatorEditBody, SimulatorSendBody, SimulatorThreadItem, SimulatorWebhookResult } from "../protocol/simulator";
import type { TelegramAccount } from "./accounts";
import { summaryOf, type CustomerMessage } from "./customer-message";
import { deliverRequest } from "./deliver";
import type { Delivery } from "./customer";
import { customerReach, nextMessageId, nextUpdateId, setCustomerReach, setTelegramWebhook, telegramWebhookOf } from "./provider-state";
import { SAMPLE_IMAGE_NAME } from "./sample-image";
import { newItemId, readItem, readThread, saveItem } from "./state";
import { chatMemberUpdate, editedMessageUpdate, messageUpdate, telegramMessage, telegramRequest, type QuotedBotMessage, type TelegramCustomer } from "./telegram-webhooks";

/** Telegram user ids are positive integers (at most 52 significant bits:
 * https://core.telegram.org/bots/api#user). */
const USER_ID = /^[1-9]\d{0,14}$/;

export function checkTelegramCustomer(id: string): void {
  if (!USER_ID.test(id)) throw new ApiError(400, "validation_failed", "A Telegram customer's id is their numeric user id.", [{ path: ["customer", "id"], message: "digits only (Telegram user id)" }]);
}

/** The message id within the chat, from our provider id `{chat}:{message}` (the adapter's
 * dedup key: message ids are unique per chat only). */
export function telegramProviderId(chatId: string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

function messageIdOf(providerId: string): number | null {
  const id = Number(providerId.slice(providerId.indexOf(":") + 1));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

async function deliver(d: Delivery, account: TelegramAccount, update: unknown): Promise<{ result: SimulatorWebhookResult; raw: string }> {
  const webhook = await telegramWebhookOf(d.env.FILES, account.credentials.botToken);
  const { request, raw } = telegramRequest(d.origin, account, webhook, update);
  const result = await deliverRequest(d.appFetch, d.env, d.ctx, request);
  if (webhook && (result.status < 200 || result.status > 299)) {
    await setTelegramWebhook(d.env.FILES, account.credentials.botToken, { ...webhook, lastErrorDate: Math.floor(Date.now() / 1_000), lastErrorMessage: `Wrong response from the webhook: ${result.status}` });
  }
  return { result, raw };
}

/** The bot message the customer quotes, from the phone's thread. */
async function quoted(files: R2Bucket, account: TelegramAccount, customerId: string, providerId: string | null): Promise<QuotedBotMessage | null> {
  if (!providerId) return null;
  const messageId = messageIdOf(providerId);
  const item = (await readThread(files, account.inbox.id, customerId)).find((i) => i.providerMessageId === providerId);
  if (!item || messageId === null) throw new ApiError(404, "message_not_found", "The quoted message is not on this phone.");
  return { messageId, at: item.at, text: item.text };
}

export async function receiveTelegramMessage(d: Delivery, account: TelegramAccount, body: SimulatorSendBody, message: CustomerMessage, imageSize: number): Promise<SimulatorThreadItem> {
  const customer: TelegramCustomer = body.customer;
  const at = Date.now();
  const replyTo = await quoted(d.env.FILES, account, customer.id, body.replyTo);
  const messageId = await nextMessageId(d.env.FILES, account.inbox.id, customer.id);
  const sent = telegramMessage(account, { customer, messageId, at, message, imageSize, replyTo });
  const { result, raw } = await deliver(d, account, messageUpdate(await nextUpdateId(d.env.FILES, account.inbox.id), sent));
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "in",
    at,
    providerMessageId: telegramProviderId(customer.id, messageId),
    text: summaryOf(message),
    media: message.type === "image" ? { url: message.media.url, contentType: message.media.contentType, name: SAMPLE_IMAGE_NAME } : null,
    replyTo: body.replyTo,
    receipt: null,
    webhook: result,
    // Kept whole so an edit can resend the same Message with new text.
    request: raw,
    callbackData: null,
    edited: false,
    event: null,
  };
  await saveItem(d.env.FILES, account.inbox.id, customer.id, item);
  return item;
}

/** The customer edits the text (or caption) of one of their messages. */
export async function editTelegramMessage(d: Delivery, account: TelegramAccount, body: SimulatorEditBody): Promise<SimulatorThreadItem> {
  const item = await readItem(d.env.FILES, account.inbox.id, body.customerId, body.itemId);
  if (!item || item.direction !== "in" || item.event !== null || !item.request) throw new ApiError(404, "message_not_found", "No customer message with that id on this phone.");
  const wire = JSON.parse(item.request) as { message?: Record<string, unknown>; edited_message?: Record<string, unknown> };
  const sent = wire.message ?? wire.edited_message;
  if (!sent || !("text" in sent || "photo" in sent)) throw new ApiError(400, "validation_failed", "Only a text or a photo's caption can be edited.", [{ path: ["itemId"], message: "not a text or photo" }]);
  const at = Date.now();
  const edited = "text" in sent ? { ...sent, text: body.text } : { ...sent, caption: body.text };
  const update = editedMessageUpdate(await nextUpdateId(d.env.FILES, account.inbox.id), edited, at);
  const { result, raw } = await deliver(d, account, update);
  // The edited Message as the update carries it; a further edit starts from it.
  const updated: SimulatorThreadItem = { ...item, text: body.text, edited: true, webhook: result, request: raw };
  await saveItem(d.env.FILES, account.inbox.id, body.customerId, updated);
  return updated;
}

/** The customer blocks or unblocks the bot: a `my_chat_member` update, a note on the
 * phone, and the stand-in Bot API refusing sends (403) while blocked. */
export async function setTelegramBlocked(d: Delivery, account: TelegramAccount, body: SimulatorBlockBody): Promise<SimulatorThreadItem> {
  checkTelegramCustomer(body.customerId);
  const at = Date.now();
  const customer: TelegramCustomer = { id: body.customerId, name: body.name };
  const { result, raw } = await deliver(d, account, chatMemberUpdate(account, await nextUpdateId(d.env.FILES, account.inbox.id), customer, body.blocked, at));
  // Telegram changes the membership whatever the bot's webhook answered.
  if ((await customerReach(d.env.FILES, account.inbox.id, body.customerId)) !== (body.blocked ? "blocked" : "reachable")) {
    await setCustomerReach(d.env.FILES, account.inbox.id, body.customerId, body.blocked ? "blocked" : "reachable");
  }
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "in",
    at,
    providerMessageId: "",
    text: "",
    media: null,
    replyTo: null,
    receipt: null,
    webhook: result,
    request: raw,
    callbackData: null,
    edited: false,
    event: body.blocked ? "blocked" : "unblocked",
  };
  await saveItem(d.env.FILES, account.inbox.id, body.customerId, item);
  return item;
}
