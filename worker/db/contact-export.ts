/**
 * @module The D1 reads of a contact's export (issue 16, LGPD art. 18 II and V): what the
 * contact panel shows (./contact-panel.ts) plus what it leaves out — every conversation
 * (not just the latest), tag names, CSAT answers, the consent ledger, and campaign
 * deliveries where that table exists (issue 16's campaigns; read generically by name, so
 * the export covers it the day it lands without a change here).
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import { contactDetail } from "./contact-panel";
import { consentRecordsOf } from "./consent";
import { summaryColumns } from "./conversations";
import { contacts, conversations, csatResponses, inboxes, tags } from "./schema";
import type { ConsentRecord, ContactDetail, ConversationSummary } from "../protocol";

export interface ContactExportRows {
  detail: ContactDetail;
  tags: Array<{ id: string; name: string }>;
  conversations: Array<ConversationSummary & { inboxName: string }>;
  csat: Array<{ conversationId: string; seq: number; rating: number; comment: string; createdAt: number }>;
  consent: ConsentRecord[];
  /** Rows of `campaign_deliveries` for the contact, or null when there is no such table. */
  campaignDeliveries: Array<Record<string, unknown>> | null;
}

const CAMPAIGN_TABLE = "campaign_deliveries";

export async function contactExportRows(db: Db, contactId: string): Promise<ContactExportRows | null> {
  const detail = await contactDetail(db, contactId);
  if (!detail) return null;
  const [tagRows, conversationRows, consent] = await Promise.all([
    detail.contact.tagIds.length ? db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, detail.contact.tagIds)).all() : Promise.resolve([]),
    db
      .select({ ...summaryColumns, inboxName: inboxes.name })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(eq(conversations.contactId, contactId))
      .orderBy(asc(conversations.createdAt), asc(conversations.id))
      .all(),
    consentRecordsOf(db, contactId),
  ]);
  const ids = conversationRows.map((c) => c.id);
  const csat = [];
  for (let i = 0; i < ids.length; i += 90) {
    csat.push(...(await db.select().from(csatResponses).where(inArray(csatResponses.conversationId, ids.slice(i, i + 90))).orderBy(asc(csatResponses.createdAt)).all()));
  }
  return { detail, tags: tagRows, conversations: conversationRows, csat, consent, campaignDeliveries: await campaignDeliveriesOf(db, contactId) };
}

async function campaignDeliveriesOf(db: Db, contactId: string): Promise<Array<Record<string, unknown>> | null> {
  const table = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${CAMPAIGN_TABLE}`);
  if (!table?.n) return null;
  const hasContact = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM pragma_table_info(${CAMPAIGN_TABLE}) WHERE name = 'contact_id'`);
  if (!hasContact?.n) return null;
  return db.all<Record<string, unknown>>(sql`SELECT * FROM ${sql.identifier(CAMPAIGN_TABLE)} WHERE contact_id = ${contactId}`);
}
