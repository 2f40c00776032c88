/**
 * @module From verified, parsed provider items to stored events: group the items by
 * customer (in the provider's order), find or create each one's contact and
 * conversation (./threads.ts), copy their files into R2 (./inbound-media.ts), and hand
 * each conversation its items in one `ingest` call, which stores them in one step.
 *
 * The webhook answers 200 only after every call returned, i.e. after the rooms stored
 * everything. Any failure before that (D1, R2, a provider's media download, a room)
 * answers 5xx, and the provider redelivers; what was already stored is deduplicated by
 * provider message id, so a redelivery adds only what is missing.
 */
import type { Db } from "../db/client";
import type { InboxRow } from "../db/inboxes";
import type { Env } from "../env";
import { roomOf } from "../conversation/room-client";
import { optOutOf } from "../db/optout-projection";
import { ApiError } from "../http/api-error";
import { MAX_BODY_CHARS, truncateText, type ConversationSummary } from "../protocol";
import { contactFor, conversationFor, existingConversationFor, planConversation } from "./threads";
import { MediaUnavailable, storeInboundMedia } from "./inbound-media";
import { providerBaseUrl } from "./registry";
import type { ChannelConfig, ContactRef, InboundItem, ProviderAdapter, ProviderContext, RoomInboundItem } from "./types";

export interface IngestSummary {
  conversations: number;
  stored: number;
  duplicates: number;
  /** Items for customers who never wrote here (a receipt for an unknown contact). */
  skipped: number;
}

interface Group {
  contact: ContactRef;
  items: InboundItem[];
}

/** Items grouped by customer, each group and each group's items in the provider's order. */
export function groupByContact(items: InboundItem[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const key = item.contact.externalId;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { contact: { ...item.contact }, items: [] }));
    // The richest description of the customer wins (a status carries only the id).
    group.contact.name ??= item.contact.name ?? null;
    group.contact.phone ??= item.contact.phone ?? null;
    group.items.push(item);
  }
  return [...groups.values()];
}

/** Only messages start conversations; receipts, reactions, edits and unsends follow one. */
function startsConversation(group: Group): boolean {
  return group.items.some((i) => i.type === "message");
}

export async function ingestItems(env: Env, db: Db, inbox: InboxRow, adapter: ProviderAdapter, config: ChannelConfig, items: InboundItem[]): Promise<IngestSummary> {
  const summary: IngestSummary = { conversations: 0, stored: 0, duplicates: 0, skipped: 0 };
  const ctx: ProviderContext = { config, baseUrl: providerBaseUrl(env, adapter), files: env.FILES, fetch: (input, init) => fetch(input, init) };
  const reopenWindowHours = "reopenWindowHours" in config.settings ? config.settings.reopenWindowHours : 24;
  // One customer after another: a delivery is small (Meta batches a few items), and this
  // keeps the order of the whole delivery where it matters, within each conversation.
  for (const group of groupByContact(items)) {
    const now = Date.now();
    const starts = startsConversation(group);
    let conversation = starts ? null : await existingConversationFor(db, inbox, group.contact.externalId);
    if (!starts && !conversation) {
      summary.skipped += group.items.length;
      continue;
    }
    // Files first, before a contact or conversation is created: a file the provider
    // cannot give yet fails the delivery (503, redelivered) with nothing written to D1,
    // not an empty conversation waiting in the console for Meta's retry.
    const plan = conversation ? { id: conversation.id, existing: conversation } : await planConversation(db, inbox, group.contact, adapter.reuse, reopenWindowHours, now);
    const conversationId = plan.id;
    const held = await heldMessages(env, plan.existing, group.items);
    const roomItems: RoomInboundItem[] = [];
    for (const item of group.items) roomItems.push(await toRoomItem(adapter, ctx, conversationId, item, held));
    conversation ??= plan.existing;
    if (!conversation) {
      const contactId = await contactFor(db, inbox, group.contact, now);
      conversation = await conversationFor(db, inbox, contactId, adapter.reuse, reopenWindowHours, now);
      // Only a race (the conversation resolved or made by another delivery meanwhile) makes
      // these differ. Files labelled for the other conversation would not open from this
      // one, so the provider is asked to redeliver, which plans again.
      if (conversation.id !== conversationId && roomItems.some((i) => i.type === "message" && i.attachments.length > 0)) {
        throw new ApiError(503, "unavailable", "The conversation changed while this delivery was stored; redeliver it.");
      }
    }
    // An opt-out outlives its conversation: a new one starts unreachable (the room's
    // reachability state comes only from its events, so it gets one, shown in the
    // timeline like any STOP). D1 is asked only while its row has no events (a new
    // conversation, or one D1 has not caught up with); the room applies the item only
    // if it has stored nothing yet (`standing`, ../conversation/ingest.ts).
    if (conversation.lastSeq === 0) {
      const optOut = await optOutOf(db, conversation.contactId, inbox.id);
      if (optOut) roomItems.unshift({ type: "reachability", reachable: false, reason: optOut.reason, providerAt: optOut.at, standing: true });
    }
    const room = roomOf(env, conversation);
    try {
      const result = await room.ingest({ externalId: group.contact.externalId, name: group.contact.name ?? null }, roomItems);
      summary.conversations++;
      summary.stored += result.stored;
      summary.duplicates += result.duplicates;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      console.warn(JSON.stringify({ msg: "room ingest failed", conversationId: conversation.id, error: String(err).slice(0, 300) }));
      throw new ApiError(503, "unavailable", "The conversation could not store this delivery; it is safe to redeliver.");
    }
  }
  return summary;
}

/** The provider ids, among `items`' messages with files, that the conversation already
 * stored: Meta and WhatsApp redeliver a whole delivery after any failure or a slow answer,
 * and copying those files again would re-download them (failing the redelivery while the
 * provider is down, although nothing is missing) and leave each copy in R2 with no
 * message pointing at it (the room drops the message as a duplicate). The room is asked,
 * not D1, which trails it; a conversation not made yet holds nothing. If the room cannot
 * say, nothing is skipped: the copy is waste, never loss. */
async function heldMessages(env: Env, conversation: ConversationSummary | null, items: InboundItem[]): Promise<Set<string>> {
  const ids = items.flatMap((i) => (i.type === "message" && i.media.length > 0 ? [i.providerMessageId] : []));
  if (ids.length === 0 || !conversation) return new Set();
  return new Set(await roomOf(env, conversation).heldProviderIds(ids).catch(() => []));
}

/** A message's files copied into R2; other items pass as they are. A file that can never
 * be had (too large, gone) leaves a line in the body instead of failing the delivery
 * forever; one that may come later (the provider is down) fails it, to be redelivered.
 * A message already stored (`held`) is passed without its files: the room drops it. */
async function toRoomItem(adapter: ProviderAdapter, ctx: ProviderContext, conversationId: string, item: InboundItem, held: Set<string>): Promise<RoomInboundItem> {
  if (item.type !== "message") {
    const { contact: _c, ...rest } = item;
    return rest;
  }
  const { contact, media: allMedia, ...rest } = item;
  const media = held.has(item.providerMessageId) ? [] : allMedia;
  const attachments = [];
  const missing: string[] = [];
  for (const m of media) {
    try {
      attachments.push(await storeInboundMedia(adapter, ctx, conversationId, m));
    } catch (err) {
      if (!(err instanceof MediaUnavailable)) throw err;
      if (err.retry) throw new ApiError(503, "unavailable", "A file of this delivery could not be fetched from the provider yet; redeliver later.");
      missing.push(`[${m.kind} not kept: ${err.message}]`);
    }
  }
  const body = truncateText([rest.body, ...missing].filter(Boolean).join("\n"), MAX_BODY_CHARS);
  // An echo's sender is the business, not the customer the delivery is about.
  return { ...rest, body, attachments, senderName: rest.from === "contact" ? (contact.name ?? null) : null };
}
