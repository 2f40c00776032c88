/**
 * What the Telegram webhook route tests share: a Telegram inbox of its own per test (its
 * own bot token, so its sends go to a Bot API path no other test's room answers on), a
 * fixture delivered to its webhook with the inbox's secret_token, and the customer's
 * conversation and messages as an agent sees them.
 */
import { expect } from "vitest";
import type { InboxRow } from "../../../worker/db/inboxes";
import type { Client } from "../http-client";
import { channelInbox, conversationsOf, eventsOf, messagesIn, post } from "./channel-world";
import { WEBHOOK_SECRET } from "./telegram-kit";

let bots = 0;

export interface TgInbox {
  inbox: InboxRow;
  token: string;
  path: string;
  /** Delivers `body` with the inbox's secret (or `secret`). */
  deliver: (body: string, secret?: string) => ReturnType<typeof post>;
  /** The Bot API path of `method` for this inbox's bot. */
  method: (name: string) => RegExp;
}

export async function tgInbox(): Promise<TgInbox> {
  const token = `7${String(Date.now()).slice(-8)}${++bots}:AAH-route-test-token_${crypto.randomUUID().slice(0, 8)}`;
  const inbox = await channelInbox("telegram", { reopenWindowHours: 24 }, { botToken: token, webhookSecret: WEBHOOK_SECRET });
  const path = `/webhooks/telegram/${inbox.id}`;
  return {
    inbox,
    token,
    path,
    deliver: (body, secret = WEBHOOK_SECRET) => post(path, body, { "X-Telegram-Bot-Api-Secret-Token": secret }),
    method: (name) => new RegExp(`^/bot${token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/${name}$`),
  };
}

/** `fixture` (an Update) with its message's date set to now, so the conversation is fresh. */
export function now(fixture: string, key: "message" | "edited_message" | "my_chat_member" = "message"): string {
  const update = JSON.parse(fixture);
  update[key].date = Math.floor(Date.now() / 1000);
  return JSON.stringify(update);
}

/** The inbox's one conversation (failing the test if it has none or several). */
export async function onlyConversation(inboxId: string) {
  const conversations = await conversationsOf(inboxId);
  expect(conversations, "exactly one conversation").toHaveLength(1);
  return conversations[0]!;
}

export async function messagesOfOnly(agent: Client, inboxId: string) {
  return messagesIn(await eventsOf(agent, (await onlyConversation(inboxId)).id));
}
