/**
 * @module D1 schema of the contact's rights (issue 16, migrations/0027_contact_rights.sql):
 * the erasures asked for. The inbox's retention period and the conversation's `erased_at`
 * are columns of their tables in ./schema.ts. Re-exported by ./schema.ts.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ErasureCounts } from "../protocol";
import { contacts } from "./schema";

/** Who asked for an erasure, kept until the audit entry is written with its completion. */
export interface ErasureActor {
  type: "agent" | "token" | "system";
  id: string | null;
  name: string | null;
}

export const contactErasures = sqliteTable(
  "contact_erasures",
  {
    contactId: text("contact_id")
      .primaryKey()
      .references(() => contacts.id),
    requestedAt: integer("requested_at").notNull(),
    actor: text("actor", { mode: "json" }).notNull().$type<ErasureActor>(),
    ip: text("ip"),
    attempts: integer("attempts").notNull().default(0),
    completedAt: integer("completed_at"),
    counts: text("counts", { mode: "json" }).notNull().$type<Partial<ErasureCounts>>().default(sql`'{}'`),
  },
  (t) => [index("contact_erasures_pending_idx").on(t.requestedAt).where(sql`${t.completedAt} IS NULL`)],
);
