/**
 * @module Conversation events: everything a ConversationRoom stores, each with its `seq`.
 * One shape goes to sockets, to the D1 projection and (later) to outbound webhooks.
 */
import { z } from "zod";
import { MAX_BODY_CHARS, MAX_CSAT_COMMENT_CHARS } from "./limits";
import { MessageContent } from "./message-content";
import { MAX_MENU_ANSWER_CHARS, MenuField } from "./bots";

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

/** Which way a stored message went: from the customer (`in`), to the customer (`out`),
 * or kept among the agents (`internal`: notes and the room's other events). */
export const MessageDirection = z.enum(["in", "out", "internal"]);
export type MessageDirection = z.infer<typeof MessageDirection>;

/** What a row of the message history holds: a message of one of the MessageKinds, or
 * `event` for everything else the room logs (assignments, status changes…). */
export const HistoryRowKind = z.enum([...MessageKind.options, "event"]);
export type HistoryRowKind = z.infer<typeof HistoryRowKind>;

/** Where an agent's message is on its way to the customer. `pending`: stored, waiting in
 * the room's delivery queue; `sent`: the provider accepted it; `delivered` and `read`:
 * the provider's receipts; `failed`: refused for good, with the provider's reason. */
export const DeliveryStatus = z.enum(["pending", "sent", "delivered", "read", "failed"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** How far along each status is. A receipt only ever moves a message forward (a late
 * `delivered` never undoes `read`); `failed` is final, whatever comes after it. */
export const DELIVERY_RANK: Record<DeliveryStatus, number> = { pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/** Whether `next` may replace `current` as a message's delivery status. */
export function deliveryAdvances(current: DeliveryStatus | null, next: DeliveryStatus): boolean {
  if (current === null) return true;
  if (current === "failed") return false;
  return DELIVERY_RANK[next] > DELIVERY_RANK[current];
}

/** A stored file (R2) as messages reference it. Download: `/api/v1/files/{id}` (agents)
 * or `/api/v1/widget/files/{id}?token=` (the visitor whose conversation it is in). */
export const Attachment = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** An e-mail's inline image: its Content-ID (no angle brackets), which the HTML part
   * references as `cid:` (RFC 2392). */
  contentId: z.string().max(998).optional(),
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
  /** When the provider says the customer sent it (epoch ms), beside `at`, when we stored
   * it. Absent for messages written here (widget, console, API). */
  providerAt: z.number().int().optional(),
  /** The message this one quotes: its seq here when we have it, and the provider's id. */
  replyTo: z.object({ seq: z.number().int().positive().nullable(), providerMessageId: z.string().nullable() }).optional(),
  /** Structured parts beyond text and files (message-content.ts). */
  content: MessageContent.optional(),
  /** A message the company started (issue 16: worker/outbound): the consent purpose it was
   * sent for. The delivery queue checks it again when it sends: a revocation meanwhile
   * stops the send. Absent: a reply, which needs no consent of its own. */
  consentPurposeId: z.string().max(64).optional(),
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

/** Why an assignment happened when no one picked the assignee by hand:
 * - next: the agent pressed Next;
 * - auto: the team's automatic distribution chose the agent;
 * - reopened: a reopened conversation went back to its previous agent, or to the queue
 *   because that agent was offline or full;
 * - offline / deactivated: the agent left, and the unanswered conversation went back to
 *   the queue at its original place;
 * - timeout: the agent did not answer within the team's delay; back to the queue;
 * - callback: a callback was scheduled, so the conversation waits in the queue for it. */
/** `routing`: a routing rule (or the team's business hours) moved a new conversation
 * before its first message was stored (worker/routing). */
export const AssignmentReason = z.enum(["next", "auto", "reopened", "offline", "deactivated", "timeout", "callback", "routing"]);
export type AssignmentReason = z.infer<typeof AssignmentReason>;

export const AssignmentEvent = z.object({
  ...base,
  type: z.literal("assignment"),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.string().nullable(),
  /** Set only when the conversation moved between teams: the team it left (its queue drops
   * the row). Absent on assignments within a team and on events logged before it existed. */
  fromTeamId: z.string().nullable().optional(),
  /** Why the queue moved it (issue 14's audit trail); absent: an agent or admin chose. */
  reason: AssignmentReason.optional(),
});
export type AssignmentEvent = z.infer<typeof AssignmentEvent>;

/** An agent scheduled (or cancelled, `callbackAt: null`) a callback: from 5 minutes
 * before `callbackAt` the conversation heads its team's queue (issue 14, rule 1). */
export const CallbackEvent = z.object({
  ...base,
  type: z.literal("callback"),
  callbackAt: z.number().int().nullable(),
});
export type CallbackEvent = z.infer<typeof CallbackEvent>;

/** The customer's satisfaction rating, asked for when an agent resolves. */
export const CsatEvent = z.object({
  ...base,
  type: z.literal("csat"),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(MAX_CSAT_COMMENT_CHARS),
});
export type CsatEvent = z.infer<typeof CsatEvent>;

/** Whether the business may write to the customer on this channel: Telegram's user
 * blocked (or unblocked) the bot, an SMS customer sent STOP (or START). While the
 * customer is unreachable, agents' replies are refused with the reason. */
export const ReachabilityReason = z.enum(["blocked", "opted_out"]);
export type ReachabilityReason = z.infer<typeof ReachabilityReason>;
export const ReachabilityEvent = z.object({
  ...base,
  type: z.literal("reachability"),
  reachable: z.boolean(),
  reason: ReachabilityReason,
});
export type ReachabilityEvent = z.infer<typeof ReachabilityEvent>;

/** The menu bot took the customer's answer to one of its questions (worker/bots/menu).
 * The pipeline writes it on the contact (worker/pipeline/listeners/contact-fields.ts),
 * so the room never waits on D1. Agents only: the customer already sees their answer. */
export const FieldEvent = z.object({
  ...base,
  type: z.literal("field"),
  field: MenuField,
  value: z.string().max(MAX_MENU_ANSWER_CHARS),
});
export type FieldEvent = z.infer<typeof FieldEvent>;

// --- changes to a stored message ----------------------------------------------------
// Each names the message it changes by seq. The message event itself stays as stored;
// clients fold these over it (the console shows the latest state), and the D1
// projection updates the message's row.

/** A message's delivery moved forward (delivery queue outcome or a provider receipt). */
export const DeliveryEvent = z.object({
  ...base,
  type: z.literal("delivery"),
  messageSeq: z.number().int().positive(),
  status: DeliveryStatus,
  /** The provider's reason, when `status` is `failed`. */
  error: z.string().max(500).nullable(),
  /** The provider's id for the message, once it accepted it. */
  providerMessageId: z.string().nullable(),
});
export type DeliveryEvent = z.infer<typeof DeliveryEvent>;

/** Someone reacted to a message; `emoji` null takes their reaction away. */
export const ReactionEvent = z.object({
  ...base,
  type: z.literal("reaction"),
  messageSeq: z.number().int().positive(),
  emoji: z.string().max(32).nullable(),
});
export type ReactionEvent = z.infer<typeof ReactionEvent>;

/** The customer edited a message they sent. */
export const EditEvent = z.object({
  ...base,
  type: z.literal("edit"),
  messageSeq: z.number().int().positive(),
  body: z.string().max(MAX_BODY_CHARS),
});
export type EditEvent = z.infer<typeof EditEvent>;

/** The customer took a message back (Messenger and Instagram "unsend"). Unless the inbox
 * keeps unsent text for its agents, the room erases the message's text and files. */
export const UnsendEvent = z.object({
  ...base,
  type: z.literal("unsend"),
  messageSeq: z.number().int().positive(),
  /** The message's text, files and edits were erased (the inbox does not keep unsent
   * text); absent or false: kept for the agents, marked unsent. */
  erased: z.boolean().optional(),
});
export type UnsendEvent = z.infer<typeof UnsendEvent>;

/** What sets an automation rule off (the rule's shapes: ./automation.ts). */
export const AutomationTriggerType = z.enum(["conversation_created", "customer_message", "status_changed", "idle"]);
export type AutomationTriggerType = z.infer<typeof AutomationTriggerType>;

/** What an automation rule can do (the rule's shapes: ./automation.ts). */
export const AutomationActionType = z.enum(["assign_team", "assign_agent", "add_tag", "set_type", "set_priority", "send_canned_response", "send_note", "resolve", "snooze", "call_webhook", "send_article"]);
export type AutomationActionType = z.infer<typeof AutomationActionType>;

/** An automation rule ran on the conversation (issue 15): which rule, what set it off,
 * and each action in order with its error when it failed (the run stops at the first
 * failure: later actions are not tried). Agents only. */
export const AutomationEvent = z.object({
  ...base,
  type: z.literal("automation"),
  ruleId: z.string(),
  ruleName: z.string(),
  trigger: AutomationTriggerType,
  actions: z.array(z.object({ type: AutomationActionType, error: z.string().max(500).optional() })),
  /** The run's failure, when one action failed. */
  error: z.string().max(500).optional(),
});
export type AutomationEvent = z.infer<typeof AutomationEvent>;

export const ConversationEvent = z.discriminatedUnion("type", [
  MessageEvent,
  StatusEvent,
  AssignmentEvent,
  CsatEvent,
  ReachabilityEvent,
  DeliveryEvent,
  ReactionEvent,
  EditEvent,
  UnsendEvent,
  CallbackEvent,
  AutomationEvent,
  FieldEvent,
]);
export type ConversationEvent = z.infer<typeof ConversationEvent>;
export type EventType = ConversationEvent["type"];

/** Events a customer may see: private notes and automation runs never leave the agents' side. */
export function isVisibleToContact(event: ConversationEvent): boolean {
  if (event.type === "automation" || event.type === "field") return false;
  return !(event.type === "message" && event.kind === "note");
}
