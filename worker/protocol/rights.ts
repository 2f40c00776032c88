/**
 * @module Wire shapes of the contact's rights under LGPD art. 18 (issue 16): the export,
 * the erasure and the inboxes' retention period. What an erasure leaves where text was
 * is one constant, so the room, D1 and the tests agree on it.
 */
import { z } from "zod";

/** What erased text reads as, in the room's log, in D1 and in every client. The
 * conversation keeps its shape (seqs, authors, times, statuses) so reports still count. */
export const REMOVED_TEXT = "[removed]";

/** The longest retention an admin may set: ten years, in days. */
export const MAX_RETENTION_DAYS = 3650;

/** The erasure's confirmation: the admin types the word below (the console shows it),
 * so a stray click or a replayed request without it erases nothing. */
export const ERASE_CONFIRMATION = "ERASE";
export const EraseContactBody = z
  .object({ confirm: z.string().max(32) })
  .strict();
export type EraseContactBody = z.infer<typeof EraseContactBody>;

/** What an erasure did: counts only, never what was erased. */
export const ErasureCounts = z.object({
  conversations: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  webhookDeliveries: z.number().int().nonnegative(),
});
export type ErasureCounts = z.infer<typeof ErasureCounts>;

export const ContactErasure = z.object({
  contactId: z.string(),
  requestedAt: z.number().int(),
  completedAt: z.number().int().nullable(),
  counts: ErasureCounts,
});
export type ContactErasure = z.infer<typeof ContactErasure>;

/** An inbox's retention: resolved conversations' text and files are erased this many days
 * after they were resolved; null: kept. */
export const InboxRetention = z.object({
  retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable(),
});
export type InboxRetention = z.infer<typeof InboxRetention>;
export const InboxRetentionBody = InboxRetention.strict();
