/**
 * @module The D1 reads of the e-mail channel's inbound path (worker/channels/email/):
 * the live e-mail inboxes, the conversations holding given Message-IDs (stored as
 * `messages.provider_message_id`, indexed by migrations/0012), a contact's e-mail
 * identity, and whether a team exists.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { contactIdentities, conversations, inboxes, messages, teams } from "./schema";
import type { InboxRow } from "./inboxes";

export async function liveEmailInboxes(db: Db): Promise<InboxRow[]> {
  return db
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.kind, "email"), isNull(inboxes.deletedAt)));
}

/** For each of `messageIds` some conversation holds, that conversation and its inbox. */
export async function conversationsHolding(db: Db, messageIds: string[]): Promise<Array<{ messageId: string; conversationId: string; inboxId: string }>> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .select({ messageId: messages.providerMessageId, conversationId: messages.conversationId, inboxId: conversations.inboxId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(inArray(messages.providerMessageId, [...new Set(messageIds)]));
  return rows.flatMap((r) => (r.messageId ? [{ messageId: r.messageId, conversationId: r.conversationId, inboxId: r.inboxId }] : []));
}

/** The external id the contact is known by under identity `kind`, if any. */
export async function externalIdOf(db: Db, contactId: string, kind: string): Promise<string | null> {
  const row = await db
    .select({ externalId: contactIdentities.externalId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, contactId), eq(contactIdentities.kind, kind)))
    .get();
  return row?.externalId ?? null;
}

export async function teamExists(db: Db, teamId: string): Promise<boolean> {
  return (await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).get()) !== undefined;
}
