/**
 * @module Contact events (`contact.created`, `contact.updated`) come from the routes that
 * write contacts, not from the conversation pipeline: after the D1 write, the route hands
 * each enabled endpoint that wants the event one delivery, in the contact's own lane.
 * Awaited, so the route answers once the outboxes hold it; a failure is logged, never
 * turned into an error for a write that already happened.
 */
import type { Env } from "../env";
import type { Db } from "../db/client";
import { enabledEndpoints, eventsOf } from "../db/webhooks";
import type { Contact } from "../protocol";

export async function publishContactEvent(env: Env, db: Db, event: "contact.created" | "contact.updated", contact: Contact, now = Date.now()): Promise<void> {
  try {
    const endpoints = (await enabledEndpoints(db)).filter((e) => eventsOf(e).includes(event));
    // A contact is created once; each update is its own event.
    const dedupKey = event === "contact.created" ? `contact:${contact.id}:created` : `contact:${contact.id}:updated:${crypto.randomUUID()}`;
    await Promise.all(
      endpoints.map((e) =>
        env.WEBHOOK_OUTBOX.getByName(e.id).enqueue(e.id, [
          { dedupKey, lane: `contact:${contact.id}`, ord: now, event, conversationId: null, seq: null, payload: { event, createdAt: now, contact } },
        ]),
      ),
    );
  } catch (err) {
    console.warn(JSON.stringify({ msg: "contact webhook not queued", event, contact: contact.id, error: String(err) }));
  }
}
