/**
 * @module D1 schema of campaigns (issue 16, migrations/0026_campaigns.sql): the campaign
 * and its recipients. Re-exported by ./schema.ts.
 */
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CampaignStatus, RecipientReason, RecipientState, type CampaignSegment, type OutboundMessage } from "../protocol";
import { consentPurposes } from "./schema-lgpd";
import { contacts, inboxes } from "./schema";
import { valuesOf } from "./column-enum";

export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    inboxId: text("inbox_id")
      .notNull()
      .references(() => inboxes.id),
    purposeId: text("purpose_id")
      .notNull()
      .references(() => consentPurposes.id),
    message: text("message", { mode: "json" }).notNull().$type<OutboundMessage>(),
    segment: text("segment", { mode: "json" }).notNull().$type<CampaignSegment>(),
    status: text("status", { enum: valuesOf(CampaignStatus) }).notNull().default("draft"),
    origin: text("origin"),
    startedByType: text("started_by_type"),
    startedById: text("started_by_id"),
    startedByName: text("started_by_name"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    completedAt: integer("completed_at"),
  },
  (t) => [index("campaigns_created_idx").on(t.createdAt)],
);

export const campaignRecipients = sqliteTable(
  "campaign_recipients",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    state: text("state", { enum: valuesOf(RecipientState) }).notNull(),
    reason: text("reason", { enum: valuesOf(RecipientReason) }),
    conversationId: text("conversation_id"),
    messageSeq: integer("message_seq"),
    at: integer("at"),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.contactId] }),
    index("campaign_recipients_state_idx").on(t.campaignId, t.state, t.contactId),
    index("campaign_recipients_contact_idx").on(t.contactId),
  ],
);
