/**
 * @module A verified Messenger or Instagram webhook body → normalized inbound items, in
 * the provider's order (entry by entry, each `messaging[]` in its own order).
 *
 * Who the customer is: the sender of what they do (messages, reactions, postbacks,
 * edits, receipts), the recipient of an echo (the business wrote to them). Their id is
 * the page-scoped (PSID) or Instagram-scoped (IGSID) id; the webhook carries no name.
 *
 * Skipped, yet acknowledged: a body for the other product (`object`), entries for another
 * page or account (Meta sends one app's webhooks to one URL, so they belong to another
 * inbox), and items we do not handle (optins, referrals, handovers, standby…).
 */
import type { ContactRef, InboundItem, ParseResult } from "../types";
import { bodyText, messageParts, postbackParts } from "./inbound-content";
import { WebhookJson, type MessagingItem } from "./webhook-schema";

export interface PlatformScope {
  /** `page` for Messenger, `instagram` for Instagram Direct. */
  object: "page" | "instagram";
  /** The page id (Messenger) or Instagram professional account id: `entry[].id`, and the
   * sender of every echo. */
  businessId: string;
  /** Our app's id: an echo that carries it is a send of ours. */
  appId: string;
}

function contact(externalId: string): ContactRef {
  return { externalId, name: null };
}

/** A message or echo as an item: an unsend when Instagram says it was deleted. */
function messageItem(item: MessagingItem, scope: PlatformScope): InboundItem | null {
  const message = item.message!;
  const echo = message.is_echo === true;
  const customer = echo ? item.recipient?.id : item.sender?.id;
  // Someone known only by a plugin's user_ref has no thread to file this in yet; and the
  // business is never its own customer.
  if (customer === undefined || customer === scope.businessId) return null;
  const base = { contact: contact(customer), providerAt: item.timestamp! };
  if (message.is_deleted) return { type: "unsend", ...base, providerMessageId: message.mid };
  const { body, media, content, replyTo } = messageParts(message);
  // Only an echo from our own app may name one of our messages: another app's metadata
  // means nothing here, and trusting it would let that app hide its messages from agents.
  const ours = echo && message.app_id !== undefined && String(message.app_id) === scope.appId;
  // Our own send without our metadata (Instagram's send takes none): the room stored it
  // before sending and learns its mid from the send's answer, so the echo adds nothing.
  if (ours && !message.metadata) return null;
  return {
    type: "message",
    from: echo ? "business" : "contact",
    ...base,
    providerMessageId: message.mid,
    body,
    media,
    ...(content ? { content } : {}),
    replyTo,
    ourMessageId: ours ? (message.metadata ?? null) : null,
  };
}

/** Everything one messaging item says, in order (a delivery may name several messages). */
function itemsOf(item: MessagingItem, scope: PlatformScope): InboundItem[] {
  if (item.message) {
    const one = messageItem(item, scope);
    return one ? [one] : [];
  }
  const sender = item.sender?.id;
  if (sender === undefined || sender === scope.businessId) return [];
  const base = { contact: contact(sender), providerAt: item.timestamp! };
  if (item.message_edit) return [{ type: "edit", ...base, providerMessageId: item.message_edit.mid, body: bodyText(item.message_edit.text) }];
  if (item.reaction) {
    const { mid, action, emoji } = item.reaction;
    return [{ type: "reaction", ...base, providerMessageId: mid, emoji: action === "react" ? emoji || null : null }];
  }
  if (item.postback) {
    const { mid, title, payload } = item.postback;
    // Postbacks before Graph v11 carry no mid; the sender and time then name the tap, the
    // same on every redelivery, so it is still stored once.
    const providerMessageId = mid ?? `postback:${sender}:${base.providerAt}`;
    return [{ type: "message", from: "contact", ...base, providerMessageId, ...postbackParts(title, payload), ourMessageId: null }];
  }
  if (item.delivery) {
    // Per-message receipts when Meta lists the messages, then the watermark that covers
    // them and every earlier one (…/webhook-events/message-deliveries).
    const statuses: InboundItem[] = (item.delivery.mids ?? []).map((mid) => ({ type: "status", ...base, providerMessageId: mid, status: "delivered" }));
    return [...statuses, { type: "watermark", ...base, providerAt: item.delivery.watermark, status: "delivered" }];
  }
  if (item.read) {
    // Messenger: everything up to the watermark was read. Instagram's messaging_seen
    // names the message seen instead; whoever saw it saw the thread up to that moment,
    // so our earlier messages are read too: a watermark at the time of the receipt.
    const { watermark, mid } = item.read;
    if (watermark !== undefined) return [{ type: "watermark", ...base, providerAt: watermark, status: "read" }];
    return [
      { type: "status", ...base, providerMessageId: mid!, status: "read" },
      { type: "watermark", ...base, status: "read" },
    ];
  }
  return [];
}

export function parseMetaPlatform(raw: string, scope: PlatformScope): ParseResult {
  const parsed = WebhookJson.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  if (parsed.data.object !== scope.object) return { ok: true, items: [] };
  const items: InboundItem[] = [];
  for (const entry of parsed.data.entry) {
    if (entry.id !== scope.businessId) continue;
    for (const item of entry.messaging ?? []) items.push(...itemsOf(item, scope));
  }
  return { ok: true, items };
}
