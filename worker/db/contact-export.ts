/**
 * @module The D1 reads of a contact's export (issue 16, LGPD art. 18 II and V): what the
 * contact panel shows (./contact-panel.ts) plus what it leaves out — every conversation
 * (not just the latest), tag names, CSAT answers, the consent ledger, and the campaigns
 * the contact was in (campaign_recipients: state, reason, when; joined with the campaign's
 * name and purpose).
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { contactDetail } from "./contact-panel";
import { consentRecordsOf } from "./consent";
import { summaryColumns } from "./conversations";
import { campaignRecipients, campaigns, contacts, conversations, csatResponses, inboxes, tags } from "./schema";
import type { ConsentRecord, ContactDetail, ConversationSummary } from "../protocol";

export interface ContactExportRows {
  detail: ContactDetail;
  tags: Array<{ id: string; name: string }>;
  conversations: Array<ConversationSummary & { inboxName: string }>;
  csat: Array<{ conversationId: string; seq: number; rating: number; comment: string; createdAt: number }>;
  consent: ConsentRecord[];
  /** The campaigns the contact was in, and what each did for them. */
  campaignDeliveries: Array<{ campaignId: string; campaignName: string; purposeId: string; state: string; reason: string | null; conversationId: string | null; at: number | null }>;
}

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

function campaignDeliveriesOf(db: Db, contactId: string): Promise<ContactExportRows["campaignDeliveries"]> {
  return db
    .select({
      campaignId: campaignRecipients.campaignId,
      campaignName: campaigns.name,
      purposeId: campaigns.purposeId,
      state: campaignRecipients.state,
      reason: campaignRecipients.reason,
      conversationId: campaignRecipients.conversationId,
      at: campaignRecipients.at,
    })
    .from(campaignRecipients)
    .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaignId))
    .where(eq(campaignRecipients.contactId, contactId))
    .orderBy(asc(campaignRecipients.at))
    .all();
}
