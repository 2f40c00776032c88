/**
 * @module D1 schema of the customer portal (issue 17; migrations/0030_customer_portal.sql):
 * its settings, one-time sign-in links, customer sessions and passwords, and the subjects
 * of requests opened there. Re-exported by ./schema.ts. The two lookup indexes that
 * migration adds on `contact_identities.external_id` and `contacts.email` (finding a
 * customer by address) are kept in SQL only, beside the tables they index.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { PortalCategory } from "../protocol";
import { contacts, conversations, inboxes } from "./schema";

export const portalSettings = sqliteTable("portal_settings", {
  /** Always PORTAL_SETTINGS_ID: one portal per deployment for now. */
  id: text("id").primaryKey(),
  inboxId: text("inbox_id").references(() => inboxes.id),
  emailInboxId: text("email_inbox_id").references(() => inboxes.id),
  categories: text("categories", { mode: "json" }).notNull().$type<PortalCategory[]>(),
  updatedAt: integer("updated_at").notNull(),
});

export const portalSignInLinks = sqliteTable(
  "portal_sign_in_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("portal_sign_in_links_contact_idx").on(t.contactId)],
);

export const portalSessions = sqliteTable(
  "portal_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** The address the customer signed in with (shown on the portal). */
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("portal_sessions_contact_idx").on(t.contactId)],
);

export const portalPasswords = sqliteTable("portal_passwords", {
  contactId: text("contact_id")
    .primaryKey()
    .references(() => contacts.id, { onDelete: "cascade" }),
  passwordHash: text("password_hash").notNull(),
  passwordSalt: text("password_salt").notNull(),
  passwordIterations: integer("password_iterations").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const portalRequests = sqliteTable("portal_requests", {
  conversationId: text("conversation_id")
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  contactId: text("contact_id")
    .notNull()
    .references(() => contacts.id, { onDelete: "cascade" }),
  subject: text("subject").notNull(),
  categoryId: text("category_id"),
  createdAt: integer("created_at").notNull(),
});
