/**
 * @module Consent purposes (issue 16): what consent is asked for ("atendimento", "avisos
 * de pedido", "marketing"). Every agent reads them (recording consent needs them), as does
 * a token with `contacts:manage`; admins create and change them. A purpose is archived,
 * never deleted: the ledger's records point at it. The key is unique (409) and is how a
 * WhatsApp template's opt-in button names the purpose (`sb-consent:<key>`). Each change
 * writes a `consent.purpose_changed` audit entry in the same D1 batch.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { newId } from "../db/client";
import { listPurposes } from "../db/consent";
import { findPurpose, insertPurposeStatement, updatePurposeStatement, type PurposeChanges } from "../db/consent-purposes";
import { auditStatement } from "../db/audit-log";
import { unlessDuplicate } from "../db/constraint-errors";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { callerRef } from "../auth/audit-actor";
import { clientIp } from "../audit/entry";
import { adminOrToken, agentOr, writeErrors } from "./access";
import { ConsentPurpose, ConsentPurposeList, CreateConsentPurposeBody, UpdateConsentPurposeBody } from "../protocol";
import { IdParam } from "./params";
import type { AppEnv } from "../env";

const taken = () => new ApiError(409, "conflict", "A consent purpose with this key already exists.");
const missing = () => new ApiError(404, "purpose_not_found", "No consent purpose with that id.");

const list = createRoute({
  method: "get",
  path: "/api/v1/consent/purposes",
  ...agentOr("contacts:manage"),
  responses: { 200: jsonResponse(ConsentPurposeList, "Every purpose, archived ones included, oldest first"), 401: errors[401], 403: errors[403] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/consent/purposes",
  ...adminOrToken,
  request: jsonBody(CreateConsentPurposeBody),
  responses: { 201: jsonResponse(ConsentPurpose, "Purpose created"), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/consent/purposes/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateConsentPurposeBody) },
  responses: { 200: jsonResponse(ConsentPurpose, "Purpose changed (or archived, or back from the archive)"), ...writeErrors, 409: errors[409] },
});

/** The audit entry of a purpose change: who, what, and the fields (names, never text the
 * customer wrote). */
function purposeAudit(c: Context<AppEnv>, purposeId: string, change: "created" | "updated" | "archived" | "restored", fields: string[], at: number) {
  return auditStatement(c.var.db, { action: "consent.purpose_changed", actor: callerRef(c), targetType: "purpose", targetId: purposeId, ip: clientIp(c), details: { change, fields }, at });
}

export const consentPurposeRoutes = router()
  .openapi(list, async (c) => c.json({ purposes: await listPurposes(c.var.db, true) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const now = Date.now();
    const purpose: ConsentPurpose = { id: newId(), key: body.key, name: body.name, description: body.description, marketing: body.marketing, createdAt: now, archivedAt: null };
    const db = c.var.db;
    const done = await unlessDuplicate(db.batch([insertPurposeStatement(db, purpose), purposeAudit(c, purpose.id, "created", Object.keys(body), now)]));
    if (done === "duplicate") throw taken();
    return c.json(purpose, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const { archived, ...rest } = c.req.valid("json");
    const db = c.var.db;
    const before = await findPurpose(db, id);
    if (!before) throw missing();
    const now = Date.now();
    const changes: PurposeChanges = { ...rest };
    // Archiving again keeps the first date; only a change of state moves it.
    if (archived !== undefined && archived !== (before.archivedAt !== null)) changes.archivedAt = archived ? now : null;
    // Nothing to change (archiving an archived purpose): nothing to write or audit.
    if (Object.keys(changes).length === 0) return c.json(before, 200);
    const change = changes.archivedAt === undefined ? "updated" : changes.archivedAt === null ? "restored" : "archived";
    const fields = Object.keys(c.req.valid("json"));
    const done = await unlessDuplicate(db.batch([updatePurposeStatement(db, id, changes), purposeAudit(c, id, change, fields, now)]));
    if (done === "duplicate") throw taken();
    return c.json((await findPurpose(db, id))!, 200);
  });
