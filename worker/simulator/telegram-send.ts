/**
 * @module The stand-in Bot API's sends: sendMessage, sendPhoto, sendDocument, sendVoice
 * (https://core.telegram.org/bots/api#sendmessage and the three after it). Each checks
 * what Telegram checks — a chat the user opened with the bot, not blocked, text or file
 * present, the documented lengths, a quoted message that exists — then keeps the send as
 * a bubble on the simulated phone and answers the sent Message.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { SimulatorThreadItem } from "../protocol/simulator";
import type { TelegramAccount } from "./accounts";
import { providerModeOf } from "./provider-mode";
import { customerReach, nextMessageId } from "./provider-state";
import { headMedia, hasThread, newItemId, putMedia, readThread, saveItem } from "./state";
import { botError, botOk, botUnhealthy, type BotCall } from "./telegram-answers";
import { telegramProviderId } from "./telegram-customer";
import { botUser, photoSizes, privateChat } from "./telegram-webhooks";

/** Message text: 1-4096 characters after entities parsing; captions: 0-1024
 * (https://core.telegram.org/bots/api#sendmessage, #sendphoto). */
const TEXT_MAX = 4_096;
const CAPTION_MAX = 1_024;

export const SEND_METHODS = { sendmessage: null, sendphoto: "photo", senddocument: "document", sendvoice: "voice" } as const;
export type SendMethod = keyof typeof SEND_METHODS;

/** A file our stand-in holds, named by a file id it gave out (`file_…` / `thumb_…`). */
export function mediaIdOfFileId(fileId: string): string | null {
  return /^(?:file|thumb)_(\d{1,40})$/.exec(fileId)?.[1] ?? null;
}

/** The message id `reply_parameters.message_id` (or the older `reply_to_message_id`) names. */
function replyMessageId(params: Record<string, unknown>): number | null {
  const reply = params.reply_parameters;
  const id = reply && typeof reply === "object" ? (reply as { message_id?: unknown }).message_id : params.reply_to_message_id;
  const n = Number(id);
  return id === undefined || id === null || id === "" || !Number.isSafeInteger(n) ? null : n;
}

interface SentFile {
  mediaId: string | null;
  url: string;
  contentType: string;
  name: string | null;
  size: number;
}

/** The file a send carries: uploaded in the call, one of our file ids, or a URL
 * (Telegram downloads those; the phone shows the link). */
async function fileOf(c: Context<AppEnv>, account: TelegramAccount, call: BotCall, field: string): Promise<SentFile | string> {
  const origin = new URL(c.req.url).origin;
  const upload = call.files[field];
  if (upload) {
    const contentType = upload.type || "application/octet-stream";
    const mediaId = await putMedia(c.env.FILES, account.inbox.id, await upload.arrayBuffer(), contentType, upload.name || null);
    return { mediaId, url: `${origin}/dev/simulator/files/${mediaId}`, contentType, name: upload.name || null, size: upload.size };
  }
  const given = call.params[field];
  if (typeof given !== "string" || given === "") return `Bad Request: there is no ${field} in the request`;
  const mediaId = mediaIdOfFileId(given);
  if (mediaId) {
    const head = await headMedia(c.env.FILES, mediaId);
    if (!head || head.inboxId !== account.inbox.id) return "Bad Request: wrong file identifier/HTTP URL specified";
    return { mediaId, url: `${origin}/dev/simulator/files/${mediaId}`, contentType: head.contentType, name: head.name, size: head.size };
  }
  if (/^https?:\/\//i.test(given)) return { mediaId: null, url: given, contentType: field, name: null, size: 0 };
  return "Bad Request: wrong file identifier/HTTP URL specified";
}

/** The file as the sent Message describes it. */
function fileField(field: string, file: SentFile): Record<string, unknown> {
  const id = file.mediaId ?? "0";
  if (field === "photo") return { photo: photoSizes(id, file.size) };
  const described = { file_id: `file_${id}`, file_unique_id: `f${id.slice(-10)}`, file_size: file.size, mime_type: file.contentType };
  return field === "voice" ? { voice: { ...described, duration: 1 } } : { document: { ...described, file_name: file.name ?? "file" } };
}

export async function botSend(c: Context<AppEnv>, account: TelegramAccount, method: SendMethod, call: BotCall): Promise<Response> {
  const files = c.env.FILES;
  const chatId = String(call.params.chat_id ?? "");
  if (!chatId) return botError(c, 400, "Bad Request: chat_id is empty");
  // A bot can write only to users who started a chat with it.
  if (!(await hasThread(files, account.inbox.id, chatId))) return botError(c, 400, "Bad Request: chat not found");
  if ((await customerReach(files, account.inbox.id, chatId)) === "blocked") return botError(c, 403, "Forbidden: bot was blocked by the user");
  const unhealthy = botUnhealthy(c, await providerModeOf(files, account.inbox.id));
  if (unhealthy) return unhealthy;

  const field = SEND_METHODS[method];
  const text = typeof call.params[field ? "caption" : "text"] === "string" ? (call.params[field ? "caption" : "text"] as string) : "";
  if (!field && text.trim() === "") return botError(c, 400, "Bad Request: message text is empty");
  if ([...text].length > (field ? CAPTION_MAX : TEXT_MAX)) return botError(c, 400, field ? "Bad Request: message caption is too long" : "Bad Request: message is too long");
  const replyId = replyMessageId(call.params);
  const replyTo = replyId === null ? null : telegramProviderId(chatId, replyId);
  if (replyTo && !(await readThread(files, account.inbox.id, chatId)).some((i) => i.providerMessageId === replyTo)) {
    return botError(c, 400, "Bad Request: message to be replied not found");
  }
  const file = field ? await fileOf(c, account, call, field) : null;
  if (typeof file === "string") return botError(c, 400, file);

  const at = Date.now();
  const messageId = await nextMessageId(files, account.inbox.id, chatId);
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "out",
    at,
    providerMessageId: telegramProviderId(chatId, messageId),
    text,
    media: file ? { url: file.url, contentType: file.contentType, name: file.name } : null,
    replyTo,
    receipt: null,
    webhook: null,
    request: call.raw,
    callbackData: null,
    edited: false,
    event: null,
  };
  await saveItem(files, account.inbox.id, chatId, item);
  const message = {
    message_id: messageId,
    from: botUser(account),
    chat: privateChat({ id: chatId, name: "" }),
    date: Math.floor(at / 1_000),
    ...(file && field ? fileField(field, file) : {}),
    ...(text ? { [field ? "caption" : "text"]: text } : {}),
  };
  return botOk(c, message);
}
