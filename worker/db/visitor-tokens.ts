/**
 * @module Revocation of visitor tokens: per-contact and per-inbox generations in D1. A
 * token is revoked when the generation it carries is no longer the current one.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { contacts, inboxes } from "./schema";
import type { VisitorClaims } from "../auth/widget-token";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

/** True when the token's contact or inbox is gone, or either generation moved on. One
 * indexed read (both by primary key). */
export async function isRevoked(db: Db, claims: VisitorClaims): Promise<boolean> {
  const row = await db.get<{ gen: number; ig: number }>(sql`
    SELECT c.token_generation AS gen, i.visitor_token_generation AS ig
    FROM contacts c, inboxes i WHERE c.id = ${claims.contactId} AND i.id = ${claims.inboxId}`);
  if (!row) return true;
  return row.gen !== claims.gen || (claims.ig !== undefined && row.ig !== claims.ig);
}

/** Revokes every token issued for `contactId` so far. */
export async function revokeContactTokens(db: Db, contactId: string): Promise<void> {
  await db.update(contacts).set({ tokenGeneration: sql`${contacts.tokenGeneration} + 1` }).where(eq(contacts.id, contactId));
}

/** Sets a new identity secret and, in the same statement (so neither happens alone),
 * revokes the tokens of every verified visitor of `inboxId`: whoever held the old secret
 * could have forged identify() hashes. Anonymous visitors' tokens never depended on the
 * secret, so they stay valid. */
export async function rotateIdentitySecret(db: Db, inboxId: string, secret: string, audit?: BatchItem<"sqlite">): Promise<void> {
  await writeAudited(
    db,
    db
      .update(inboxes)
      .set({ identitySecret: secret, visitorTokenGeneration: sql`${inboxes.visitorTokenGeneration} + 1` })
      .where(eq(inboxes.id, inboxId)),
    audit,
  );
}
