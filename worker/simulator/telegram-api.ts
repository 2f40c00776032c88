/**
 * @module The stand-in Telegram Bot API under `/dev/simulator/telegram/`: what the
 * Telegram adapter calls when TELEGRAM_API_URL points here. Calls are
 * `bot{token}/{method}` (https://core.telegram.org/bots/api#making-requests; method names
 * are case-insensitive) and file downloads `file/bot{token}/{file_path}`
 * (https://core.telegram.org/bots/api#getfile). The token names the bot. The simulated
 * Telegram knows every bot whose token is well-formed — the adapter's `connect` calls
 * getMe and setWebhook with a new inbox's token before the inbox is saved, and a
 * developer may type any made-up token in the console — and answers a malformed one 401
 * "Unauthorized", as Telegram answers a token it does not know. Chats, files and sends
 * belong to a saved Telegram inbox, found by its token compared in constant time; a bot
 * without one has no chats yet. Sends are in telegram-send.ts.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { constantTimeEqual } from "../auth/encoding";
import { database } from "../db/client";
import { telegramAccounts, type TelegramAccount } from "./accounts";
import { serveFile } from "./graph-media";
import { setTelegramWebhook, telegramWebhookOf } from "./provider-state";
import { headMedia } from "./state";
import { botError, botOk, readBotCall } from "./telegram-answers";
import { botSend, mediaIdOfFileId, SEND_METHODS, type SendMethod } from "./telegram-send";
import { BOT_USERNAME } from "./telegram-webhooks";

/** getFile serves files up to 20 MB (https://core.telegram.org/bots/api#getfile). */
const DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** A bot token: the bot's id, a colon, and its secret (35 characters at Telegram; here
 * the 20-200 of base64url's alphabet the inbox form accepts). */
const BOT_TOKEN = /^(\d{1,20}):[A-Za-z0-9_-]{20,200}$/;

interface Bot {
  token: string;
  id: number;
  /** The saved Telegram inbox of this token, or null (a bot not connected yet). */
  account: TelegramAccount | null;
}

/** setWebhook's secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and -
 * (https://core.telegram.org/bots/api#setwebhook). */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

async function botFor(c: Context<AppEnv>, segment: string): Promise<Bot | null> {
  const token = segment.startsWith("bot") ? segment.slice(3) : "";
  const id = BOT_TOKEN.exec(token)?.[1];
  if (!id) return null;
  const encode = (text: string) => new Uint8Array(new TextEncoder().encode(text));
  const given = encode(token);
  let found: TelegramAccount | null = null;
  // Every bot compared, so the time taken says nothing about which token came close.
  for (const account of await telegramAccounts(c.env, database(c.env.DB))) {
    if (constantTimeEqual(given, encode(account.credentials.botToken))) found = account;
  }
  return { token, id: Number(id), account: found };
}

/** Where getFile says a file is: a folder by kind, the file id, an extension. */
function filePathOf(mediaId: string, contentType: string, name: string | null): string {
  const folder = contentType.startsWith("image/") ? "photos" : contentType.startsWith("audio/") ? "voice" : "documents";
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name ?? "")?.[1] ?? contentType.split("/")[1]?.replace(/[^A-Za-z0-9]/g, "") ?? "bin";
  return `${folder}/file_${mediaId}.${extension}`;
}

async function getFile(c: Context<AppEnv>, account: TelegramAccount | null, params: Record<string, unknown>): Promise<Response> {
  const mediaId = typeof params.file_id === "string" ? mediaIdOfFileId(params.file_id) : null;
  const head = mediaId ? await headMedia(c.env.FILES, mediaId) : null;
  if (!mediaId || !head || !account || head.inboxId !== account.inbox.id) return botError(c, 400, "Bad Request: invalid file_id");
  if (head.size > DOWNLOAD_MAX_BYTES) return botError(c, 400, "Bad Request: file is too big");
  return botOk(c, { file_id: params.file_id, file_unique_id: `f${mediaId.slice(-10)}`, file_size: head.size, file_path: filePathOf(mediaId, head.contentType, head.name) });
}

async function setWebhook(c: Context<AppEnv>, bot: Bot, params: Record<string, unknown>): Promise<Response> {
  const url = typeof params.url === "string" ? params.url : "";
  // An empty url removes the webhook, as deleteWebhook does.
  if (url === "") {
    await setTelegramWebhook(c.env.FILES, bot.token, null);
    return botOk(c, true, "Webhook was deleted");
  }
  // Telegram takes HTTPS only; the dev server is plain http on loopback, which the
  // stand-in must accept for the simulator to work at all.
  if (!URL.canParse(url) || !/^(https:|http:\/\/(localhost|127\.0\.0\.1)[:/])/.test(url)) return botError(c, 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
  const secret = params.secret_token;
  if (secret !== undefined && (typeof secret !== "string" || !SECRET_TOKEN.test(secret))) return botError(c, 400, "Bad Request: secret token contains unallowed characters");
  const allowed = Array.isArray(params.allowed_updates) ? params.allowed_updates.filter((u): u is string => typeof u === "string") : null;
  await setTelegramWebhook(c.env.FILES, bot.token, { url, secretToken: (secret as string | undefined) ?? null, allowedUpdates: allowed, lastErrorDate: null, lastErrorMessage: null });
  return botOk(c, true, "Webhook was set");
}

async function webhookInfo(c: Context<AppEnv>, bot: Bot): Promise<Response> {
  const webhook = await telegramWebhookOf(c.env.FILES, bot.token);
  if (!webhook) return botOk(c, { url: "", has_custom_certificate: false, pending_update_count: 0 });
  return botOk(c, {
    url: webhook.url,
    has_custom_certificate: false,
    // The simulator delivers each update at once, so none ever waits.
    pending_update_count: 0,
    max_connections: 40,
    ...(webhook.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
    ...(webhook.lastErrorDate ? { last_error_date: webhook.lastErrorDate, last_error_message: webhook.lastErrorMessage } : {}),
  });
}

async function method(c: Context<AppEnv>): Promise<Response> {
  const bot = await botFor(c, c.req.param("bot") ?? "");
  if (!bot) return botError(c, 401, "Unauthorized");
  const call = await readBotCall(c);
  if (!call) return botError(c, 400, "Bad Request: can't parse request body");
  const name = (c.req.param("method") ?? "").toLowerCase();
  if (name in SEND_METHODS) {
    // A bot no inbox holds has no chats to write to.
    return bot.account ? botSend(c, bot.account, name as SendMethod, call) : botError(c, 400, "Bad Request: chat not found");
  }
  switch (name) {
    case "getme":
      return botOk(c, { id: bot.id, is_bot: true, first_name: bot.account?.inbox.name ?? `Simulated bot ${bot.id}`, username: BOT_USERNAME, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
    case "setwebhook":
      return setWebhook(c, bot, call.params);
    case "deletewebhook":
      await setTelegramWebhook(c.env.FILES, bot.token, null);
      return botOk(c, true, "Webhook was deleted");
    case "getwebhookinfo":
      return webhookInfo(c, bot);
    case "getfile":
      return getFile(c, bot.account, call.params);
    default:
      return botError(c, 404, "Not Found");
  }
}

async function download(c: Context<AppEnv>): Promise<Response> {
  const bot = await botFor(c, c.req.param("bot") ?? "");
  if (!bot) return botError(c, 401, "Unauthorized");
  const mediaId = /\/file_(\d{1,40})\.[A-Za-z0-9]+$/.exec(new URL(c.req.url).pathname)?.[1];
  const head = mediaId ? await headMedia(c.env.FILES, mediaId) : null;
  if (!mediaId || !head || !bot.account || head.inboxId !== bot.account.inbox.id) return botError(c, 404, "Not Found");
  return serveFile(c, mediaId);
}

export const telegramRoutes = new Hono<AppEnv>()
  .get("/dev/simulator/telegram/file/:bot/*", download)
  .on(["GET", "POST"], "/dev/simulator/telegram/:bot/:method", method)
  .all("/dev/simulator/telegram/*", (c) => botError(c, 404, "Not Found"));
