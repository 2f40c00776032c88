/**
 * @module A verified Cloud API webhook body → normalized inbound items, in the provider's
 * order (entry → change → messages, echoes, statuses; each array in its own order).
 *
 * Who the customer is: their wa_id (phone number) when WhatsApp gives it, else their
 * business-scoped user id; the name from their profile, the phone only when known.
 * Changes for another phone number of the same WhatsApp Business Account are skipped:
 * Meta sends one app's webhooks to one URL, and they belong to another inbox.
 */
import type { ChannelConfig, ContactRef, InboundItem, InboundStatus, ParseResult } from "../types";
import { bodyText, errorText, inboundParts } from "./inbound-content";
import { WebhookJson, type ChangeValue, type WebhookContact, type WebhookEcho, type WebhookMessage, type WebhookStatus } from "./webhook-schema";

/** Receipt states we map (…/webhooks/reference/messages/status); others (e.g. "played"
 * for voice notes) say nothing our delivery state holds. */
const STATUSES = new Set(["sent", "delivered", "read", "failed"]);

function contactOf(contacts: WebhookContact[] | undefined, waId: string | undefined, userId: string | undefined): ContactRef {
  const known = contacts?.find((c) => (waId !== undefined && c.wa_id === waId) || (userId !== undefined && c.user_id === userId));
  const phone = waId ?? known?.wa_id;
  const externalId = phone ?? userId ?? known?.user_id;
  // The schema makes sure a message names its sender one way or the other.
  return { externalId: externalId!, name: known?.profile?.name ?? known?.profile?.username ?? null, phone: phone ? `+${phone}` : null };
}

/** One message (a customer's, or the business's own from its app) as an item, or null. */
function messageItem(message: WebhookMessage | WebhookEcho, contact: ContactRef, from: "contact" | "business"): InboundItem | null {
  const base = { contact, providerAt: message.timestamp };
  switch (message.type) {
    case "reaction":
      // An empty emoji is the reaction taken away.
      return { type: "reaction", ...base, providerMessageId: message.reaction!.message_id, emoji: message.reaction!.emoji || null };
    case "edit": {
      const edited = message.edit!.message;
      const body = edited.text?.body ?? edited.image?.caption ?? edited.video?.caption ?? edited.document?.caption ?? "";
      return { type: "edit", ...base, providerMessageId: message.edit!.original_message_id, body: bodyText(body) };
    }
    case "revoke":
      return { type: "unsend", ...base, providerMessageId: message.revoke!.original_message_id };
  }
  const parts = inboundParts(message);
  if (!parts) return null;
  const replyTo = "context" in message ? (message.context?.id ?? null) : null;
  return { type: "message", from, ...base, providerMessageId: message.id, ...parts, replyTo };
}

function statusItem(status: WebhookStatus): InboundStatus | null {
  if (!STATUSES.has(status.status)) return null;
  return {
    type: "status",
    contact: { externalId: (status.recipient_id ?? status.recipient_user_id)!, phone: status.recipient_id ? `+${status.recipient_id}` : null },
    providerAt: status.timestamp,
    providerMessageId: status.id,
    status: status.status as InboundStatus["status"],
    error: status.status === "failed" ? errorText(status.errors?.[0]) : null,
    ourMessageId: status.biz_opaque_callback_data ?? null,
  };
}

function changeItems(value: ChangeValue): InboundItem[] {
  const items: InboundItem[] = [];
  for (const message of value.messages ?? []) {
    const item = messageItem(message, contactOf(value.contacts, message.from, message.from_user_id), "contact");
    if (item) items.push(item);
  }
  for (const echo of value.message_echoes ?? []) {
    const item = messageItem(echo, contactOf(value.contacts, echo.to, echo.to_user_id), "business");
    if (item) items.push(item);
  }
  for (const status of value.statuses ?? []) {
    const item = statusItem(status);
    if (item) items.push(item);
  }
  return items;
}

export function parseWhatsapp(raw: string, config: ChannelConfig<"whatsapp">): ParseResult {
  const parsed = WebhookJson.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const items: InboundItem[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (!change.value) continue;
      const phoneNumberId = change.value.metadata?.phone_number_id;
      if (phoneNumberId !== undefined && phoneNumberId !== config.settings.phoneNumberId) continue;
      items.push(...changeItems(change.value));
    }
  }
  return { ok: true, items };
}
