/**
 * @module D1 reads of company-initiated messages (issue 16, ../outbound): a contact's
 * channel identities (where a first message can go) and a consent purpose.
 */
import { and, eq, isNull, like } from "drizzle-orm";
import type { Db } from "./client";
import { consentPurposes, contactIdentities } from "./schema";
import type { ConsentPurpose } from "../protocol";

/** The contact's external ids on channel `kind`, in any inbox of that kind ("whatsapp:…"),
 * the inbox's own first. */
export async function channelIdentitiesOf(db: Db, contactId: string, kind: string, ownKind: string): Promise<string[]> {
  const rows = await db
    .select({ kind: contactIdentities.kind, externalId: contactIdentities.externalId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, contactId), like(contactIdentities.kind, `${kind}:%`)))
    .all();
  return [...rows.filter((r) => r.kind === ownKind), ...rows.filter((r) => r.kind !== ownKind)].map((r) => r.externalId);
}

/** A purpose consent can be given for now (archived ones take no new sends). */
export async function activePurpose(db: Db, id: string): Promise<ConsentPurpose | undefined> {
  return db.select().from(consentPurposes).where(and(eq(consentPurposes.id, id), isNull(consentPurposes.archivedAt))).get();
}
