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
import { contactChannelOptouts, contactIdentities, contactTags, contacts, conversations, csatResponses, messages, visitorContexts, webhookDeliveries } from "./schema";
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

/** The row's JSON as ../rights/erased-event.ts leaves the event, in SQL (one statement per
 * chunk of conversations, however long their history: no row is read into the Worker). */
function erasedEventJson(scope: ErasureScope) {
  const replaceIfText = (json: ReturnType<typeof sql>, path: string) =>
    sql`CASE WHEN coalesce(json_extract(${json}, ${path}), '') <> '' THEN json_replace(${json}, ${path}, ${REMOVED_TEXT}) ELSE ${json} END`;
  let json = sql`json_remove(${messages.event}, '$.attachments', '$.content')`;
  json = replaceIfText(json, "$.value");
  json = replaceIfText(json, "$.comment");
  if (scope === "contact") {
    json = sql`CASE WHEN json_extract(${json}, '$.deliveryError') IS NOT NULL THEN json_replace(${json}, '$.deliveryError', NULL) ELSE ${json} END`;
    json = sql`CASE WHEN json_extract(${json}, '$.actor.type') = 'contact' AND json_extract(${json}, '$.actor.name') IS NOT NULL THEN json_replace(${json}, '$.actor.name', NULL) ELSE ${json} END`;
  }
  return json;
}

/** The conversations' text, files and previews, and what the webhook log kept of them. */
export function eraseConversationStatements(db: Db, conversationIds: readonly string[], scope: ErasureScope, now: number): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = [];
  for (const ids of chunks(conversationIds)) {
    statements.push(
      db
        .update(messages)
        .set({ body: sql`CASE WHEN coalesce(${messages.body}, '') = '' THEN ${messages.body} ELSE ${REMOVED_TEXT} END`, event: erasedEventJson(scope) })
        .where(inArray(messages.conversationId, ids)),
      db.update(csatResponses).set({ comment: REMOVED_TEXT }).where(and(inArray(csatResponses.conversationId, ids), ne(csatResponses.comment, ""))),
      db
        .update(conversations)
        .set({ lastMessagePreview: sql`CASE WHEN coalesce(${conversations.lastMessagePreview}, '') = '' THEN ${conversations.lastMessagePreview} ELSE ${REMOVED_TEXT} END`, erasedAt: now })
        .where(inArray(conversations.id, ids)),
      db.update(webhookDeliveries).set({ responseExcerpt: null }).where(and(inArray(webhookDeliveries.conversationId, ids), isNotNull(webhookDeliveries.responseExcerpt))),
    );
  }
  return statements;
}

/** The contact's own data: profile, channel addresses, visits, tags, opt-outs, consent. */
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
    // Attributes and tags are gone: segment rules no longer lift the contact.
    recomputeStatement(db, sql`${contacts.id} = ${contactId}`),
  ];
}

/** Every conversation of the contact, on any inbox, with or without events. */
export async function conversationIdsOf(db: Db, contactId: string): Promise<string[]> {
  const rows = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, contactId)).all();
  return rows.map((r) => r.id);
}
