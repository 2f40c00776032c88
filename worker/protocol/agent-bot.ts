/**
 * @module Shapes of an inbox's agent bot: an external service that answers customers
 * while a conversation is `bot`. Switchboard POSTs each customer message to its URL
 * (signed like every outbound call, worker/webhooks/signature.ts); the bot answers through
 * the REST API with an API token.
 */
import { z } from "zod";
import { MessageEvent } from "./events";
import { ConversationSummary } from "./summary";
import { UserName, UserText } from "./text";
import { MAX_HANDOFF_WORDS, MAX_HANDOFF_WORD_CHARS, MAX_MENU_BOT_NAME_CHARS, MAX_MENU_TEXT_CHARS } from "./bots";
import { MAX_WEBHOOK_URL_CHARS } from "./webhooks";

/** The event name the bot's calls carry (`Switchboard-Event` and the payload's `event`). */
export const AGENT_BOT_MESSAGE_EVENT = "agent_bot.message";

/** An inbox's agent bot, as an admin saves it. */
export const AgentBot = z.strictObject({
  enabled: z.boolean(),
  /** The name its messages carry when Switchboard speaks for it (the handoff text). */
  name: UserName.trim().min(1).max(MAX_MENU_BOT_NAME_CHARS),
  /** Where customer messages are POSTed; the SSRF guard (worker/webhooks/url-guard.ts) decides. */
  url: z.string().trim().min(1).max(MAX_WEBHOOK_URL_CHARS),
  /** Words that ask for a person, as the menu bot's (matched whole, ignoring case and accents). */
  handoffWords: z.array(UserName.trim().min(1).max(MAX_HANDOFF_WORD_CHARS)).max(MAX_HANDOFF_WORDS),
  /** Said (as the bot) when a handoff word hands the conversation to a person; null: nothing. */
  handoffText: UserText.trim().min(1).max(MAX_MENU_TEXT_CHARS).nullable(),
});
export type AgentBot = z.infer<typeof AgentBot>;

/** PUT /api/v1/inboxes/{id}/agent-bot: the bot, and whether to make a new signing secret
 * (the first save always makes one). */
export const SaveAgentBotBody = AgentBot.extend({ rollSecret: z.boolean().optional() });
export type SaveAgentBotBody = z.infer<typeof SaveAgentBotBody>;

/** GET/PUT answer: the bot (null: none saved), and its signing secret only in the answer
 * to the save that made it. */
export const AgentBotAnswer = z.object({ bot: AgentBot.nullable(), secret: z.string().optional() });
export type AgentBotAnswer = z.infer<typeof AgentBotAnswer>;

/** What the bot's URL receives for each customer message: `id` is the delivery id (also
 * `Switchboard-Delivery`, the same on every retry: dedup on it). */
export const AgentBotMessagePayload = z.object({
  id: z.string(),
  event: z.literal(AGENT_BOT_MESSAGE_EVENT),
  createdAt: z.number().int(),
  conversation: ConversationSummary,
  message: MessageEvent,
});
export type AgentBotMessagePayload = z.infer<typeof AgentBotMessagePayload>;
