/**
 * @module Conversation events: everything a ConversationRoom stores, each with its `seq`.
 * One shape goes to sockets, to the D1 projection and (later) to outbound webhooks.
 */
import { z } from "zod";
import { MAX_BODY_CHARS, MAX_CSAT_COMMENT_CHARS } from "./limits";

export const ConversationStatus = z.enum(["bot", "open", "resolved", "snoozed"]);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const ParticipantType = z.enum(["contact", "agent", "bot", "system"]);
export type ParticipantType = z.infer<typeof ParticipantType>;

/** Who caused an event. `name` is a display snapshot taken when the event was stored. */
export const Actor = z.object({
  type: ParticipantType,
  id: z.string().nullable(),
  name: z.string().nullable().optional(),
});
export type Actor = z.infer<typeof Actor>;

export const MessageKind = z.enum(["text", "attachment", "note"]);
export type MessageKind = z.infer<typeof MessageKind>;

export const DeliveryStatus = z.enum(["pending", "sent", "delivered", "read", "failed"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** A stored file (R2) as messages reference it. Download: `/api/v1/files/{id}` (agents)
 * or `/api/v1/widget/files/{id}?token=` (the visitor whose conversation it is in). */
export const Attachment = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof Attachment>;

const base = {
  seq: z.number().int().positive(),
  id: z.string(),
  conversationId: z.string(),
  at: z.number().int(), // epoch milliseconds
  actor: Actor,
};

export const MessageEvent = z.object({
  ...base,
  type: z.literal("message"),
  kind: MessageKind,
  body: z.string().max(MAX_BODY_CHARS),
  clientId: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  delivery: DeliveryStatus.nullable(),
  /** Why delivery failed, in the provider's words, when `delivery` is `failed`. */
  deliveryError: z.string().max(500).nullable().optional(),
  attachments: z.array(Attachment).optional(),
});
export type MessageEvent = z.infer<typeof MessageEvent>;

export const StatusEvent = z.object({
  ...base,
  type: z.literal("status"),
  from: ConversationStatus,
  to: ConversationStatus,
  /** Set when `to` is `snoozed`: the conversation opens again at this time. */
  snoozedUntil: z.number().int().nullable(),
});
export type StatusEvent = z.infer<typeof StatusEvent>;

export const AssignmentEvent = z.object({
  ...base,
  type: z.literal("assignment"),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.string().nullable(),
});
export type AssignmentEvent = z.infer<typeof AssignmentEvent>;

/** The customer's satisfaction rating, asked for when an agent resolves. */
export const CsatEvent = z.object({
  ...base,
  type: z.literal("csat"),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(MAX_CSAT_COMMENT_CHARS),
});
export type CsatEvent = z.infer<typeof CsatEvent>;

export const ConversationEvent = z.discriminatedUnion("type", [MessageEvent, StatusEvent, AssignmentEvent, CsatEvent]);
export type ConversationEvent = z.infer<typeof ConversationEvent>;
export type EventType = ConversationEvent["type"];

/** Events a customer may see: private notes never leave the agents' side. */
export function isVisibleToContact(event: ConversationEvent): boolean {
  return !(event.type === "message" && event.kind === "note");
}
