/**
 * @module What identify() and the contact form may claim about a web chat visitor, and
 * which contact the session continues as. A verified claim (the host page signed the user
 * id, ./identity.ts) may move the browser to that user's contact; an unverified one only
 * labels the current, unverified visitor. The widget routes stay thin around this.
 *
 * This is deliberately not the seam's find-or-create (../threads.ts), which derives a
 * contact's id from its identity and never moves an identity once made. A host page's
 * user id (kind `user`) is global, not scoped to an inbox; an unverified claim attaches it
 * to the visitor's existing contact, and a later verified claim may move it to another
 * browser's contact (verifyIdentityFor) or start a fresh contact for a browser that
 * belonged to another signed-in user. A derived id would send that user back to whichever
 * contact first claimed it, unverified — the takeover these rules exist to stop. The
 * conversation a moved session continues in does come from the seam (./visitor.ts).
 */
import type { z } from "zod";
import { newId, type Db } from "../../db/client";
import { USER_IDENTITY, addIdentity, findContact, findIdentity, insertContact, updateContact, verifiedUserOf, verifyIdentityFor, type ContactChanges } from "../../db/contacts";
import type { InboxRow } from "../../db/inboxes";
import { revokeContactTokens } from "../../db/visitor-tokens";
import { ApiError } from "../../http/api-error";
import type { WidgetIdentifyBody } from "../../protocol";
import { verifyIdentityHash } from "./identity";
import { assertRoomForIdentity } from "./identity-rules";
import { settingsOf, type Visitor } from "./visitor";

type IdentifyClaim = z.infer<typeof WidgetIdentifyBody>;

function detailsOf(body: IdentifyClaim): ContactChanges {
  return { name: body.name, email: body.email, phone: body.phone };
}

/** Stores a visitor's own contact details; 400 when the attributes would exceed the cap.
 * Returns the contacts whose effective queue priority changed (attributes may match a
 * segment rule), for the caller to move their waiting conversations. */
export async function applyContactChanges(db: Db, contactId: string, changes: ContactChanges): Promise<string[]> {
  const row = await findContact(db, contactId);
  if (!row) throw new ApiError(401, "invalid_token", "This visitor no longer exists.");
  const moved = await updateContact(db, row, changes);
  if (moved === false) throw new ApiError(400, "validation_failed", "Too many attributes.", [{ path: ["attributes"], message: "too many" }]);
  return moved;
}

/** The contact a verified user id belongs to: its existing one, the current visitor (if
 * not already someone else), or a new contact. Never another unverified visitor's. An
 * anonymous visitor's earlier tokens are revoked when its identity changes. */
async function contactForVerifiedUser(db: Db, visitor: Visitor, userId: string): Promise<string> {
  const now = Date.now();
  const known = await findIdentity(db, USER_IDENTITY, userId);
  const current = visitor.claims.contactId;
  if (known?.verifiedAt != null) {
    if (known.contactId !== current && !(await verifiedUserOf(db, current))) await revokeContactTokens(db, current);
    return known.contactId;
  }
  // An unverified claim proves nothing: whoever made it (any script on any browser) must
  // not receive the user who now proves who they are. Only the browser that made it,
  // verifying now, keeps that contact; otherwise the identity moves to this browser.
  const currentUser = known?.contactId === current ? undefined : await verifiedUserOf(db, current);
  // The browser belonged to another signed-in user (no reset() on logout): start fresh.
  const contactId = currentUser ? newId() : current;
  if (currentUser) await insertContact(db, contactId, now);
  if (known?.contactId !== contactId) await assertRoomForIdentity(db, contactId);
  if (known) await verifyIdentityFor(db, known.id, contactId, now);
  else await addIdentity(db, { id: newId(), contactId, kind: USER_IDENTITY, externalId: userId, verifiedAt: now, createdAt: now });
  // The anonymous visitor became (or moved to) a verified user: tokens issued to it
  // before (copies in other tabs, logs, another script) must not carry over. A verified
  // contact's tokens are left alone: its other devices hold them. The answer's token is
  // signed after this, so it carries the new generation.
  if (!currentUser) await revokeContactTokens(db, current);
  return contactId;
}

/** Applies an identify() claim for `visitor` of `inbox` and returns the contact the
 * session continues as (the visitor's own unless a verified claim moved it). 401
 * `identity_required` when the inbox requires a verified identity and the hash fails. */
export async function identifyVisitor(db: Db, visitor: Visitor, inbox: InboxRow, claim: IdentifyClaim): Promise<string> {
  const verified = await verifyIdentityHash(inbox.identitySecret, claim.id, claim.hash);
  if (!verified && settingsOf(inbox).requireIdentity) {
    throw new ApiError(401, "identity_required", "This chat needs a verified identity: pass the user's hash to identify().");
  }
  if (verified) {
    const contactId = await contactForVerifiedUser(db, visitor, claim.id);
    await applyContactChanges(db, contactId, detailsOf(claim));
    return contactId;
  }
  // Unverified: details only, on the current visitor, and never on a verified contact —
  // a script that knows a user id must not be able to relabel or reach that user.
  const current = visitor.claims.contactId;
  if (!(await verifiedUserOf(db, current))) {
    await applyContactChanges(db, current, detailsOf(claim));
    if (!(await findIdentity(db, USER_IDENTITY, claim.id))) {
      await assertRoomForIdentity(db, current);
      await addIdentity(db, { id: newId(), contactId: current, kind: USER_IDENTITY, externalId: claim.id, createdAt: Date.now() });
    }
  }
  return current;
}
