/**
 * @module Outbound webhooks (issue 15): the events an endpoint may subscribe to, the one
 * payload shape per event (built from the conversation, message and contact shapes
 * above, never restated), and the admin API's endpoint and delivery-log shapes.
 */
import { z } from "zod";
import { AssignmentEvent, CsatEvent, DeliveryEvent, MessageEvent, StatusEvent } from "./events";
import { ConversationSummary } from "./summary";
import { Contact } from "./console";

export const WebhookEventName = z.enum([
  "conversation.created",
  "conversation.status_changed",
  "conversation.assigned",
  "message.created",
  "message.delivery_changed",
  "csat.received",
  "contact.created",
  "contact.updated",
]);
export type WebhookEventName = z.infer<typeof WebhookEventName>;

/** Which way a `message.created` went: from the customer, to the customer, or a private
 * note among agents (sent only to endpoints that opt in with `includeNotes`). */
export const WebhookMessageDirection = z.enum(["incoming", "outgoing", "note"]);
export type WebhookMessageDirection = z.infer<typeof WebhookMessageDirection>;

/** Every payload starts with these: `id` is the delivery id (also the
 * `Switchboard-Delivery` header, the same on every retry: dedup on it), `createdAt` when
 * the event happened (epoch ms). */
const envelope = <E extends WebhookEventName>(event: E) => ({
  id: z.string(),
  event: z.literal(event),
  createdAt: z.number().int(),
});

/** The conversation as its list row stood when the event's batch was projected (so two
 * events of one batch carry the same, newest snapshot; the event itself says what changed). */
const conversation = { conversation: ConversationSummary };

export const WebhookPayloads = {
  "conversation.created": z.object({ ...envelope("conversation.created"), ...conversation }),
  "conversation.status_changed": z.object({ ...envelope("conversation.status_changed"), ...conversation, change: StatusEvent }),
  "conversation.assigned": z.object({ ...envelope("conversation.assigned"), ...conversation, assignment: AssignmentEvent }),
  "message.created": z.object({ ...envelope("message.created"), ...conversation, direction: WebhookMessageDirection, message: MessageEvent }),
  "message.delivery_changed": z.object({ ...envelope("message.delivery_changed"), ...conversation, delivery: DeliveryEvent }),
  "csat.received": z.object({ ...envelope("csat.received"), ...conversation, csat: CsatEvent }),
  "contact.created": z.object({ ...envelope("contact.created"), contact: Contact }),
  "contact.updated": z.object({ ...envelope("contact.updated"), contact: Contact }),
} as const satisfies Record<WebhookEventName, z.ZodType>;

export const WebhookPayload = z.discriminatedUnion("event", Object.values(WebhookPayloads) as unknown as [(typeof WebhookPayloads)["conversation.created"], ...(typeof WebhookPayloads)[WebhookEventName][]]);
export type WebhookPayload = z.infer<typeof WebhookPayload>;
/** A payload before the outbox gives it its delivery id. */
export type WebhookPayloadDraft = WebhookPayload extends infer P ? (P extends { id: string } ? Omit<P, "id"> : never) : never;

// --- endpoints ------------------------------------------------------------------------

/** A receiver's URL: https (http only for localhost in development); the SSRF guard
 * (worker/webhooks/url-guard.ts) decides the rest. 2,048 characters is what browsers and
 * most servers accept in a URL. */
export const MAX_WEBHOOK_URL_CHARS = 2048;
/** Every event a message produces fans out to every endpoint; the number is bounded. */
export const MAX_WEBHOOK_ENDPOINTS = 20;
/** The response excerpt kept per delivery (issue 15's delivery log). */
export const MAX_WEBHOOK_EXCERPT_CHARS = 500;

const WebhookUrl = z.string().trim().min(1).max(MAX_WEBHOOK_URL_CHARS);
const WebhookEvents = z.array(WebhookEventName).min(1).max(WebhookEventName.options.length).refine((e) => new Set(e).size === e.length, "Each event at most once.");

/** Why an endpoint is not sent to: an admin turned it off, or it failed for 24 hours. */
export const WebhookDisabledReason = z.enum(["admin", "failing"]);
export type WebhookDisabledReason = z.infer<typeof WebhookDisabledReason>;

export const WebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(WebhookEventName),
  includeNotes: z.boolean(),
  enabled: z.boolean(),
  status: z.enum(["active", "disabled"]),
  /** Set when `status` is `disabled`. */
  disabledReason: WebhookDisabledReason.nullable(),
  disabledSince: z.number().int().nullable(),
  createdAt: z.number().int(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookEndpointList = z.object({ endpoints: z.array(WebhookEndpoint) });
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

/** The answer to a create or a secret roll: the only time the secret is shown. */
export const WebhookEndpointWithSecret = z.object({ endpoint: WebhookEndpoint, secret: z.string() });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

/** `POST /api/v1/webhooks` (admins). */
export const CreateWebhookBody = z.strictObject({ url: WebhookUrl, events: WebhookEvents, includeNotes: z.boolean().optional() });
export type CreateWebhookBody = z.input<typeof CreateWebhookBody>;

/** `PATCH /api/v1/webhooks/{id}` (admins); `enabled: true` works as `POST …/enable`. */
export const UpdateWebhookBody = z
  .strictObject({ url: WebhookUrl.optional(), events: WebhookEvents.optional(), includeNotes: z.boolean().optional(), enabled: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change.");
export type UpdateWebhookBody = z.input<typeof UpdateWebhookBody>;

// --- the delivery log -----------------------------------------------------------------

/** `pending`: waiting for its (next) attempt; `delivered`: the receiver answered 2xx;
 * `failed`: given up (24 hours of failures while the endpoint kept working otherwise). */
export const WebhookDeliveryStatus = z.enum(["pending", "delivered", "failed"]);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDelivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  event: WebhookEventName,
  conversationId: z.string().nullable(),
  seq: z.number().int().nullable(),
  status: WebhookDeliveryStatus,
  attempts: z.number().int().nonnegative(),
  /** The last answer's HTTP status; null when there was none (timeout, refused, network). */
  lastStatusCode: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  /** The start of the last answer's body, or why there was none; shown as text. */
  responseExcerpt: z.string().max(MAX_WEBHOOK_EXCERPT_CHARS).nullable(),
  nextAttemptAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryPage = z.object({ deliveries: z.array(WebhookDelivery), nextCursor: z.string().nullable() });
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const WebhookDeliveryQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
