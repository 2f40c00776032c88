/**
 * @module The `set_priority` action: the contact's own priority, with its effective
 * priority recomputed in the same D1 batch (db/contact-priority.ts, as the contact routes
 * do) and its waiting conversations republished, so they move in their queue at once.
 */
import { eq } from "drizzle-orm";
import type { Env } from "../env";
import type { Db } from "../db/client";
import { contacts } from "../db/schema";
import { contactScope, recomputeStatement } from "../db/contact-priority";
import { republishContacts } from "../pipeline/contact-priority-publish";

export async function setContactPriority(env: Env, db: Db, contactId: string, priority: number): Promise<void> {
  const [updated, moved] = await db.batch([
    db.update(contacts).set({ priority }).where(eq(contacts.id, contactId)).returning({ id: contacts.id }),
    recomputeStatement(db, contactScope(contactId)),
  ]);
  if (updated.length === 0) throw new Error(`contact ${contactId} no longer exists`);
  if (moved.length > 0) await republishContacts(env, db, [contactId]);
}
