/**
 * @module What a one-click unsubscribe records: for each marketing purpose whose e-mail
 * consent is not already revoked, a revocation on the e-mail channel, recorded by the
 * contact themself (source `list_unsubscribe`, the request's IP as evidence where there
 * is one), all in one batch. A second click finds nothing left to revoke and writes
 * nothing: mail clients may POST more than once.
 */
import { consentRecordStatement, currentConsent, marketingPurposeIds } from "../db/consent";
import type { Db } from "../db/client";
import { findContact } from "../db/contacts";

/** Revokes; answers how many purposes it revoked (0: already, or no such contact). */
export async function revokeMarketingEmail(db: Db, contactId: string, at: { ip: string | null; now: number }): Promise<number> {
  // An erased contact keeps no consent to revoke (and no row a record could point at).
  if (!(await findContact(db, contactId))) return 0;
  const statements = [];
  for (const purposeId of await marketingPurposeIds(db)) {
    if ((await currentConsent(db, contactId, "email", purposeId))?.action === "revoke") continue;
    statements.push(
      consentRecordStatement(db, {
        contactId,
        channel: "email",
        purposeId,
        action: "revoke",
        source: "list_unsubscribe",
        recordedBy: { type: "contact", id: contactId, name: null },
        evidence: "RFC 8058 one-click unsubscribe",
        ip: at.ip,
        at: at.now,
      }),
    );
  }
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  return statements.length;
}
