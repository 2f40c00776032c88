/**
 * @module Which customer messages of a pipeline batch go to the inbox's agent bot: a
 * contact's message (not a note) stored while the conversation is the bot's, or the one
 * that brought a resolved conversation back to the bot. A message after which the
 * conversation left the bot in the same batch (a handoff word, the widget's button) is
 * not sent: a person has it now. Keyed by (conversation, seq), so a batch seen twice adds
 * nothing the second time.
 */
import { AGENT_BOT_MESSAGE_EVENT, type ConversationEvent, type ConversationSummary, type MessageEvent } from "../../protocol";
import type { RoomEvents } from "../../pipeline/types";
import type { NewDelivery } from "../../webhooks/outbox-store";

/** The customer messages of `room` that are the bot's to answer, in seq order. */
export function botMessages(room: RoomEvents): MessageEvent[] {
  const { events } = room;
  const out: MessageEvent[] = [];
  events.forEach((e, i) => {
    if (e.type !== "message" || e.actor.type !== "contact" || e.kind === "note") return;
    const k = events.findIndex((n, j) => j > i && n.type === "status");
    const next = k === -1 ? null : (events[k] as Extract<ConversationEvent, { type: "status" }>);
    // No later change in the batch: the batch's final status says whose it is. A status
    // change right after the message is the message reopening the conversation (to the
    // bot, or to the team); any other later change started from the message's status.
    const forBot = next === null ? room.state.status === "bot" : k === i + 1 && next.from !== "bot" ? next.to === "bot" : false;
    if (forBot) out.push(e);
  });
  return out;
}

/** The outbox items for the bot: one per message, in the conversation's lane. */
export function agentBotDeliveries(messages: readonly MessageEvent[], conversation: ConversationSummary): NewDelivery[] {
  return messages.map((m) => ({
    dedupKey: `${conversation.id}:${m.seq}:${AGENT_BOT_MESSAGE_EVENT}`,
    lane: `conversation:${conversation.id}`,
    ord: m.seq,
    event: AGENT_BOT_MESSAGE_EVENT,
    conversationId: conversation.id,
    seq: m.seq,
    payload: { event: AGENT_BOT_MESSAGE_EVENT, createdAt: m.at, conversation, message: m },
  }));
}
