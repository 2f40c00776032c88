/**
 * @module Listener: outbound webhooks. After the D1 commit, turns the batch's events into
 * webhook events for each enabled endpoint that wants them (worker/webhooks/batch-events.ts)
 * and hands each endpoint its share, in one RPC, to that endpoint's WebhookOutbox, which
 * stores them durably before it answers and delivers from there. Idempotent: the outbox
 * drops what it already holds by (conversation, seq, event).
 *
 * Committed stage: the batch leaves the Projector's buffer only once every outbox has
 * stored its share, so a crash between the D1 commit and the handoff retries the batch
 * instead of losing its webhooks (at least once, as issue 15 asks). The cost: the live
 * list waits for the handoff, an RPC per endpoint into a local SQLite write, not the
 * sending, which happens later from each outbox's alarm (a dead endpoint costs nothing
 * here). Retried batches are harmless: the outbox drops what it holds by (conversation,
 * seq, event).
 */
import { database } from "../../db/client";
import { findConversations } from "../../db/conversations";
import { enabledEndpoints, enabledEndpointsRead, eventsOf, type EndpointRow } from "../../db/webhooks";
import { deliveriesFor } from "../../webhooks/batch-events";
import { contactCreatedDelivery, contactsFirstSeen } from "../../webhooks/new-contacts";
import type { ConversationSummary } from "../../protocol";
import { summaryOf } from "../../conversation/commands";
import type { PipelineListener } from "../types";

const RETRIES = 3;

const NAME = "outbound-webhooks";

export const outboundWebhooks: PipelineListener = {
  name: NAME,
  stage: "committed",
  // The enabled endpoints: read inside the projection's batch.
  reads: (_batch, db) => [enabledEndpointsRead(db)],
  async handle(batch, env) {
    const db = database(env.DB);
    const read = batch.read?.get(NAME);
    const endpoints = read ? (read[0] as EndpointRow[]) : await enabledEndpoints(db);
    if (endpoints.length === 0) return;
    const rows = batch.projected ?? (await findConversations(db, batch.conversations.map((c) => c.state.id)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const newContacts = endpoints.some((e) => eventsOf(e).includes("contact.created")) ? await contactsFirstSeen(db, batch.conversations, byId) : [];
    await Promise.all(
      endpoints.map(async (endpoint) => {
        const sub = { events: eventsOf(endpoint), includeNotes: endpoint.includeNotes, since: endpoint.createdAt };
        const items = [
          ...(sub.events.includes("contact.created") ? newContacts.filter((c) => c.startedAt >= sub.since).map((c) => contactCreatedDelivery(c.contact)) : []),
          ...batch.conversations.flatMap((room) => deliveriesFor(sub, room, byId.get(room.state.id) ?? fromState(room.state))),
        ];
        if (items.length === 0) return;
        for (let attempt = 1; ; attempt++) {
          try {
            await env.WEBHOOK_OUTBOX.getByName(endpoint.id).enqueue(endpoint.id, items);
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

/** The list row from the room's own state, when D1's could not be read. */
function fromState(state: Parameters<typeof summaryOf>[0]): ConversationSummary {
  return { ...summaryOf(state), contactName: null, contactPriority: 0 };
}
