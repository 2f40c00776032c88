/**
 * @module What a ConversationRoom can be asked to do (its RPC inputs) and its state.
 * Routes validate request bodies with the protocol's zod schemas and then build one of
 * these; the room trusts them because only this Worker can reach it.
 */
import type { Actor, ChannelKind, ConversationStatus, ConversationSummary, MessageKind } from "../protocol";

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
};

export type RoomCommand =
  | MessageCommand
  | { type: "assign"; actor: Actor; assigneeId: string | null; assigneeName: string | null; teamId?: string | null }
  | { type: "status"; actor: Actor; to: Exclude<ConversationStatus, "bot">; until?: number; unassign?: boolean }
  /** The customer asks for a human: a bot conversation opens. */
  | { type: "handoff"; actor: Actor };

export interface CommandResult {
  /** Seq of the event the command is about (the message), or the last seq when it changed nothing. */
  seq: number;
  /** True when nothing was stored: a known idempotency key, or a no-op transition. */
  duplicate: boolean;
  state: RoomState;
}

export type Audience = "contact" | "agent";

export function channelOf(kind: string): ChannelKind {
  return kind as ChannelKind;
}
