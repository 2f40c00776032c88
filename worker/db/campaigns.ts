/**
 * @module Campaigns' D1 SQL (issue 16): drafts, the segment resolved into recipient rows
 * when a campaign starts (in the batch that starts it), the runner's reads and marks.
 */
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { campaignRecipients, campaigns, contacts } from "./schema";
import { conditionScope } from "./contact-priority";
import { auditStatement } from "./audit-log";
import type { Actor, CampaignRecipient, CampaignSegment, RecipientReason, RecipientState } from "../protocol";

export type CampaignRow = typeof campaigns.$inferSelect;
export type RecipientRow = typeof campaignRecipients.$inferSelect;
export type Counts = Record<RecipientState, number>;

/** D1 binds at most 100 parameters per statement (https://developers.cloudflare.com/d1/platform/limits/):
 * a recipient row binds 5, so 19 rows per insert. */
const ROWS_PER_INSERT = 19;

export async function insertCampaign(db: Db, row: typeof campaigns.$inferInsert): Promise<CampaignRow> {
  const [created] = await db.insert(campaigns).values(row).returning();
  return created!;
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  return db.select().from(campaigns).where(eq(campaigns.id, id)).get();
}

export async function listCampaigns(db: Db, limit = 100): Promise<CampaignRow[]> {
  return db.select().from(campaigns).orderBy(desc(campaigns.createdAt), desc(campaigns.id)).limit(limit).all();
}

/** How many recipients of each campaign are in each state. */
export async function countsOf(db: Db, campaignIds: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  for (const id of campaignIds) out.set(id, { pending: 0, skipped: 0, sent: 0, failed: 0 });
  for (let i = 0; i < campaignIds.length; i += 90) {
    const rows = await db
      .select({ id: campaignRecipients.campaignId, state: campaignRecipients.state, n: sql<number>`count(*)` })
      .from(campaignRecipients)
      .where(inArray(campaignRecipients.campaignId, campaignIds.slice(i, i + 90)))
      .groupBy(campaignRecipients.campaignId, campaignRecipients.state)
      .all();
    for (const r of rows) out.get(r.id)![r.state] = r.n;
  }
  return out;
}

/** The contacts matching every condition of `segment`, by id; at most `limit`. */
export async function segmentContactIds(db: Db, segment: CampaignSegment, limit: number): Promise<string[]> {
  const where = sql.join(
    segment.all.map((c) => conditionScope(c)),
    sql` AND `,
  ) as SQL;
  const rows = await db.select({ id: contacts.id }).from(contacts).where(where).orderBy(asc(contacts.id)).limit(limit).all();
  return rows.map((r) => r.id);
}

export interface StartPlan {
  campaign: CampaignRow;
  recipients: Array<{ contactId: string; state: "pending" | "skipped"; reason: RecipientReason | null }>;
  actor: Actor & { auditType: "agent" | "token" };
  origin: string | null;
  ip: string | null;
  now: number;
}

/** The start in one batch: the recipient rows, the campaign running, its audit entry —
 * all or none. Only a draft starts (a second start finds no draft and changes nothing:
 * its rows conflict and are skipped, the update matches nothing). */
export function startStatements(db: Db, p: StartPlan): BatchItem<"sqlite">[] {
  const items: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < p.recipients.length; i += ROWS_PER_INSERT) {
    const rows = p.recipients.slice(i, i + ROWS_PER_INSERT).map((r) => ({ campaignId: p.campaign.id, contactId: r.contactId, state: r.state, reason: r.reason, at: p.now }));
    items.push(db.insert(campaignRecipients).values(rows).onConflictDoNothing());
  }
  items.push(
    db
      .update(campaigns)
      .set({ status: "running", startedAt: p.now, origin: p.origin, startedByType: p.actor.auditType, startedById: p.actor.id ?? null, startedByName: p.actor.name ?? null })
      .where(and(eq(campaigns.id, p.campaign.id), eq(campaigns.status, "draft"))),
  );
  const skipped = p.recipients.filter((r) => r.state === "skipped").length;
  items.push(
    auditStatement(db, {
      action: "campaign.started",
      actor: { type: p.actor.auditType, id: p.actor.id ?? null, name: p.actor.name ?? null },
      targetType: "campaign",
      targetId: p.campaign.id,
      ip: p.ip,
      details: { name: p.campaign.name, inboxId: p.campaign.inboxId, purposeId: p.campaign.purposeId, recipients: p.recipients.length - skipped, skipped },
      at: p.now,
    }),
  );
  return items;
}

/** The next pending recipients, in contact id order (the order they were resolved in). */
export async function pendingRecipients(db: Db, campaignId: string, limit: number): Promise<RecipientRow[]> {
  return db
    .select()
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, "pending")))
    .orderBy(asc(campaignRecipients.contactId))
    .limit(limit)
    .all();
}

export interface RecipientMark {
  state: Exclude<RecipientState, "pending">;
  reason?: RecipientReason | null;
  conversationId?: string | null;
  messageSeq?: number | null;
}

/** Marks a pending recipient (after its send: a mark lost to a crash leaves it pending,
 * and the resend is deduplicated by the room). */
export async function markRecipient(db: Db, campaignId: string, contactId: string, mark: RecipientMark, now: number): Promise<void> {
  await db
    .update(campaignRecipients)
    .set({ state: mark.state, reason: mark.reason ?? null, conversationId: mark.conversationId ?? null, messageSeq: mark.messageSeq ?? null, at: now })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.contactId, contactId), eq(campaignRecipients.state, "pending")));
}

/** Completes a running campaign that has nothing pending. */
export async function completeCampaign(db: Db, id: string, now: number): Promise<void> {
  await db
    .update(campaigns)
    .set({ status: "completed", completedAt: now })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, "running"), sql`NOT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = ${id} AND state = 'pending')`));
}

/** A page of recipients (optionally in one state), by contact id, with the contact's name. */
export async function recipientsPage(db: Db, campaignId: string, state: RecipientState | undefined, after: string | undefined, limit: number): Promise<CampaignRecipient[]> {
  const conditions = [eq(campaignRecipients.campaignId, campaignId)];
  if (state) conditions.push(eq(campaignRecipients.state, state));
  if (after) conditions.push(gt(campaignRecipients.contactId, after));
  return db
    .select({
      contactId: campaignRecipients.contactId,
      contactName: contacts.name,
      state: campaignRecipients.state,
      reason: campaignRecipients.reason,
      conversationId: campaignRecipients.conversationId,
      messageSeq: campaignRecipients.messageSeq,
      at: campaignRecipients.at,
    })
    .from(campaignRecipients)
    .innerJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(and(...conditions))
    .orderBy(asc(campaignRecipients.contactId))
    .limit(limit)
    .all();
}
