/**
 * @module What a ConversationRoom can be asked to do (its RPC inputs) and its state.
 * Routes validate request bodies with the protocol's zod schemas and then build one of
 * these; the room trusts them because only this Worker can reach it.
 */
import type { MenuState } from "../bots/menu/state";
import type { Actor, AssignmentReason, Attachment, AutomationEvent, ConversationStatus, ConversationSummary, ErrorCode, MessageContent, MessageEvent, MessageKind, ReachabilityReason, TemplateContent } from "../protocol";

/** The list row minus what D1 joins in (the contact's name): what routes get back. */
export type RoomSummary = Omit<ConversationSummary, "contactName" | "contactPriority">;

/** The room's state: its summary, plus what only the room needs for channels. Folded
 * from the log by `reduce` (lastInboundAt) or set by `ingest` (recipient); never part of
 * an API answer (`summaryOf`). */
export type RoomState = RoomSummary & {
  /** When the customer last wrote (their provider's time when known): the start of the
   * channel's customer-service window. Absent or null: never. */
  lastInboundAt?: number | null;
  /** The customer's id on the channel (ContactRef.externalId), where sends go. */
  recipient?: string | null;
  /** Why the customer cannot be written to now (blocked the bot, opted out); absent or
   * null: reachable. Folded from reachability events. */
  unreachable?: ReachabilityReason | null;
  /** The inbox has its menu bot on: a resolved conversation the customer writes to goes
   * back to the bot (`bot`, greeted again) instead of `open`. Kept in step with the
   * inbox's setting by ../bots/menu/seat.ts. */
  botInbox?: boolean;
  /** Where the menu bot is with the customer (which question waits for an answer);
   * absent or null: it has not greeted them since the conversation last entered `bot`. */
  menu?: MenuState | null;
};

/** The state without the room's own fields, as RPC answers return it. */
export function summaryOf(state: RoomState): RoomSummary {
  const { lastInboundAt: _l, recipient: _r, unreachable: _u, botInbox: _b, menu: _m, ...summary } = state;
  return summary;
}

/** What the route read from D1 about the conversation; used once, to initialise the room. */
export type RoomSeed = Pick<
  RoomState,
  "id" | "inboxId" | "channel" | "contactId" | "teamId" | "assigneeId" | "status" | "priority" | "createdAt" | "lastActivityAt"
>;

export type MessageCommand = {
  type: "message";
  actor: Actor;
  kind: MessageKind;
  body: string;
  /** Idempotency key from a socket or API client; scoped to the sender. */
  clientId?: string | null;
  /** Idempotency key from a channel provider (WhatsApp wamid, Telegram update id…). */
  providerMessageId?: string | null;
  /** Files already stored (R2) by this sender in this conversation; see `registerUpload`. */
  attachmentIds?: string[];
  /** Attachments a channel adapter resolved itself (its provider hosts the files). */
  attachments?: Attachment[];
  /** An approved template to send (stored as the message's content). */
  template?: Omit<TemplateContent, "type">;
  /** Quote this earlier message of the conversation (API input; the room resolves it). */
  replyToSeq?: number;
  /** Set by the room for channel messages (ingest) and resolved replies. */
  providerAt?: number;
  replyTo?: MessageEvent["replyTo"];
  content?: MessageContent;
  /** A customer portal request's first message: the category routing reads (never stored). */
  portalCategory?: string;
  /** Automatic mail from the customer's side (an auto-reply, a bounce): stored, but it
   * never reopens or wakes the conversation. */
  keepsStatus?: boolean;
  /** E-mail: the reply's Cc as the agent chose it (absent: the conversation's latest).
   * The room stores it in the reply's EmailContent (./email-envelope.ts). */
  cc?: string[];
  /** A company-initiated message (worker/outbound): the purpose it is sent for, and
   * whether the ledger holds consent for it. Without consent, the room lets it go only
   * inside the customer's 24-hour window (./consent-gate.ts). */
  consent?: { purposeId: string; granted: boolean };
  /** A campaign's message (worker/campaigns): if it starts the conversation, the
   * conversation waits snoozed until the customer answers, instead of entering the team's
   * queue with nothing to answer (10,000 recipients would bury every real customer). */
  snoozeUntilReply?: boolean;
};

export type RoomCommand =
  | MessageCommand
  | {
      type: "assign";
      actor: Actor;
      assigneeId: string | null;
      assigneeName: string | null;
      teamId?: string | null;
      /** A move between teams (a deleted team's conversations): logged, but a resolved or snoozed conversation stays so. */
      keepStatus?: boolean;
      /** Manual Next: assign only if the conversation still waits (open, no assignee);
       * otherwise change nothing, so an assignment made meanwhile is never overwritten. */
      onlyIfWaiting?: boolean;
      /** A return to the queue: change nothing unless this agent still has it… */
      onlyIfAssignedTo?: string;
      /** …and no agent has replied in the conversation yet. */
      onlyIfUnanswered?: boolean;
      /** Logged on the assignment event (the audit trail); absent: chosen by hand. */
      reason?: AssignmentReason;
    }
  /** Schedule a callback at `at` (the conversation waits in the queue for it, unassigned),
   * or cancel it (`at: null`). */
  | { type: "callback"; actor: Actor; at: number | null }
  | { type: "status"; actor: Actor; to: Exclude<ConversationStatus, "bot">; until?: number; unassign?: boolean }
  /** The customer asks for a human: a bot conversation opens. */
  | { type: "handoff"; actor: Actor }
  /** The customer rates the conversation (asked for once it is resolved). */
  | { type: "csat"; actor: Actor; rating: number; comment: string }
  /** An automation rule's run, for the log (worker/automation). `key` names the run
   * (rule, trigger): the room stores it at most once, whatever retries ask again. */
  | ({ type: "automation"; actor: Actor; key: string } & Pick<AutomationEvent, "ruleId" | "ruleName" | "trigger" | "actions" | "error">);

/** The seed a room needs on first use, taken from the conversation's D1 row. */
export function seedOf(c: ConversationSummary): RoomSeed {
  return {
    id: c.id,
    inboxId: c.inboxId,
    channel: c.channel,
    contactId: c.contactId,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    status: c.status,
    priority: c.priority,
    createdAt: c.createdAt,
    lastActivityAt: c.lastActivityAt,
  };
}

/** Every reason a room refuses a command. Each is also an API error code (the socket
 * sends it as is); room-client.ts maps each to its HTTP status in one exhaustive table. */
export type RefusalCode = Extract<ErrorCode, "attachment_not_found" | "rate_limited" | "outside_service_window" | "recipient_unreachable" | "message_not_found" | "unavailable" | "consent_required">;

/** Why a room refused a command; routes map the code to HTTP, sockets to an error frame. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

export interface CommandResult {
  /** Seq of the event the command is about (the message), or the last seq when it changed nothing. */
  seq: number;
  /** True when nothing was stored: a known idempotency key, or a no-op transition. */
  duplicate: boolean;
  state: RoomSummary;
}

/** What `ingest` did with a webhook's items for one conversation. `stored`: items that
 * changed something (an event, or a change kept until its message appears);
 * `duplicates`: items already known (redeliveries, echoes of our own sends, receipts
 * that would not move a message forward). */
export interface IngestResult {
  stored: number;
  duplicates: number;
  lastSeq: number;
}

export type CommandOutcome = CommandResult | { refused: Refusal };

export type Audience = "contact" | "agent";

/** A message's idempotency key in the room's log: the provider's id (`p:`), or the
 * sender's client id (`c:`, scoped to the sender so no one can swallow another's). */
export function dedupKeyOf(cmd: Pick<MessageCommand, "providerMessageId" | "clientId" | "actor">): string | null {
  if (cmd.providerMessageId) return providerKey(cmd.providerMessageId);
  if (cmd.clientId) return `c:${cmd.actor.type}:${cmd.actor.id}:${cmd.clientId}`;
  return null;
}

/** The idempotency key of a message its provider names. */
export function providerKey(providerMessageId: string): string {
  return `p:${providerMessageId}`;
}
