/**
 * What the Telegram adapter tests share: an inbox configuration as the adapter sees it,
 * a provider context pointed at the test's stand-in Bot API (TELEGRAM_API_URL in
 * vitest.config.ts), and the Bot API's answers (success and error bodies).
 */
import { env } from "cloudflare:workers";
import { providerBaseUrl } from "../../../worker/channels/registry";
import type { ChannelConfig, ProviderContext } from "../../../worker/channels/types";
import { telegramAdapter } from "../../../worker/channels/telegram/adapter";

export const BOT_TOKEN = "7000000001:AAH-test-bot-token_nao-e-real-0123456";
export const WEBHOOK_SECRET = "tg-webhook-secret_0123456789-abcdefghijklmnopq";

/** The base URL the tests' Bot API stand-in answers. */
export const BOT_API = providerBaseUrl(env, telegramAdapter);

/** Paths of the stand-in: `/bot<token>/<method>` and `/file/bot<token>/<path>`. */
export const method = (name: string) => new RegExp(`^/bot[^/]+/${name}$`);
export const FILE_PATH = /^\/file\/bot[^/]+\//;

export function telegramConfig(credentials: Partial<{ botToken: string; webhookSecret: string }> = {}): ChannelConfig<"telegram"> {
  return { inboxId: "inbox-tg-1", kind: "telegram", settings: { reopenWindowHours: 24 }, credentials: { botToken: BOT_TOKEN, webhookSecret: WEBHOOK_SECRET, ...credentials } };
}

export function telegramContext(): ProviderContext<"telegram"> {
  // Through globalThis.fetch at call time, so the provider fake's spy answers.
  return { config: telegramConfig(), baseUrl: BOT_API, files: env.FILES, fetch: (input, init) => fetch(input, init) };
}

/** The Bot API's answer to a send: the Message it sent (https://core.telegram.org/bots/api#message). */
export function sentAnswer(chatId: number, messageId: number) {
  return Response.json({ ok: true, result: { message_id: messageId, chat: { id: chatId, type: "private", first_name: "Joana" }, date: 1796300000, text: "…" } });
}

/** The Bot API's error answer (https://core.telegram.org/bots/api#making-requests). */
export function botError(status: number, description: string, parameters?: Record<string, unknown>, headers: Record<string, string> = {}) {
  return Response.json({ ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) }, { status, headers });
}
