/**
 * @module WebSocket frames between a ConversationRoom and the widget or console.
 * Stored events travel as `event` frames carrying their `seq`; typing and read marks
 * are ephemeral. Heartbeat: the client sends the bare text `ping`, the edge answers
 * `pong` without waking the Durable Object.
 */
import { z } from "zod";
import { CLIENT_ID_PATTERN, MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_CHARS } from "./limits";
import { Actor, ConversationEvent, MessageKind } from "./events";
import { ConversationSummary } from "./summary";
import { UserText } from "./text";
import { MailAddress } from "./channels";
import { EffectiveStatus } from "./agent-status";

export const ClientId = z.string().regex(CLIENT_ID_PATTERN, "clientId: 1–64 of A–Z a–z 0–9 _ . : -");

/** Ids returned by the upload endpoint; the files must belong to the same conversation. */
export const AttachmentIds = z.array(z.string().min(1).max(64)).min(1).max(MAX_ATTACHMENTS_PER_MESSAGE);

export const SendFrame = z
  .object({
    type: z.literal("send"),
    clientId: ClientId,
    body: UserText.trim().max(MAX_BODY_CHARS),
    /** Agents may send a private note; a contact's socket can only send text. */
    kind: MessageKind.exclude(["attachment"]).optional(),
    attachmentIds: AttachmentIds.optional(),
    /** E-mail: the reply's Cc (as PostMessageBody.cc); absent: the conversation's latest. */
    cc: z.array(MailAddress).max(49).optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0, { message: "Send a body, an attachment, or both.", path: ["body"] });
export const TypingFrame = z.object({ type: z.literal("typing"), on: z.boolean() });
export const ReadFrame = z.object({ type: z.literal("read"), seq: z.number().int().nonnegative() });

export const ClientFrame = z.union([SendFrame, TypingFrame, ReadFrame]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion("type", [
  /** First frame on every socket: the replay that follows ends at `lastSeq`. */
  z.object({ type: z.literal("hello"), conversationId: z.string(), lastSeq: z.number().int().nonnegative() }),
  /** A stored event. Replayed ones come first, in order, then live ones. */
  z.object({ type: z.literal("event"), event: ConversationEvent }),
  /** The client's `send` is durable at `seq` (also for a resend of a known clientId). */
  z.object({ type: z.literal("ack"), clientId: z.string(), seq: z.number().int().positive() }),
  z.object({ type: z.literal("typing"), actor: Actor, on: z.boolean() }),
  z.object({ type: z.literal("read"), actor: Actor, seq: z.number().int().nonnegative() }),
  /** Customers only, web chat: where the conversation stands in its team's queue while
   * no agent has it (1 = next), and the estimated wait from the team's recent pick-ups.
   * `position: null`: no longer waiting (assigned, or not queued). Never stored. */
  z.object({
    type: z.literal("queuePosition"),
    position: z.number().int().positive().nullable(),
    etaSeconds: z.number().int().nonnegative().nullable(),
  }),
  /** The conversation's personal data was erased (issue 16): forget every event shown and
   * load them again from seq 0. The room closes the socket right after. */
  z.object({ type: z.literal("erased") }),
  z.object({
    type: z.literal("error"),
    code: z.string(),
    message: z.string(),
    clientId: z.string().optional(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** Frames on a TeamQueue socket: the console's live conversation list. */
export const QueueFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("conversation"), conversation: ConversationSummary }),
  z.object({ type: z.literal("presence"), agentIds: z.array(z.string()) }),
  /** An agent's effective status changed (set by them, or offline after the grace). */
  z.object({ type: z.literal("agentStatus"), agentId: z.string(), status: EffectiveStatus }),
]);
export type QueueFrame = z.infer<typeof QueueFrame>;
