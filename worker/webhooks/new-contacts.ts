/**
 * @module `contact.created` for contacts that channels and the widget create on the way
 * in (ingest, widget sessions, identify: many paths, none a contact route). A contact is
 * announced when its first conversation starts (that conversation's first event passes
 * the pipeline), which is when it becomes someone a receiver can act on; the dedup key
 * `contact:<id>:created` keeps it to once per endpoint.
 */
import { and, asc, gt, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { contactDetail } from "../db/contact-panel";
import { conversations } from "../db/schema";
import type { Contact, ConversationSummary } from "../protocol";
import type { RoomEvents } from "../pipeline/types";
import type { NewDelivery } from "./outbox-store";

/** A contact announced by this batch, and when its first conversation started (an
 * endpoint created after that does not receive it). */
export interface FirstSeen {
  contact: Contact;
  startedAt: number;
}

/** The contacts whose first conversation started in this batch. */
export async function contactsFirstSeen(db: Db, rooms: readonly RoomEvents[], rows: ReadonlyMap<string, ConversationSummary>): Promise<FirstSeen[]> {
  const startedAt = new Map(rooms.flatMap((r) => r.events.filter((e) => e.seq === 1).map((e) => [r.state.id, e.at] as const)));
  const started = rooms.filter((r) => startedAt.has(r.state.id)).map((r) => rows.get(r.state.id) ?? null);
  const candidates = new Map(started.flatMap((row) => (row ? [[row.contactId, row.id] as const] : [])));
  if (candidates.size === 0) return [];
  const firsts = await db
    .select({ contactId: conversations.contactId, id: conversations.id })
    .from(conversations)
    .where(and(inArray(conversations.contactId, [...candidates.keys()]), gt(conversations.lastSeq, 0)))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
  const first = new Map<string, string>();
  for (const f of firsts) if (!first.has(f.contactId)) first.set(f.contactId, f.id);
  const fresh = [...candidates].filter(([contactId, conversationId]) => first.get(contactId) === conversationId);
  const details = await Promise.all(fresh.map(async ([contactId, conversationId]) => ({ detail: await contactDetail(db, contactId), startedAt: startedAt.get(conversationId)! })));
  return details.flatMap(({ detail, startedAt }) => (detail ? [{ contact: detail.contact, startedAt }] : []));
}

export function contactCreatedDelivery(contact: Contact): NewDelivery {
  return {
    dedupKey: `contact:${contact.id}:created`,
    lane: `contact:${contact.id}`,
    ord: contact.createdAt,
    event: "contact.created",
    conversationId: null,
    seq: null,
    payload: { event: "contact.created", createdAt: contact.createdAt, contact },
  };
}
