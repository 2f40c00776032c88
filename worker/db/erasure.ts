/**
 * @module The D1 half of an erasure (issue 16, LGPD art. 18): statements for a caller's
 * batch, so a step lands whole or not at all, and each is idempotent (running it again
 * over erased rows changes nothing a reader can see). What each table holds of a person
 * and why it goes:
 * - contacts: name, e-mail, phone, attributes go; the row stays (conversations point at
 *   it, reports count it) and its token generation moves, revoking every visitor token;
 * - contact_identities (channel addresses), visitor_contexts (pages, city, browser),
 *   contact_tags, contact_channel_optouts and the consent ledger: deleted;
 * - messages: text → "[removed]"; from the row's JSON go files, structured content (e-mail
 *   addresses, subject, shared locations and contact cards), menu answers, CSAT comments,
 *   the provider's delivery reasons and, for a contact's erasure, their name as author;
 * - csat_responses comments, conversations' previews, webhook_deliveries' response excerpts
 *   (a receiver may echo what it was sent).
 * The FTS tables follow `messages` and `contacts` by their triggers (0002_console.sql).
 * Lists of ids are chunked under D1's 100 bound parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/).
 */
import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { contactChannelOptouts, contactIdentities, contactTags, contacts, conversations, csatResponses, messages, portalPasswords, portalRequests, portalSessions, portalSignInLinks, visitorContexts, webhookDeliveries } from "./schema";
import { eraseConsentStatements } from "./consent";
import { recomputeStatement } from "./contact-priority";
import { REMOVED_TEXT } from "../protocol";
import type { ErasureScope } from "../rights/erased-event";

const IDS_PER_STATEMENT = 90;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IDS_PER_STATEMENT) out.push(items.slice(i, i + IDS_PER_STATEMENT));
  return out;
}

/** REMOVED_TEXT as an SQL literal: a constant of ours, not input, so it is written into
 * the statement instead of taking one of D1's 100 bound parameters at every use. */
const REMOVED = sql.raw(`'${REMOVED_TEXT.replace(/'/g, "''")}'`);

/** `path` of the row's JSON: REMOVED_TEXT where it held text, as it was otherwise. */
const removedAt = (path: string) => sql`CASE WHEN coalesce(json_extract(${messages.event}, ${sql.raw(`'${path}'`)}), '') <> '' THEN ${REMOVED} ELSE json_extract(${messages.event}, ${sql.raw(`'${path}'`)}) END`;

/** The row's JSON as ../rights/erased-event.ts leaves the event, in SQL (one statement per
 * chunk of conversations, however long their history: no row is read into the Worker).
 * `json_replace` changes only paths that exist, so an event without a menu answer or a
 * comment gains none. */
function erasedEventJson(scope: ErasureScope) {
  const removedParts = sql`json_remove(${messages.event}, '$.attachments', '$.content')`;
  if (scope === "text") return sql`json_replace(${removedParts}, '$.value', ${removedAt("$.value")}, '$.comment', ${removedAt("$.comment")})`;
  const author = sql`CASE WHEN json_extract(${messages.event}, '$.actor.type') = 'contact' THEN NULL ELSE json_extract(${messages.event}, '$.actor.name') END`;
  return sql`json_replace(${removedParts}, '$.value', ${removedAt("$.value")}, '$.comment', ${removedAt("$.comment")}, '$.deliveryError', NULL, '$.actor.name', ${author})`;
}

/** The conversations' text, files and previews, and what the webhook log kept of them. */
export function eraseConversationStatements(db: Db, conversationIds: readonly string[], scope: ErasureScope, now: number): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = [];
  for (const ids of chunks(conversationIds)) {
    statements.push(
      db
        .update(messages)
        .set({ body: sql`CASE WHEN coalesce(${messages.body}, '') = '' THEN ${messages.body} ELSE ${REMOVED} END`, event: erasedEventJson(scope) })
        .where(inArray(messages.conversationId, ids)),
      db.update(csatResponses).set({ comment: REMOVED_TEXT }).where(and(inArray(csatResponses.conversationId, ids), ne(csatResponses.comment, ""))),
      db
        .update(conversations)
        .set({ lastMessagePreview: sql`CASE WHEN coalesce(${conversations.lastMessagePreview}, '') = '' THEN ${conversations.lastMessagePreview} ELSE ${REMOVED} END`, erasedAt: now })
        .where(inArray(conversations.id, ids)),
      db.update(webhookDeliveries).set({ responseExcerpt: null }).where(and(inArray(webhookDeliveries.conversationId, ids), isNotNull(webhookDeliveries.responseExcerpt))),
    );
  }
  return statements;
}

/** The contact's own data: profile, channel addresses, visits, tags, opt-outs, consent,
 * and their customer portal: sign-in links and sessions (they hold the address), the
 * password, and the requests' subjects (the conversations keep their erased shape). The
 * contact row itself stays, emptied, so conversations and reports keep their shape. */
export function eraseContactStatements(db: Db, contactId: string): BatchItem<"sqlite">[] {
  return [
    db
      .update(contacts)
      .set({ name: null, email: null, phone: null, attributes: {}, nameGenerated: false, tokenGeneration: sql`${contacts.tokenGeneration} + 1` })
      .where(eq(contacts.id, contactId)),
    db.delete(contactIdentities).where(eq(contactIdentities.contactId, contactId)),
    db.delete(visitorContexts).where(eq(visitorContexts.contactId, contactId)),
    db.delete(contactTags).where(eq(contactTags.contactId, contactId)),
    db.delete(contactChannelOptouts).where(eq(contactChannelOptouts.contactId, contactId)),
    ...eraseConsentStatements(db, contactId),
    db.delete(portalSignInLinks).where(eq(portalSignInLinks.contactId, contactId)),
    db.delete(portalSessions).where(eq(portalSessions.contactId, contactId)),
    db.delete(portalPasswords).where(eq(portalPasswords.contactId, contactId)),
    db.delete(portalRequests).where(eq(portalRequests.contactId, contactId)),
    // Attributes and tags are gone: segment rules no longer lift the contact.
    recomputeStatement(db, sql`${contacts.id} = ${contactId}`),
  ];
}

/** Every conversation of the contact, on any inbox, with or without events. */
export async function conversationIdsOf(db: Db, contactId: string): Promise<string[]> {
  const rows = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, contactId)).all();
  return rows.map((r) => r.id);
}
