/**
 * @module A verified Telegram webhook body (one `Update`) → normalized inbound items.
 *
 * Who the customer is: the private chat's id (which is the user's id), as a string; the
 * name from the chat. A message's provider id is `${chat.id}:${message_id}`: message ids
 * are unique only within a chat (https://core.telegram.org/bots/api#message).
 *
 * Redelivery: Telegram retries an update until we answer 2xx, with the same `update_id`.
 * We do not keep update ids: an update carries one message (or one edit, one membership
 * change), and the message-level provider id dedups it in the room, which is where the
 * write is durable; an edit applied twice and a reachability change seen twice are
 * no-ops there too. So the same update twice stores one thing.
 */
import type { ChannelConfig, ContactRef, InboundItem, ParseResult } from "../types";
import { editedText, inboundParts } from "./inbound-content";
import { UpdateJson, type Chat, type ChatMemberUpdated, type Message } from "./webhook-schema";

/** The provider id of message `messageId` in chat `chatId`. */
export function providerIdOf(chatId: number | string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

/** Only private chats are conversations: in a group the bot sees many people (and, in
 * privacy mode, only what is addressed to it), which is no one customer's thread; the
 * bot's own channel posts are not customers writing. Their updates are acknowledged and
 * ignored. */
function isPrivate(chat: Chat): boolean {
  return chat.type === "private";
}

function contactOf(chat: Chat): ContactRef {
  const name = [chat.first_name, chat.last_name].filter(Boolean).join(" ") || (chat.username ? `@${chat.username}` : null);
  return { externalId: String(chat.id), name, phone: null };
}

function messageItem(message: Message): InboundItem {
  const quoted = message.reply_to_message;
  return {
    type: "message",
    from: "contact",
    contact: contactOf(message.chat),
    providerAt: message.date,
    providerMessageId: providerIdOf(message.chat.id, message.message_id),
    ...inboundParts(message),
    replyTo: quoted ? providerIdOf(quoted.chat?.id ?? message.chat.id, quoted.message_id) : null,
  };
}

function editItem(message: Message): InboundItem | null {
  const body = editedText(message);
  if (body === null) return null;
  return { type: "edit", contact: contactOf(message.chat), providerAt: message.edit_date ?? message.date, providerMessageId: providerIdOf(message.chat.id, message.message_id), body };
}

/** The customer blocked the bot ("kicked") or started it again ("member"):
 * https://core.telegram.org/bots/api#chatmemberupdated, #chatmember. */
function membershipItem(update: ChatMemberUpdated): InboundItem | null {
  const status = update.new_chat_member.status;
  if (status !== "kicked" && status !== "member") return null;
  return { type: "reachability", contact: contactOf(update.chat), providerAt: update.date, reachable: status === "member", reason: "blocked" };
}

export function parseTelegram(raw: string, _config: ChannelConfig<"telegram">): ParseResult {
  const parsed = UpdateJson.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const { message, edited_message, my_chat_member } = parsed.data;
  let item: InboundItem | null = null;
  if (message && isPrivate(message.chat)) item = messageItem(message);
  else if (edited_message && isPrivate(edited_message.chat)) item = editItem(edited_message);
  else if (my_chat_member && isPrivate(my_chat_member.chat)) item = membershipItem(my_chat_member);
  // Any other update kind (callback queries, channel posts, polls…): acknowledged, ignored.
  return { ok: true, items: item ? [item] : [] };
}
