/**
 * @module A campaign's report (issue 16), derived in one query from what D1 already
 * holds, never counted apart: each sent recipient's message row (its delivery status,
 * moved by the provider's receipts through the projection), the customer's messages in
 * that conversation after it (replied), and revocations of the campaign's purpose on its
 * channel (or "any") recorded after the send (opted out).
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import type { CampaignReport } from "../protocol";
import type { CampaignRow } from "./campaigns";

export async function campaignReport(db: Db, campaign: Pick<CampaignRow, "id" | "purposeId">, channel: string): Promise<CampaignReport> {
  const row = await db.get<{ sent: number; delivered: number; read: number; failed: number; replied: number; opted_out: number }>(sql`
    SELECT
      coalesce(sum(r.state = 'sent'), 0) AS sent,
      coalesce(sum(r.state = 'sent' AND m.delivery_status IN ('delivered', 'read')), 0) AS delivered,
      coalesce(sum(r.state = 'sent' AND m.delivery_status = 'read'), 0) AS read,
      coalesce(sum(r.state = 'failed' OR (r.state = 'sent' AND m.delivery_status = 'failed')), 0) AS failed,
      coalesce(sum(r.state = 'sent' AND EXISTS (
        SELECT 1 FROM messages i
        WHERE i.conversation_id = r.conversation_id AND i.seq > r.message_seq AND i.direction = 'in' AND i.kind <> 'event'
      )), 0) AS replied,
      coalesce(sum(r.state = 'sent' AND EXISTS (
        SELECT 1 FROM consent_records c
        WHERE c.contact_id = r.contact_id AND c.purpose_id = ${campaign.purposeId} AND c.action = 'revoke'
          AND c.channel IN (${channel}, 'any') AND c.at >= r.at
      )), 0) AS opted_out
    FROM campaign_recipients r
    LEFT JOIN messages m ON m.conversation_id = r.conversation_id AND m.seq = r.message_seq
    WHERE r.campaign_id = ${campaign.id}
  `);
  return {
    sent: row?.sent ?? 0,
    delivered: row?.delivered ?? 0,
    read: row?.read ?? 0,
    failed: row?.failed ?? 0,
    replied: row?.replied ?? 0,
    optedOut: row?.opted_out ?? 0,
  };
}
