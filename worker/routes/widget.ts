/**
 * @module The web chat widget's API. A visitor proves who it is with the signed token
 * from `POST /widget/sessions`; the conversation is looked up from the token's contact,
 * never taken from the request, so one visitor cannot reach another's conversation.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { database, newId, type Db } from "../db/client";
import { createContactWithConversation, createConversation, latestConversationOf, seedOf } from "../db/conversations";
import { findInboxByPublicKey, type InboxRow } from "../db/inboxes";
import { errors, jsonBody, jsonResponse, router, visitorAuth } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { History, HistoryQuery, MessageAck, WebchatSettings, WidgetPostMessageBody, WidgetSession, WidgetSessionBody } from "../protocol";
import { signVisitorToken, verifyVisitorToken } from "../auth/widget-token";
import { connectToRoom, roomStub } from "../conversation/room-client";
import type { AppEnv } from "../env";

const session = createRoute({
  method: "post",
  path: "/api/v1/widget/sessions",
  request: jsonBody(WidgetSessionBody),
  responses: { 200: jsonResponse(WidgetSession, "The visitor's token and conversation"), 400: errors[400], 404: errors[404] },
});
const history = createRoute({
  method: "get",
  path: "/api/v1/widget/messages",
  security: visitorAuth,
  request: { query: HistoryQuery },
  responses: { 200: jsonResponse(History, "Events the visitor may see, after `after`"), 400: errors[400], 401: errors[401] },
});
const post = createRoute({
  method: "post",
  path: "/api/v1/widget/messages",
  security: visitorAuth,
  request: jsonBody(WidgetPostMessageBody),
  responses: { 201: jsonResponse(MessageAck, "Stored (or already stored under this clientId)"), 400: errors[400], 401: errors[401] },
});
const socket = createRoute({
  method: "get",
  path: "/api/v1/widget/ws",
  request: { query: z.object({ token: z.string().min(1).max(2048), after: z.coerce.number().int().nonnegative().default(0) }) },
  responses: { 101: { description: "WebSocket: ServerFrame out, ClientFrame in" }, 400: errors[400], 401: errors[401] },
});

function settingsOf(inbox: InboxRow): WebchatSettings {
  const parsed = WebchatSettings.safeParse(inbox.settings);
  return parsed.success ? parsed.data : WebchatSettings.parse({});
}

/** The visitor's conversation in the token's inbox, creating a fresh one if none exists. */
async function visitorConversation(db: Db, contactId: string, inboxId: string) {
  const existing = await latestConversationOf(db, contactId, inboxId);
  if (existing) return existing;
  throw new ApiError(401, "invalid_token", "This visitor token no longer matches a conversation; start a new session.");
}

async function visitorFrom(c: Context<AppEnv>, token: string | undefined) {
  const db = database(c.env.DB);
  const claims = token ? await verifyVisitorToken(db, token) : null;
  if (!claims) throw new ApiError(401, "invalid_token", "Missing or invalid visitor token.");
  return { claims, conversation: await visitorConversation(db, claims.contactId, claims.inboxId) };
}

function bearer(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("Authorization");
  return header?.startsWith("Bearer ") ? header.slice(7) : undefined;
}

export const widgetRoutes = router()
  .openapi(session, async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    const inbox = await findInboxByPublicKey(db, body.inbox);
    if (!inbox || inbox.kind !== "webchat") throw new ApiError(404, "inbox_not_found", "No web chat inbox has this key.");
    const claims = body.token ? await verifyVisitorToken(db, body.token) : null;
    let contactId: string;
    let conversationId: string;
    if (claims && claims.inboxId === inbox.id) {
      // A returning visitor keeps its contact and its conversation.
      contactId = claims.contactId;
      const existing = await latestConversationOf(db, contactId, inbox.id);
      conversationId = existing?.id ?? newId();
      if (!existing) await createConversation(db, conversationId, contactId, inbox, Date.now());
    } else {
      contactId = newId();
      conversationId = newId();
      await createContactWithConversation(
        db,
        { contactId, identityId: newId(), conversationId },
        { kind: `webchat:${inbox.id}`, externalId: newId() },
        inbox,
        Date.now(),
      );
    }
    const token = await signVisitorToken(db, { contactId, inboxId: inbox.id });
    return c.json({ token, contactId, conversationId, inbox: { name: inbox.name, settings: settingsOf(inbox) } }, 200);
  })
  .openapi(history, async (c) => {
    const { conversation } = await visitorFrom(c, bearer(c));
    const { after, limit } = c.req.valid("query");
    return c.json(await roomStub(c.env, conversation.id).history(seedOf(conversation), after, limit, "contact"), 200);
  })
  .openapi(post, async (c) => {
    const { claims, conversation } = await visitorFrom(c, bearer(c));
    const body = c.req.valid("json");
    const result = await roomStub(c.env, conversation.id).command(seedOf(conversation), {
      type: "message",
      actor: { type: "contact", id: claims.contactId, name: null },
      kind: "text",
      body: body.body,
      clientId: body.clientId,
    });
    return c.json({ seq: result.seq, duplicate: result.duplicate }, 201);
  })
  .openapi(socket, async (c) => {
    const { token } = c.req.valid("query");
    const { claims, conversation } = await visitorFrom(c, token);
    return connectToRoom(c.env, c.req.raw, conversation, { type: "contact", id: claims.contactId, name: conversation.contactName }) as never;
  });
