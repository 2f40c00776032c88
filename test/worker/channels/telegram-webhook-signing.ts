/**
 * How Telegram authenticates its deliveries, for the route table's row of its webhook
 * (route-table.ts, access "signed-webhook"): an inbox with the Telegram kit's credentials,
 * a private text message it accepts, and the inbox's secret_token in
 * X-Telegram-Bot-Api-Secret-Token — a shared secret, not a signature of the body
 * (`coversBody: false`).
 */
import type { InboxRow } from "../../../worker/db/inboxes";
import type { WebhookSigning } from "../webhook-signatures";
import { channelInbox } from "./channel-world";
import { BOT_TOKEN, WEBHOOK_SECRET } from "./telegram-kit";

/** The inbox the route table's Telegram row points at. */
export function telegramWebhookInbox(): Promise<InboxRow> {
  return channelInbox("telegram", { reopenWindowHours: 24 }, { botToken: BOT_TOKEN, webhookSecret: WEBHOOK_SECRET });
}

let updates = 0;

/** A customer's text as Telegram delivers it (https://core.telegram.org/bots/api#update), new each time. */
function delivery() {
  const n = ++updates;
  const chat = { id: 5599000001, first_name: "Tabela", type: "private" };
  const message = { message_id: 1000 + n, from: { id: chat.id, is_bot: false, first_name: "Tabela" }, chat, date: Math.floor(Date.now() / 1000), text: "Olá, tabela de rotas" };
  return { body: JSON.stringify({ update_id: 900000000 + n, message }), contentType: "application/json" };
}

export const TELEGRAM_SIGNING: WebhookSigning = {
  delivery,
  sign: async () => ({ "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET }),
  coversBody: false,
  ok: 200,
};
