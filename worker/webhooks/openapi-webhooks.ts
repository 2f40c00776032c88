/**
 * @module The OpenAPI document's `webhooks` section (OpenAPI 3.1): one entry per event
 * Switchboard sends, with its payload schema (from the protocol) and an example, and the
 * headers every delivery carries.
 */
import { z } from "zod";
import type { OpenAPIHono } from "@hono/zod-openapi";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];
import { WebhookPayloads, type ConversationSummary, type WebhookEventName } from "../protocol";
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER } from "./signature";

const AT = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const conversation: ConversationSummary = {
  id: "c7b8a4e2-2f7e-4c1e-9a59-3f1f4e6d2a10",
  inboxId: "5e0c2a5b-9c1d-4d9e-8e31-0b2f0a7d9c44",
  channel: "whatsapp",
  contactId: "0f4d9b1e-7a55-4b0e-a1c3-6a2e9d8f7b21",
  contactName: "Ana Souza",
  teamId: null,
  assigneeId: null,
  status: "open",
  priority: 0,
  lastSeq: 1,
  lastMessagePreview: "Olá, meu pedido não chegou",
  createdAt: AT,
  lastActivityAt: AT,
  firstResponseAt: null,
  resolvedAt: null,
  snoozedUntil: null,
  callbackAt: null,
  contactPriority: 0,
};
const base = { conversationId: conversation.id, at: AT };
const agent = { type: "agent" as const, id: "a1", name: "Bruno" };
const contact = { id: conversation.contactId, name: "Ana Souza", nameGenerated: false, email: "ana@example.com", phone: "+5511999990000", attributes: { plan: "gold" }, tagIds: [], createdAt: AT, priority: 0, effectivePriority: 0 };

const envelope = (event: WebhookEventName) => ({ id: "whd_3f1c0a9e7b2d4c6e8f0a1b2c3d4e5f60", event, createdAt: AT });

const EXAMPLES: Record<WebhookEventName, unknown> = {
  "conversation.created": { ...envelope("conversation.created"), conversation },
  "conversation.status_changed": { ...envelope("conversation.status_changed"), conversation: { ...conversation, status: "resolved", lastSeq: 7 }, change: { ...base, seq: 7, id: "e7", actor: agent, type: "status", from: "open", to: "resolved", snoozedUntil: null } },
  "conversation.assigned": { ...envelope("conversation.assigned"), conversation: { ...conversation, assigneeId: "a1", lastSeq: 2 }, assignment: { ...base, seq: 2, id: "e2", actor: agent, type: "assignment", assigneeId: "a1", assigneeName: "Bruno", teamId: null } },
  "message.created": {
    ...envelope("message.created"),
    conversation,
    direction: "incoming",
    message: { ...base, seq: 1, id: "e1", actor: { type: "contact", id: conversation.contactId, name: "Ana Souza" }, type: "message", kind: "text", body: "Olá, meu pedido não chegou", clientId: null, providerMessageId: "wamid.HBgL", delivery: null },
  },
  "message.delivery_changed": { ...envelope("message.delivery_changed"), conversation, delivery: { ...base, seq: 4, id: "e4", actor: { type: "system", id: null }, type: "delivery", messageSeq: 3, status: "read", error: null, providerMessageId: "wamid.HBgM" } },
  "csat.received": { ...envelope("csat.received"), conversation: { ...conversation, status: "resolved" }, csat: { ...base, seq: 8, id: "e8", actor: { type: "contact", id: conversation.contactId, name: "Ana Souza" }, type: "csat", rating: 5, comment: "Muito obrigada!" } },
  "contact.created": { ...envelope("contact.created"), contact },
  "contact.updated": { ...envelope("contact.updated"), contact: { ...contact, attributes: { plan: "platinum" } } },
};

const DESCRIPTIONS: Record<WebhookEventName, string> = {
  "conversation.created": "A conversation started (sent before its first event).",
  "conversation.status_changed": "A conversation moved between bot, open, snoozed and resolved.",
  "conversation.assigned": "A conversation got an agent or a team, or lost one.",
  "message.created": "A message was stored: from the customer (incoming), to the customer (outgoing), or a private note (only to endpoints with includeNotes).",
  "message.delivery_changed": "An outgoing message was sent, delivered, read, or failed.",
  "csat.received": "The customer rated the conversation.",
  "contact.created": "A contact was created.",
  "contact.updated": "A contact's details changed.",
};

const headers = z.object({
  [SIGNATURE_HEADER]: z.string().openapi({ description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the endpoint secret>' }),
  [DELIVERY_ID_HEADER]: z.string().openapi({ description: "The delivery id (also the body's `id`), the same on every retry: deduplicate on it." }),
  [EVENT_HEADER]: z.string().openapi({ description: "The event name." }),
});

export function registerWebhookDocs(registry: OpenAPIRegistry): void {
  for (const [event, schema] of Object.entries(WebhookPayloads) as Array<[WebhookEventName, z.ZodType]>) {
    registry.registerWebhook({
      method: "post",
      path: event,
      summary: DESCRIPTIONS[event],
      description: `${DESCRIPTIONS[event]} Signed; delivered at least once, in seq order per conversation; retried with backoff for 24 hours. Answer 2xx within 10 seconds.`,
      request: { headers, body: { content: { "application/json": { schema, example: EXAMPLES[event] } }, required: true } },
      responses: { 200: { description: "Any 2xx acknowledges the delivery; anything else (or a redirect, or no answer in 10 s) is retried." } },
    });
  }
}
