/**
 * Telegram's webhook secret: the header must equal the inbox's generated secret_token
 * exactly (compared in constant time); anything else — missing, empty, another inbox's,
 * a prefix, a case change — is refused. And the secrets we generate are what Telegram
 * accepts (1-256 of A-Z a-z 0-9 _ -), different each time.
 */
import { describe, expect, it } from "vitest";
import { telegramAdapter } from "../../../worker/channels/telegram/adapter";
import { TelegramWebhookSecret } from "../../../worker/protocol";
import { TG } from "./telegram-fixtures";
import { telegramConfig, WEBHOOK_SECRET } from "./telegram-kit";

const raw = new TextEncoder().encode(TG.teloxideText).buffer as ArrayBuffer;
const url = new URL("https://switchboard.example/webhooks/telegram/inbox-tg-1");
const verify = (headers: Record<string, string>) => telegramAdapter.verify(raw, new Headers(headers), url, telegramConfig());

describe("verify", () => {
  it("accepts the inbox's secret in X-Telegram-Bot-Api-Secret-Token", async () => {
    expect(await verify({ "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET })).toBe(true);
  });

  it.each([
    ["no header", {}],
    ["an empty header", { "X-Telegram-Bot-Api-Secret-Token": "" }],
    ["another secret", { "X-Telegram-Bot-Api-Secret-Token": "another-secret-of-the-same-shape_0123456789abcd" }],
    ["a prefix of the secret", { "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET.slice(0, -1) }],
    ["the secret and more", { "X-Telegram-Bot-Api-Secret-Token": `${WEBHOOK_SECRET}x` }],
    ["the secret in upper case", { "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET.toUpperCase() }],
    ["the secret in another header", { "X-Telegram-Secret": WEBHOOK_SECRET }],
  ])("refuses %s", async (_, headers) => {
    expect(await verify(headers)).toBe(false);
  });

  it("refuses everything for an inbox whose secret is empty", async () => {
    const config = telegramConfig({ webhookSecret: "" });
    expect(await telegramAdapter.verify(raw, new Headers({ "X-Telegram-Bot-Api-Secret-Token": "" }), url, config)).toBe(false);
  });
});

describe("generatedCredentials", () => {
  it("a fresh webhook secret each time, in Telegram's alphabet, long enough to guess never", () => {
    const a = telegramAdapter.generatedCredentials!().webhookSecret!;
    const b = telegramAdapter.generatedCredentials!().webhookSecret!;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(TelegramWebhookSecret.safeParse(a).success).toBe(true);
  });
});
