/**
 * @module What a ConversationRoom can be asked to do (its RPC inputs) and its state.
 * Routes validate request bodies with the protocol's zod schemas and then build one of
 * these; the room trusts them because only this Worker can reach it.
 */
import type { Actor, Attachment, ConversationStatus, ConversationSummary, ErrorCode, MessageKind } from "../protocol";

/** The room's state: the list row minus what D1 joins in (the contact's name). */
export type RoomState = Omit<ConversationSummary, "contactName">;

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
};

export type RoomCommand =
  | MessageCommand
  | { type: "assign"; actor: Actor; assigneeId: string | null; assigneeName: string | null; teamId?: string | null }
  | { type: "status"; actor: Actor; to: Exclude<ConversationStatus, "bot">; until?: number; unassign?: boolean }
  /** The customer asks for a human: a bot conversation opens. */
  | { type: "handoff"; actor: Actor }
  /** The customer rates the conversation (asked for once it is resolved). */
  | { type: "csat"; actor: Actor; rating: number; comment: string };

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
export type RefusalCode = Extract<ErrorCode, "attachment_not_found" | "rate_limited">;

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
  state: RoomState;
}

export type CommandOutcome = CommandResult | { refused: Refusal };

export type Audience = "contact" | "agent";
