/**
 * @module Which conversation an inbound mail continues, by headers and our reply token,
 * never by subject (a subject match merges unrelated threads: chatwoot#10028, #10750).
 * In order:
 *
 * 1. The mail itself, by its Message-ID: a redelivery, or the same mail sent to two of
 *    our addresses, goes where the first copy went (the room then drops it).
 * 2. Our reply token: in a recipient address (`…+sb-<conversation>@`, which survives a
 *    client that strips threading headers) or one of our Message-IDs in References.
 * 3. In-Reply-To: one of our Message-IDs, or a mail this inbox stored.
 * 4. Every id in References, nearest ancestor (last) first.
 *
 * Otherwise the mail starts a new conversation (the caller's part). Steps 2–4 only find
 * conversations of the inbox the mail was routed to: a token or header naming another
 * inbox's conversation does not move mail across inboxes.
 */
import type { Db } from "../../db/client";
import { findConversation } from "../../db/conversations";
import { conversationsHolding } from "../../db/email-threads";
import type { ConversationSummary } from "../../protocol";
import { MAX_THREAD_IDS } from "./inbound-limits";
import { readOurMarker, readReplyAddress } from "./our-ids";
import type { ParsedEmail } from "./parsed";
import type { EmailInbox } from "./route";

export type ThreadedBy = "message-id" | "reply-token" | "in-reply-to" | "references";

export interface Thread {
  conversation: ConversationSummary;
  by: ThreadedBy;
}

export async function threadOf(db: Db, inboxes: EmailInbox[], inbox: EmailInbox, recipients: string[], parsed: ParsedEmail, providerMessageId: string): Promise<Thread | null> {
  const references = parsed.references.slice(-MAX_THREAD_IDS);
  const inReplyTo = parsed.inReplyTo.slice(0, 5);
  const lookups = [providerMessageId, ...inReplyTo, ...references].filter((id) => !readOurMarker(id));
  const held = await conversationsHolding(db, lookups);
  const emailInboxIds = new Set(inboxes.map((i) => i.row.id));
  const inThisInbox = (id: string) => held.find((h) => h.messageId === id && h.inboxId === inbox.row.id)?.conversationId ?? null;

  const own = held.find((h) => h.messageId === providerMessageId && emailInboxIds.has(h.inboxId));
  const candidates: Array<{ id: string | null; by: ThreadedBy; anyInbox?: true }> = [
    { id: own?.conversationId ?? null, by: "message-id", anyInbox: true },
    ...recipients.map((r) => ({ id: readReplyAddress(r)?.conversationId ?? null, by: "reply-token" as const })),
    ...[...references].reverse().map((id) => ({ id: readOurMarker(id)?.conversationId ?? null, by: "reply-token" as const })),
    ...inReplyTo.map((id) => ({ id: readOurMarker(id)?.conversationId ?? inThisInbox(id), by: "in-reply-to" as const })),
    ...[...references].reverse().map((id) => ({ id: inThisInbox(id), by: "references" as const })),
  ];
  const tried = new Set<string>();
  for (const c of candidates) {
    if (!c.id || tried.has(c.id)) continue;
    tried.add(c.id);
    const conversation = await findConversation(db, c.id);
    if (!conversation) continue;
    if (c.anyInbox ? emailInboxIds.has(conversation.inboxId) : conversation.inboxId === inbox.row.id) return { conversation, by: c.by };
  }
  return null;
}
