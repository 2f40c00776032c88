/**
 * @module Listener: agent bots. After the D1 commit, hands each customer message that is
 * a bot's to answer (worker/bots/agent/deliveries.ts) to that inbox's agent-bot outbox, a
 * WebhookOutbox of its own (`agent-bot:<inboxId>`): it stores them durably before it
 * answers, then delivers them signed, in order per conversation, with retries — the same
 * machinery as outbound webhooks, so the guarantees and their tests are shared.
 *
 * Why the WebhookOutbox rather than the room's channel delivery queue: the bot is not a
 * channel the conversation goes out on but a subscriber to its events, exactly what the
 * outbox already is; one object per bot also keeps a slow bot from holding back the
 * room's own sends. Same trade-off as outbound webhooks for the after-commit stage
 * (the listener retries the handoff itself, RETRIES).
 */
import { inArray } from "drizzle-orm";
import { database } from "../../db/client";
import { inboxes } from "../../db/schema";
import { findConversations } from "../../db/conversations";
import { summaryOf } from "../../conversation/commands";
import { agentBotOn, agentBotOutboxName } from "../../bots/agent/stored";
import { agentBotDeliveries, botMessages } from "../../bots/agent/deliveries";
import type { NewDelivery } from "../../webhooks/outbox-store";
import type { PipelineListener } from "../types";

const RETRIES = 3;

export const agentBots: PipelineListener = {
  name: "agent-bots",
  // Committed, like outbound webhooks: a customer's message must reach the bot even if
  // the Projector dies right after the D1 commit (the outbox dedups a retried batch).
  stage: "committed",
  async handle(batch, env) {
    // Most batches hold no customer message in `bot`: no D1 read for them.
    const candidates = batch.conversations.map((room) => ({ room, messages: botMessages(room) })).filter((c) => c.messages.length > 0);
    if (candidates.length === 0) return;
    const db = database(env.DB);
    const inboxIds = [...new Set(candidates.map((c) => c.room.state.inboxId))];
    const rows = await db.select({ id: inboxes.id, agentBot: inboxes.agentBot }).from(inboxes).where(inArray(inboxes.id, inboxIds));
    const withBot = new Set(rows.filter((r) => agentBotOn(r.agentBot)).map((r) => r.id));
    const mine = candidates.filter((c) => withBot.has(c.room.state.inboxId));
    if (mine.length === 0) return;
    const projected = batch.projected ?? (await findConversations(db, mine.map((c) => c.room.state.id)));
    const byId = new Map(projected.map((r) => [r.id, r]));
    const perInbox = new Map<string, NewDelivery[]>();
    for (const { room, messages } of mine) {
      const summary = byId.get(room.state.id) ?? { ...summaryOf(room.state), contactName: null, contactPriority: 0 };
      const list = perInbox.get(room.state.inboxId) ?? [];
      list.push(...agentBotDeliveries(messages, summary));
      perInbox.set(room.state.inboxId, list);
    }
    await Promise.all(
      [...perInbox].map(async ([inboxId, items]) => {
        const name = agentBotOutboxName(inboxId);
        for (let attempt = 1; ; attempt++) {
          try {
            await env.WEBHOOK_OUTBOX.getByName(name).enqueue(name, items);
            return;
          } catch (err) {
            if (attempt >= RETRIES) throw err;
            await new Promise((r) => setTimeout(r, 100 * attempt));
          }
        }
      }),
    );
  },
};
