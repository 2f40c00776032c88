/**
 * @module Starting a conversation (issue 16): an agent, or a token with `messages:write`,
 * writes first to a contact on a WhatsApp, SMS or e-mail inbox for a consent purpose.
 * Refused with 422 `consent_required` (nothing sent or created) when the ledger holds no
 * consent and the customer has not written in 24 hours; see ../outbound/start.ts.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { actorOf, callerInboxes, mayUseInbox } from "../auth/principal";
import { OutboundBody, OutboundResult } from "../protocol";
import { findContact, type ContactRow } from "../db/contacts";
import { findInbox, type InboxRow } from "../db/inboxes";
import { activePurpose } from "../db/outbound";
import { contactDetail } from "../db/contact-panel";
import { startOutbound } from "../outbound/start";
import type { AppEnv } from "../env";

const start = createRoute({
  method: "post",
  path: "/api/v1/conversations/outbound",
  ...agentOr("messages:write"),
  request: { ...jsonBody(OutboundBody) },
  responses: {
    201: jsonResponse(OutboundResult, "Queued for delivery (or already queued under this clientId)"),
    ...writeErrors,
    // consent_required, no_identity_on_channel, channel_not_supported,
    // outbound_content_mismatch, recipient_unreachable, outside_service_window.
    422: errors[422],
  },
});

/** The inbox, contact and purpose the body names, as the caller may reach them: a token
 * limited to some inboxes writes only there, and only to contacts it can see (with a
 * conversation in one of them); anything else is 404, as if it did not exist. */
export async function outboundTargets(c: Context<AppEnv>, body: Pick<OutboundBody, "inboxId" | "contactId" | "purposeId">): Promise<{ inbox: InboxRow; contact: ContactRow; purpose: { id: string; marketing: boolean } }> {
  const db = c.var.db;
  const inbox = mayUseInbox(c, body.inboxId) ? await findInbox(db, body.inboxId) : undefined;
  if (!inbox || inbox.deletedAt !== null) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  const contact = await findContact(db, body.contactId);
  const limited = callerInboxes(c);
  const visible = contact && (!limited || (await contactDetail(db, contact.id))?.conversations.some((v) => limited.includes(v.inboxId)));
  if (!contact || !visible) throw new ApiError(404, "contact_not_found", "No contact with that id.");
  const purpose = await activePurpose(db, body.purposeId);
  if (!purpose) throw new ApiError(404, "purpose_not_found", "No active consent purpose with that id.");
  return { inbox, contact, purpose };
}

export const outboundRoutes = router().openapi(start, async (c) => {
  const body = c.req.valid("json");
  const { inbox, contact, purpose } = await outboundTargets(c, body);
  const result = await startOutbound(c.env, c.var.db, {
    inbox,
    contact,
    purpose,
    message: body.message,
    clientId: body.clientId ?? null,
    actor: actorOf(c),
    origin: new URL(c.req.url).origin,
    now: Date.now(),
  });
  return c.json(result, 201);
});
