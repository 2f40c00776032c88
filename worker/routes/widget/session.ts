/**
 * @module The widget's start: public config (look, greeting, online) and the visitor
 * session (a signed token; a returning visitor keeps its contact and conversation).
 */
import { createRoute } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { z } from "zod";
import type { Db } from "../../db/client";
import { findInboxByPublicKey } from "../../db/inboxes";
import { errors, jsonBody, jsonResponse, router } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { WidgetConfig, WidgetSession, WidgetSessionBody } from "../../protocol";
import { isWithinBusinessHours } from "../../channels/webchat/business-hours";
import { conversationFor, newVisitor, publicSettings, renewableClaims, sessionAnswer, settingsOf } from "../../channels/webchat/visitor";
import { SESSIONS_PER_IP, byIp, enforce } from "../../channels/webchat/abuse-limits";
import { recordVisit } from "../../channels/webchat/visitor-context";

const config = createRoute({
  method: "get",
  path: "/api/v1/widget/config",
  request: { query: z.object({ inbox: z.string().min(1).max(64) }) },
  responses: { 200: jsonResponse(WidgetConfig, "How the widget looks and whether the team is online"), 400: errors[400], 404: errors[404] },
});
const session = createRoute({
  method: "post",
  path: "/api/v1/widget/sessions",
  request: jsonBody(WidgetSessionBody),
  responses: { 200: jsonResponse(WidgetSession, "The visitor's token and conversation"), 400: errors[400], 404: errors[404], 429: errors[429] },
});

async function webchatInbox(db: Db, publicKey: string) {
  const inbox = await findInboxByPublicKey(db, publicKey);
  if (!inbox || inbox.kind !== "webchat") throw new ApiError(404, "inbox_not_found", "No web chat inbox has this key.");
  return inbox;
}

export const widgetSessionRoutes = router();
// widget.js reads the config from the customer's page, a foreign origin. It is public and
// cookie-less, so any origin may read it (`*`, no credentials); only GET and its
// preflight, and no other widget route: those are called from our own iframe.
widgetSessionRoutes.use("/api/v1/widget/config", cors({ origin: "*", allowMethods: ["GET"], credentials: false }));
widgetSessionRoutes
  .openapi(config, async (c) => {
    const inbox = await webchatInbox(c.var.db, c.req.valid("query").inbox);
    const withinBusinessHours = isWithinBusinessHours(settingsOf(inbox).businessHours);
    const agents = withinBusinessHours && inbox.teamId ? await c.env.TEAM_QUEUE.getByName(inbox.teamId).presence() : [];
    // Brief shared caching: every page view of every site asks, and a few seconds of
    // staleness on "online" is invisible.
    c.header("Cache-Control", "public, max-age=15");
    return c.json({ name: inbox.name, settings: publicSettings(inbox), online: withinBusinessHours && agents.length > 0, withinBusinessHours }, 200);
  })
  .openapi(session, async (c) => {
    const body = c.req.valid("json");
    const db = c.var.db;
    const inbox = await webchatInbox(db, body.inbox);
    // Also the silent renewal: an expired token within its renewal window, not revoked,
    // gets its visitor a fresh one; anything else starts a new visitor.
    const claims = await renewableClaims(db, body.token, inbox.id);
    if (claims) {
      const returning = await conversationFor(db, claims.contactId, inbox);
      await recordVisit(db, returning.contactId, c.req.raw, body.context, body.locale);
      return c.json(await sessionAnswer(c, inbox, returning), 200);
    }
    // Only new visitors count against the address: returning ones already exist.
    await enforce(c, "new chats", [[byIp(c, "session"), SESSIONS_PER_IP]]);
    const created = await newVisitor(db, inbox);
    await recordVisit(db, created.contactId, c.req.raw, body.context, body.locale);
    return c.json(await sessionAnswer(c, inbox, created), 200);
  });
