/**
 * @module Who a WebhookOutbox sends to: an outbound webhook endpoint (webhook_endpoints),
 * or an inbox's agent bot (inboxes.agent_bot, outbox `agent-bot:<inboxId>`). Both get the
 * same queue, order per conversation, signing and retries; only a webhook endpoint keeps
 * a delivery log in D1 and is switched off after a day of failures (an agent bot's
 * settings are the inbox's, and its calls are not events an admin browses).
 */
import type { Db } from "../db/client";
import { findEndpoint } from "../db/webhooks";
import { findInbox } from "../db/inboxes";
import { inboxOfOutbox, storedAgentBot } from "../bots/agent/stored";
import { openAgentBotSecret } from "../bots/agent/secret";
import { openEndpointSecret } from "./secret";

export interface OutboxTarget {
  id: string;
  url: string;
  enabled: boolean;
  /** Null: it cannot be opened (CREDENTIALS_KEY changed?); nothing is sent. */
  secret: string | null;
  /** A webhook endpoint: log attempts in D1 and disable it after DISABLE_AFTER_MS of failure. */
  isEndpoint: boolean;
}

/** The target named by an outbox's endpoint id, or null when it is gone. */
export async function outboxTarget(env: { CREDENTIALS_KEY?: string }, db: Db, endpointId: string): Promise<OutboxTarget | null> {
  const inboxId = inboxOfOutbox(endpointId);
  if (inboxId !== null) {
    const inbox = await findInbox(db, inboxId);
    const bot = inbox ? storedAgentBot(inbox.agentBot) : null;
    if (!inbox || !bot) return null;
    return { id: endpointId, url: bot.url, enabled: bot.enabled, secret: await openAgentBotSecret(env, inboxId, inbox.agentBotSecret), isEndpoint: false };
  }
  const endpoint = await findEndpoint(db, endpointId);
  if (!endpoint) return null;
  return { id: endpoint.id, url: endpoint.url, enabled: endpoint.enabled, secret: await openEndpointSecret(env, endpoint.id, endpoint.secretSealed), isEndpoint: true };
}
