/**
 * @module Telegram (Bot API) as a channel: updates delivered to our webhook with the
 * secret_token we registered, sendMessage / sendPhoto / sendDocument / sendVoice out,
 * files through getFile. The webhook is registered by the server (connect) when the
 * inbox is created and unregistered when it is deleted. Telegram has no service window:
 * the business may always write, unless the customer blocked the bot (reachability).
 * Each concern lives in its own file beside this one.
 */
import { TelegramCredentials, TelegramSettings } from "../../protocol";
import type { ProviderAdapter } from "../types";
import { connectTelegram, disconnectTelegram, testTelegramConnection } from "./connection";
import { BOT_API_BASE } from "./limits";
import { fetchTelegramMedia } from "./media";
import { parseTelegram } from "./parse";
import { newWebhookSecret, verifyTelegramSecret } from "./secret-token";
import { sendTelegram } from "./send";

export const telegramAdapter: ProviderAdapter<"telegram"> = {
  kind: "telegram",
  webhook: { path: "telegram" },
  // A customer's open conversation in the inbox, or a new one after the reopen window.
  reuse: { mode: "reopen-window" },
  settings: TelegramSettings,
  credentials: TelegramCredentials,
  baseUrl: { env: "TELEGRAM_API_URL", default: BOT_API_BASE },
  verify: (_raw, headers, _url, config) => verifyTelegramSecret(headers, config.credentials.webhookSecret),
  parse: parseTelegram,
  generatedCredentials: () => ({ webhookSecret: newWebhookSecret() }),
  connect: connectTelegram,
  disconnect: disconnectTelegram,
  send: sendTelegram,
  fetchMedia: fetchTelegramMedia,
  testConnection: testTelegramConnection,
};
