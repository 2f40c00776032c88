/**
 * @module What the visitor says about itself and its conversation: identify() (with
 * identity verification), contact details and attributes, "talk to a human", and CSAT.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { newId, type Db } from "../../db/client";
import { USER_IDENTITY, addIdentity, findContact, findIdentity, insertContact, verifyIdentityFor, toWidgetContact, updateContact, verifiedUserOf, type ContactChanges } from "../../db/contacts";
import { errors, jsonBody, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { ConversationStatus, WidgetContact, WidgetContactBody, WidgetCsatBody, WidgetIdentifyBody, WidgetSession } from "../../protocol";
import { roomOf } from "../../conversation/room-client";
import { verifyIdentityHash } from "../../webchat/identity";
import { bearer, conversationFor, inboxOfClaims, sessionAnswer, settingsOf, visitorFrom, type Visitor } from "../../webchat/visitor";
import { IDENTIFY_PER_IP, IDENTIFY_PER_VISITOR, byIp, enforce } from "../../webchat/abuse-limits";
import { assertRoomForIdentity } from "../../webchat/identity-rules";
import { revokeContactTokens } from "../../db/visitor-tokens";
import type { AppEnv } from "../../env";

const auth = { security: visitorAuth };

const identify = createRoute({
  method: "post",
  path: "/api/v1/widget/identify",
  ...auth,
  request: jsonBody(WidgetIdentifyBody),
  responses: {
    200: jsonResponse(WidgetSession, "The session to use from now on (may be another contact's)"),
    400: errors[400],
    401: errors[401],
    409: errors[409],
    429: errors[429],
  },
});
const contact = createRoute({
  method: "patch",
  path: "/api/v1/widget/contact",
  ...auth,
  request: jsonBody(WidgetContactBody),
  responses: { 200: jsonResponse(z.object({ contact: WidgetContact }), "Updated"), 400: errors[400], 401: errors[401] },
});
const handoff = createRoute({
  method: "post",
  path: "/api/v1/widget/handoff",
  ...auth,
  responses: { 200: jsonResponse(z.object({ status: ConversationStatus }), "The conversation's status now"), 401: errors[401] },
});
const csat = createRoute({
  method: "post",
  path: "/api/v1/widget/csat",
  ...auth,
  request: jsonBody(WidgetCsatBody),
  responses: { 201: jsonResponse(z.object({ seq: z.number().int() }), "Rating stored"), 400: errors[400], 401: errors[401], 409: errors[409] },
});

function detailsOf(body: z.infer<typeof WidgetIdentifyBody>): ContactChanges {
  return { name: body.name, email: body.email, phone: body.phone };
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

async function applyChanges(db: Db, contactId: string, changes: ContactChanges) {
  const row = await findContact(db, contactId);
  if (!row) throw new ApiError(401, "invalid_token", "This visitor no longer exists.");
  if (!(await updateContact(db, row, changes))) throw new ApiError(400, "validation_failed", "Too many attributes.", [{ path: ["attributes"], message: "too many" }]);
}

async function handleIdentify(c: Context<AppEnv>, body: z.infer<typeof WidgetIdentifyBody>) {
  const db = c.var.db;
  const visitor = await visitorFrom(c, bearer(c));
  await enforce(c, "identify calls", [
    [`identify:contact:${visitor.claims.contactId}`, IDENTIFY_PER_VISITOR],
    [byIp(c, "identify"), IDENTIFY_PER_IP],
  ]);
  const inbox = await inboxOfClaims(db, visitor.claims);
  const verified = await verifyIdentityHash(inbox.identitySecret, body.id, body.hash);
  if (!verified && settingsOf(inbox).requireIdentity) {
    throw new ApiError(401, "identity_required", "This chat needs a verified identity: pass the user's hash to identify().");
  }
  if (verified) {
    const contactId = await contactForVerifiedUser(db, visitor, body.id);
    await applyChanges(db, contactId, detailsOf(body));
    return sessionAnswer(c, inbox, contactId === visitor.claims.contactId ? visitor.conversation : await conversationFor(db, contactId, inbox));
  }
  // Unverified: details only, on the current visitor, and never on a verified contact —
  // a script that knows a user id must not be able to relabel or reach that user.
  if (!(await verifiedUserOf(db, visitor.claims.contactId))) {
    await applyChanges(db, visitor.claims.contactId, detailsOf(body));
    if (!(await findIdentity(db, USER_IDENTITY, body.id))) {
      await assertRoomForIdentity(db, visitor.claims.contactId);
      await addIdentity(db, { id: newId(), contactId: visitor.claims.contactId, kind: USER_IDENTITY, externalId: body.id, createdAt: Date.now() });
    }
  }
  return sessionAnswer(c, inbox, visitor.conversation);
}

export const widgetContactRoutes = router()
  .openapi(identify, async (c) => c.json(await handleIdentify(c, c.req.valid("json")), 200))
  .openapi(contact, async (c) => {
    const db = c.var.db;
    const visitor = await visitorFrom(c, bearer(c));
    await applyChanges(db, visitor.claims.contactId, c.req.valid("json"));
    const [row, verified] = await Promise.all([findContact(db, visitor.claims.contactId), verifiedUserOf(db, visitor.claims.contactId)]);
    return c.json({ contact: toWidgetContact(row!, verified !== undefined) }, 200);
  })
  .openapi(handoff, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    const result = await roomOf(c.env, conversation).command({ type: "handoff", actor: { type: "contact", id: claims.contactId, name: conversation.contactName } });
    return c.json({ status: result.state.status }, 200);
  })
  .openapi(csat, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    const room = roomOf(c.env, conversation);
    const state = await room.snapshot();
    if (state.status !== "resolved") throw new ApiError(409, "invalid_transition", "Ratings are asked for once the conversation is resolved.");
    const body = c.req.valid("json");
    const result = await room.command({
      type: "csat",
      actor: { type: "contact", id: claims.contactId, name: conversation.contactName },
      rating: body.rating,
      comment: body.comment,
    });
    return c.json({ seq: result.seq }, 201);
  });
