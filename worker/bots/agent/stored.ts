/**
 * @module The agent bot as D1 keeps it (inboxes.agent_bot, JSON), read back through the
 * protocol's schema so a row of an older shape is "no bot", never a crash; and the name
 * of the outbox (a WebhookOutbox of its own) that carries an inbox's bot calls.
 */
import { AgentBot } from "../../protocol";

export function storedAgentBot(value: unknown): AgentBot | null {
  const parsed = AgentBot.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Whether new (and reopened) conversations of the inbox go to its agent bot. */
export function agentBotOn(value: unknown): boolean {
  return storedAgentBot(value)?.enabled === true;
}

const PREFIX = "agent-bot:";

/** The WebhookOutbox name (and its endpoint id) for an inbox's agent bot. Webhook
 * endpoint ids are generated ids without a colon, so the two never meet. */
export const agentBotOutboxName = (inboxId: string): string => `${PREFIX}${inboxId}`;

/** The inbox whose agent bot an outbox name belongs to, or null (a webhook endpoint). */
export function inboxOfOutbox(name: string): string | null {
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : null;
}
