/**
 * @module The providers the channel benchmark drives, each the same way (./channel-webhooks.ts):
 * how its bench inbox is created, how message n of customer c looks, and how one
 * delivery is signed and posted. WhatsApp Cloud API (HMAC-SHA256 of the JSON body; may
 * batch several messages), Telegram (a shared secret in a header; one update per POST)
 * and Twilio SMS (HMAC-SHA1 of the URL and the form parameters; one message per POST);
 * e-mail (./email-deliveries.ts: raw MIME to wrangler's local Email Routing endpoint).
 */
import { api } from "./api.ts";
import { BENCH_BUSINESS_ACCOUNT_ID, BENCH_PHONE_NUMBER_ID, deliveryBody, metaSignature, waId, type TextMessage } from "./whatsapp-deliveries.ts";
import { BENCH_TELEGRAM_SECRET, postUpdate, telegramChatId, telegramText, type TelegramText } from "./telegram-deliveries.ts";
import { emailChannel } from "./email-deliveries.ts";
import { BENCH_TWILIO_ACCOUNT_SID, BENCH_TWILIO_AUTH_TOKEN, BENCH_TWILIO_NUMBER, messageSid, postSms, twilioNumber, type TwilioText } from "./twilio-deliveries.ts";

export const CHANNEL_KEYS = ["whatsapp", "telegram", "twilio", "email"] as const;
export type ChannelKey = (typeof CHANNEL_KEYS)[number];

/** The app secret the WhatsApp bench inbox is created with (and the floor is started with). */
export const BENCH_APP_SECRET = "bench-app-secret-0123456789abcdef";

/** What every provider's message has for the integrity check: the id Switchboard stores
 * it under, its text, and its provider timestamp (Unix seconds; null when the provider
 * sends none and Switchboard dates it on receipt). */
export interface BenchMessage {
  id: string;
  body: string;
  timestamp: number | null;
}

export interface MessageSpec {
  /** The customer's index (one conversation each). */
  customer: number;
  /** A name for the customer. */
  name: string;
  /** Unique within the run and customer: which of their messages this is. */
  tag: string;
  /** Its number among the customer's messages (increasing in sending order). */
  k: number;
  timestamp: number;
  body: string;
}

export interface OpenedInbox {
  inboxId: string;
  /** Posts one delivery carrying `messages` (one, unless the provider batches), each
   * made by the same channel's `message` (so of its provider's own shape). */
  post(messages: BenchMessage[]): Promise<number>;
}

export interface WebhookChannel {
  key: ChannelKey;
  /** As printed: "WhatsApp Cloud API". */
  name: string;
  /** How the request is authenticated, as printed. */
  signing: string;
  /** Whether one delivery may carry several messages (WhatsApp does). */
  batches: boolean;
  /** Threads by reply headers (e-mail): a customer's later messages answer their first,
   * so each burst's first message is sent, and stored, before the rest. */
  threadRoot?: boolean;
  /** The floor's wrangler `--var`s it needs (its secret). */
  floorVars: Record<string, string>;
  message(run: string, spec: MessageSpec): BenchMessage;
  /** Creates the bench inbox (the floor's fake API answers any creation) and answers how
   * to post to it. `webhookSecret` reads the secret Switchboard registered (Telegram). */
  open(baseUrl: string, cookie: string, floor: boolean, webhookSecret: (webhookUrl: string) => string | null): Promise<OpenedInbox>;
}

async function createInbox(baseUrl: string, cookie: string, json: unknown): Promise<string> {
  const created = await api(baseUrl, "/api/v1/inboxes", { cookie, json });
  if (created.status !== 201) throw new Error(`create inbox failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

const stamp = () => new Date().toISOString();

export const whatsappChannel: WebhookChannel = {
  key: "whatsapp",
  name: "WhatsApp Cloud API",
  signing: "X-Hub-Signature-256 (HMAC-SHA256 of the body)",
  batches: true,
  floorVars: { BENCH_APP_SECRET },
  message: (run, s) => ({ from: waId(s.customer), name: s.name, id: `wamid.bench.${run}.${s.tag}.${s.customer}.${s.k}`, timestamp: s.timestamp, body: s.body }),
  async open(baseUrl, cookie) {
    const inboxId = await createInbox(baseUrl, cookie, {
      kind: "whatsapp",
      name: `Bench WhatsApp ${stamp()}`,
      settings: { phoneNumberId: BENCH_PHONE_NUMBER_ID, businessAccountId: BENCH_BUSINESS_ACCOUNT_ID, displayPhone: "+55 11 94000-0000" },
      credentials: { appSecret: BENCH_APP_SECRET, accessToken: "bench-access-token", verifyToken: "bench-verify-token" },
    });
    const url = `${baseUrl}/webhooks/whatsapp/${inboxId}`;
    return {
      inboxId,
      async post(messages) {
        const body = deliveryBody(messages as unknown as TextMessage[]);
        const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Hub-Signature-256": metaSignature(body, BENCH_APP_SECRET) }, body, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        return res.status;
      },
    };
  },
};

/** Telegram's message ids count up per chat; a run's start in seconds keeps a second run
 * against the same server (`--url`) from reusing them. */
const telegramRunBase = (Math.floor(Date.now() / 1000) % 1_000_000) * 1_000;
let telegramUpdateId = telegramRunBase * 1_000;

export const telegramChannel: WebhookChannel = {
  key: "telegram",
  name: "Telegram Bot API",
  signing: "X-Telegram-Bot-Api-Secret-Token (shared secret, constant-time compare)",
  batches: false,
  floorVars: { BENCH_TELEGRAM_SECRET },
  // Each tag's customers are distinct chats, so message ids need only be unique per chat.
  message: (_run, s) => telegramText({ chatId: telegramChatId(s.customer), name: s.name, messageId: telegramRunBase + s.k + 1, updateId: ++telegramUpdateId, timestamp: s.timestamp, body: s.body }),
  async open(baseUrl, cookie, floor, webhookSecret) {
    const inboxId = await createInbox(baseUrl, cookie, { kind: "telegram", name: `Bench Telegram ${stamp()}`, credentials: { botToken: "7000000001:AAbench-token_0123456789abcdefghijk" } });
    const url = `${baseUrl}/webhooks/telegram/${inboxId}`;
    // Switchboard made up the secret and gave it to setWebhook (the stand-in kept it).
    const secret = floor ? BENCH_TELEGRAM_SECRET : webhookSecret(url);
    if (!secret) throw new Error(`no setWebhook reached the stand-in Bot API for ${url}`);
    return { inboxId, post: ([m]) => postUpdate(url, m as TelegramText, secret) };
  },
};

export const twilioChannel: WebhookChannel = {
  key: "twilio",
  name: "Twilio SMS",
  signing: "X-Twilio-Signature (HMAC-SHA1 of the URL and sorted form parameters)",
  batches: false,
  floorVars: { BENCH_TWILIO_AUTH_TOKEN },
  message: (run, s) => ({ from: twilioNumber(s.customer), id: messageSid(`${run}.${s.tag}.${s.customer}.${s.k}`), body: s.body, timestamp: null }),
  async open(baseUrl, cookie) {
    const inboxId = await createInbox(baseUrl, cookie, {
      kind: "sms",
      name: `Bench SMS ${stamp()}`,
      settings: { medium: "sms", from: BENCH_TWILIO_NUMBER },
      credentials: { accountSid: BENCH_TWILIO_ACCOUNT_SID, authToken: BENCH_TWILIO_AUTH_TOKEN },
    });
    // Signed over the URL as called: Switchboard checks against the request's own URL.
    const url = `${baseUrl}/webhooks/twilio/${inboxId}`;
    return { inboxId, post: ([m]) => postSms(url, m as TwilioText, BENCH_TWILIO_AUTH_TOKEN) };
  },
};

export const WEBHOOK_CHANNELS: Record<ChannelKey, WebhookChannel> = { whatsapp: whatsappChannel, telegram: telegramChannel, twilio: twilioChannel, email: emailChannel };
