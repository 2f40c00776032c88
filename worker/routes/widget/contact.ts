/**
 * @module What the visitor says about itself and its conversation: identify() (with
 * identity verification), contact details and attributes, "talk to a human", and CSAT.
 * The rules for what a claim may do live in ../../channels/webchat/identify.ts.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { findContact, toWidgetContact, verifiedUserOf } from "../../db/contacts";
import { errors, jsonBody, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { ConversationStatus, WidgetContact, WidgetContactBody, WidgetCsatBody, WidgetIdentifyBody, WidgetSession } from "../../protocol";
import { roomOf } from "../../conversation/room-client";
import { applyContactChanges, identifyVisitor } from "../../channels/webchat/identify";
import { republishContacts } from "../../pipeline/contact-priority-publish";
import { publishContactUpdated } from "../../webhooks/contact-events";
import { bearer, conversationFor, inboxOfClaims, sessionAnswer, visitorFrom } from "../../channels/webchat/visitor";
import { IDENTIFY_PER_IP, IDENTIFY_PER_VISITOR, byIp, enforce } from "../../channels/webchat/abuse-limits";
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

async function handleIdentify(c: Context<AppEnv>, body: z.infer<typeof WidgetIdentifyBody>) {
  const db = c.var.db;
  const visitor = await visitorFrom(c, bearer(c));
  await enforce(c, "identify calls", [
    [`identify:contact:${visitor.claims.contactId}`, IDENTIFY_PER_VISITOR],
    [byIp(c, "identify"), IDENTIFY_PER_IP],
  ]);
  const inbox = await inboxOfClaims(db, visitor.claims);
  const contactId = await identifyVisitor(db, visitor, inbox, body);
  return sessionAnswer(c, inbox, contactId === visitor.claims.contactId ? visitor.conversation : await conversationFor(db, contactId, inbox));
}

export const widgetContactRoutes = router()
  .openapi(identify, async (c) => c.json(await handleIdentify(c, c.req.valid("json")), 200))
  .openapi(contact, async (c) => {
    const db = c.var.db;
    const visitor = await visitorFrom(c, bearer(c));
    // setAttributes() may make the visitor match a segment rule: their waiting
    // conversation moves in its queue before the answer (awaited, so it is done by then).
    await republishContacts(c.env, db, await applyContactChanges(db, visitor.claims.contactId, c.req.valid("json")));
    await publishContactUpdated(c.env, db, visitor.claims.contactId);
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
