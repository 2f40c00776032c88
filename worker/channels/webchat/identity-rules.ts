/**
 * @module What the web chat's identity settings promise, enforced on the server: a cap on
 * identities per contact, and `requireIdentity` gating every way a visitor can write.
 */
import type { Db } from "../../db/client";
import { identityCount, verifiedUserOf } from "../../db/contacts";
import { ApiError } from "../../http/api-error";
import { MAX_IDENTITIES_PER_CONTACT } from "../../protocol/limits";
import { inboxOfClaims, settingsOf, type Visitor } from "./visitor";

/** 409 `too_many_identities` when `contactId` cannot take one more identity. */
export async function assertRoomForIdentity(db: Db, contactId: string): Promise<void> {
  if ((await identityCount(db, contactId)) >= MAX_IDENTITIES_PER_CONTACT) {
    throw new ApiError(409, "too_many_identities", `A contact can have at most ${MAX_IDENTITIES_PER_CONTACT} identities.`);
  }
}

/** False when the visitor's inbox requires a verified identity and the visitor has none. */
export async function mayWrite(db: Db, claims: Visitor["claims"]): Promise<boolean> {
  const inbox = await inboxOfClaims(db, claims);
  if (!settingsOf(inbox).requireIdentity) return true;
  return (await verifiedUserOf(db, claims.contactId)) !== undefined;
}

/** 403 `identity_required` for a visitor who may not write (messages, uploads). */
export async function assertMayWrite(db: Db, claims: Visitor["claims"]): Promise<void> {
  if (!(await mayWrite(db, claims))) {
    throw new ApiError(403, "identity_required", "This chat needs a verified identity before you can write: the site signs you in with identify().");
  }
}
