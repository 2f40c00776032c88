/**
 * @module The conversation summary: one row of the console's list, as D1 holds it and
 * as a TeamQueue pushes it live.
 */
import { z } from "zod";
import { ConversationStatus } from "./events";

export const ChannelKind = z.enum(["webchat", "whatsapp", "telegram", "messenger", "instagram", "sms", "email", "api"]);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const ConversationSummary = z.object({
  id: z.string(),
  inboxId: z.string(),
  channel: ChannelKind,
  contactId: z.string(),
  contactName: z.string().nullable(),
  teamId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  status: ConversationStatus,
  priority: z.number().int(),
  lastSeq: z.number().int().nonnegative(),
  lastMessagePreview: z.string().nullable(),
  createdAt: z.number().int(),
  lastActivityAt: z.number().int(),
  firstResponseAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  snoozedUntil: z.number().int().nullable(),
  /** A scheduled callback (issue 14): the conversation heads its queue from 5 minutes
   * before. Cleared when someone is assigned. */
  callbackAt: z.number().int().nullable(),
  /** The contact's effective priority (its own, or the highest segment rule matching its
   * tags and attributes), higher first in the queue. Joined from D1 like contactName. */
  contactPriority: z.number().int(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;
