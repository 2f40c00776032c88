/**
 * @module The pre-chat form's opt-in checkbox (issue 16): the visitor ticked it, so a
 * consent grant is recorded for the inbox's purpose and channel, with the visitor as the
 * recorder, the exact sentence shown, the form's id as evidence and the visitor's IP.
 * The sentence is checked against the inbox's own for the language the widget showed
 * (../../protocol/consent-text.ts): a client that claims a different text is refused
 * (422), so the ledger can only ever say the customer saw what the inbox configured.
 * The record's id is derived from the contact and the form's id, so a resent form records
 * nothing new.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { consentRecordStatement, storedConsentRecordIds } from "../../db/consent";
import { findPurpose } from "../../db/consent-purposes";
import { errors, jsonBody, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { ApiError } from "../../http/api-error";
import { consentTextFor, WidgetConsentBody } from "../../protocol";
import { bearer, inboxOfClaims, settingsOf, visitorFrom } from "../../channels/webchat/visitor";
import { clientIp } from "../../audit/entry";
import { CONSENTS_PER_VISITOR, enforce } from "../../channels/webchat/abuse-limits";

const consent = createRoute({
  method: "post",
  path: "/api/v1/widget/consent",
  security: visitorAuth,
  request: jsonBody(WidgetConsentBody),
  responses: {
    201: jsonResponse(z.object({ id: z.string(), duplicate: z.boolean() }), "Recorded (duplicate: this form was recorded before)"),
    400: errors[400],
    401: errors[401],
    409: errors[409],
    422: errors[422],
    429: errors[429],
  },
});

export const widgetConsentRoutes = router().openapi(consent, async (c) => {
  const body = c.req.valid("json");
  const db = c.var.db;
  const { claims } = await visitorFrom(c, bearer(c));
  const checkbox = settingsOf(await inboxOfClaims(db, claims)).preChatForm.consent;
  if (!checkbox) throw new ApiError(409, "consent_not_offered", "This inbox's pre-chat form has no opt-in checkbox.");
  const purpose = await findPurpose(db, checkbox.purposeId);
  if (!purpose || purpose.archivedAt !== null) throw new ApiError(409, "consent_not_offered", "The opt-in checkbox's purpose is no longer in use.");
  const shown = consentTextFor(checkbox.text, body.locale);
  if (body.textShown !== shown) {
    throw new ApiError(422, "consent_text_mismatch", "This is not the opt-in text this inbox shows; reload the chat.", [{ path: ["textShown"], message: "not the inbox's opt-in text" }]);
  }
  const id = `wc:${claims.contactId}:${body.formId}`;
  if ((await storedConsentRecordIds(db, [id])).length > 0) return c.json({ id, duplicate: true }, 201);
  await enforce(c, "opt-in answers", [[`consent:contact:${claims.contactId}`, CONSENTS_PER_VISITOR]]);
  const recorder = { type: "contact" as const, id: claims.contactId, name: null };
  const record = { contactId: claims.contactId, channel: checkbox.channel, purposeId: purpose.id, action: "grant" as const, source: "widget_checkbox" as const, recordedBy: recorder, textShown: shown, evidence: `form:${body.formId}`, ip: clientIp(c), at: Date.now() };
  // The customer recorded their own consent: no audit entry (the audit log is for what
  // agents and tokens do on someone's behalf).
  await consentRecordStatement(db, record, id, { ifAbsent: true });
  return c.json({ id, duplicate: false }, 201);
});
