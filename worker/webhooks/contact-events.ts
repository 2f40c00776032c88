/**
 * @module `contact.updated` comes from the routes that edit contacts (the console's contact
 * panel, the widget's contact details), not from the conversation pipeline: after the D1
 * write, the route hands each enabled endpoint that wants it one delivery, in the
 * contact's own lane. Awaited, so the route answers once the outboxes hold it; a failure
 * is logged, never turned into an error for a write that already happened.
 * (`contact.created` rides on the pipeline: ./new-contacts.ts.)
 */
import type { Env } from "../env";
import type { Db } from "../db/client";
import { contactDetail } from "../db/contact-panel";
import { enabledEndpoints, eventsOf } from "../db/webhooks";
import type { Contact } from "../protocol";

/** `contact` as it is now, or its id (read only when some endpoint wants the event). */
export async function publishContactUpdated(env: Env, db: Db, contact: Contact | string, now = Date.now()): Promise<void> {
  const id = typeof contact === "string" ? contact : contact.id;
  try {
    const endpoints = (await enabledEndpoints(db)).filter((e) => eventsOf(e).includes("contact.updated"));
    if (endpoints.length === 0) return;
    const current = typeof contact === "string" ? (await contactDetail(db, contact))?.contact : contact;
    if (!current) return;
    // Each update is its own event.
    const dedupKey = `contact:${id}:updated:${crypto.randomUUID()}`;
    await Promise.all(
      endpoints.map((e) =>
        env.WEBHOOK_OUTBOX.getByName(e.id).enqueue(e.id, [
          { dedupKey, lane: `contact:${id}`, ord: now, event: "contact.updated", conversationId: null, seq: null, payload: { event: "contact.updated", createdAt: now, contact: current } },
        ]),
      ),
    );
  } catch (err) {
    console.warn(JSON.stringify({ msg: "contact webhook not queued", event: "contact.updated", contact: id, error: String(err) }));
  }
}
