/**
 * @module A contact's consent ledger (issue 16, LGPD art. 8: the company must prove
 * consent). Agents, and tokens with `contacts:manage`, read it — purposes, the current
 * state per channel and purpose, every record with who, when, how and on what evidence —
 * and record a grant or a revocation on the customer's behalf: the recorder is the caller
 * (agent or token), the IP the caller's, and a `consent.recorded` audit entry lands in the
 * same D1 batch. Records are append-only: the path has no PUT, PATCH or DELETE (405).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { findContact } from "../db/contacts";
import { contactDetail } from "../db/contact-panel";
import { consentRecordsOf, consentRecordStatement, listPurposes } from "../db/consent";
import { findPurpose } from "../db/consent-purposes";
import { auditStatement } from "../db/audit-log";
import { newId } from "../db/client";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { callerInboxes } from "../auth/principal";
import { callerRef } from "../auth/audit-actor";
import { clientIp } from "../audit/entry";
import { effectiveConsentStates } from "../consent/states";
import { agentOr, writeErrors } from "./access";
import { ContactConsent, ConsentRecord, RecordConsentBody } from "../protocol";
import { IdParam } from "./params";
import type { AppEnv } from "../env";

const ledger = createRoute({
  method: "get",
  path: "/api/v1/contacts/{id}/consent",
  ...agentOr("contacts:manage"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(ContactConsent, "Purposes, current states and every record, newest first"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const record = createRoute({
  method: "post",
  path: "/api/v1/contacts/{id}/consent",
  ...agentOr("contacts:manage"),
  request: { params: IdParam, ...jsonBody(RecordConsentBody) },
  responses: { 201: jsonResponse(ConsentRecord, "Recorded"), ...writeErrors, 409: errors[409] },
});

/** 404 unless the contact exists and is within the caller's reach: a token limited to
 * some inboxes reaches only contacts with a conversation there, as on the contact routes. */
async function reachableContact(c: Context<AppEnv>, id: string): Promise<void> {
  const gone = () => new ApiError(404, "contact_not_found", "No contact with that id.");
  if (!(await findContact(c.var.db, id))) throw gone();
  const limited = callerInboxes(c);
  if (limited && !(await contactDetail(c.var.db, id))?.conversations.some((v) => limited.includes(v.inboxId))) throw gone();
}

async function ledgerOf(c: Context<AppEnv>, contactId: string): Promise<ContactConsent> {
  const [purposes, records] = await Promise.all([listPurposes(c.var.db, true), consentRecordsOf(c.var.db, contactId)]);
  return { purposes, states: effectiveConsentStates(records), records };
}

export const contactConsentRoutes = router()
  .openapi(ledger, async (c) => {
    const { id } = c.req.valid("param");
    await reachableContact(c, id);
    return c.json(await ledgerOf(c, id), 200);
  })
  .openapi(record, async (c) => {
    const { id: contactId } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
    await reachableContact(c, contactId);
    const purpose = await findPurpose(db, body.purposeId);
    if (!purpose) throw new ApiError(404, "purpose_not_found", "No consent purpose with that id.", [{ path: ["purposeId"], message: "no such purpose" }]);
    // A revocation is always taken (withdrawing must stay possible, LGPD art. 8 §5); a new
    // grant for a purpose no longer in use is a mistake to point out.
    if (purpose.archivedAt !== null && body.action === "grant") throw new ApiError(409, "conflict", "This purpose is archived: restore it before recording a grant.");
    const by = callerRef(c);
    const saved: ConsentRecord = {
      id: newId(),
      contactId,
      channel: body.channel,
      purposeId: purpose.id,
      action: body.action,
      source: body.source,
      recordedBy: by,
      textShown: body.textShown ?? null,
      evidence: body.evidence ?? null,
      ip: clientIp(c),
      at: Date.now(),
    };
    await db.batch([
      consentRecordStatement(db, saved, saved.id),
      auditStatement(db, { action: "consent.recorded", actor: by, targetType: "contact", targetId: contactId, ip: saved.ip, details: { recordId: saved.id, purposeId: purpose.id, channel: body.channel, action: body.action, source: body.source }, at: saved.at }),
    ]);
    return c.json(saved, 201);
  });
