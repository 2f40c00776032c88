/**
 * @module The customer portal's accounts in D1: who a customer is (a contact found by an
 * e-mail address), their one-time sign-in links, sessions and password. Links and
 * sessions keep only the SHA-256 of their secret (auth/encoding.ts), like agents' sessions.
 */
import { and, asc, eq, gt, isNull, like, sql } from "drizzle-orm";
import type { Db } from "./client";
import { contactIdentities, contacts, portalPasswords, portalSessions, portalSignInLinks } from "./schema";
import type { BatchItem } from "drizzle-orm/batch";
import type { PasswordHash } from "../auth/password";
import { writeAudited } from "./audit-conditional";

/** The contact an address names: one known by an e-mail identity (it wrote to an e-mail
 * inbox from that address), else one whose contact e-mail is it (given in the widget or
 * by an agent). Several: the oldest, so the answer does not change between requests.
 * E-mail identities are stored lower-case (channels/email/receive.ts), as `email` is here. */
export async function contactByEmail(db: Db, email: string): Promise<string | null> {
  const [byIdentity, byContact] = await db.batch([
    db
      .select({ id: contacts.id })
      .from(contactIdentities)
      .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
      .where(and(eq(contactIdentities.externalId, email), like(contactIdentities.kind, "email:%")))
      .orderBy(asc(contacts.createdAt), asc(contacts.id))
      .limit(1),
    db.select({ id: contacts.id }).from(contacts).where(eq(contacts.email, email)).orderBy(asc(contacts.createdAt), asc(contacts.id)).limit(1),
  ]);
  return byIdentity[0]?.id ?? byContact[0]?.id ?? null;
}

export async function insertSignInLink(db: Db, row: { tokenHash: string; contactId: string; email: string; now: number; expiresAt: number }): Promise<void> {
  await db.insert(portalSignInLinks).values({ tokenHash: row.tokenHash, contactId: row.contactId, email: row.email, createdAt: row.now, expiresAt: row.expiresAt });
}

/** Uses the link once: marks it used and returns whom it signs in, in one statement, so
 * two concurrent redemptions cannot both succeed. Unknown, used or expired: null. */
export async function consumeSignInLink(db: Db, tokenHash: string, now: number): Promise<{ contactId: string; email: string } | null> {
  const row = await db
    .update(portalSignInLinks)
    .set({ usedAt: now })
    .where(and(eq(portalSignInLinks.tokenHash, tokenHash), isNull(portalSignInLinks.usedAt), gt(portalSignInLinks.expiresAt, now)))
    .returning({ contactId: portalSignInLinks.contactId, email: portalSignInLinks.email })
    .get();
  return row ?? null;
}

/** `audit`: its entry, written in the same batch (worker/audit/entry.ts `audited`). */
export async function insertPortalSession(db: Db, row: { tokenHash: string; contactId: string; email: string; now: number; expiresAt: number }, audit?: BatchItem<"sqlite">): Promise<void> {
  await writeAudited(db, db.insert(portalSessions).values({ tokenHash: row.tokenHash, contactId: row.contactId, email: row.email, createdAt: row.now, expiresAt: row.expiresAt }), audit);
}

export async function findLivePortalSession(db: Db, tokenHash: string, now: number) {
  return db
    .select({ contactId: portalSessions.contactId, email: portalSessions.email, name: contacts.name, nameGenerated: contacts.nameGenerated })
    .from(portalSessions)
    .innerJoin(contacts, eq(contacts.id, portalSessions.contactId))
    .where(and(eq(portalSessions.tokenHash, tokenHash), isNull(portalSessions.revokedAt), gt(portalSessions.expiresAt, now)))
    .get();
}

export async function revokePortalSession(db: Db, tokenHash: string, now: number): Promise<void> {
  await db.update(portalSessions).set({ revokedAt: now }).where(eq(portalSessions.tokenHash, tokenHash));
}

/** Ends every other session of the contact (after a password change). */
export async function revokeOtherPortalSessions(db: Db, contactId: string, keepHash: string, now: number): Promise<void> {
  await db
    .update(portalSessions)
    .set({ revokedAt: now })
    .where(and(eq(portalSessions.contactId, contactId), isNull(portalSessions.revokedAt), sql`${portalSessions.tokenHash} <> ${keepHash}`));
}

export async function portalPasswordOf(db: Db, contactId: string): Promise<PasswordHash | null> {
  const row = await db.select().from(portalPasswords).where(eq(portalPasswords.contactId, contactId)).get();
  return row ? { hash: row.passwordHash, salt: row.passwordSalt, iterations: row.passwordIterations } : null;
}

export async function savePortalPassword(db: Db, contactId: string, password: PasswordHash, now: number, audit?: BatchItem<"sqlite">): Promise<void> {
  const values = { passwordHash: password.hash, passwordSalt: password.salt, passwordIterations: password.iterations, updatedAt: now };
  await writeAudited(db, db.insert(portalPasswords).values({ contactId, ...values }).onConflictDoUpdate({ target: portalPasswords.contactId, set: values }), audit);
}
