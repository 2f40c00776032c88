/**
 * @module Campaigns (issue 16), for admins and owners or an admin token: write a draft
 * (inbox, purpose, template or text, segment), start it — the segment is resolved and
 * split by consent in the batch that starts it, those without consent listed with the
 * reason — then follow its progress, report and recipients. Sending is the campaign's
 * runner's (../campaigns/runner.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOrToken, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { actorOf, mayUseInbox } from "../auth/principal";
import {
  Campaign,
  CampaignDetail,
  CampaignList,
  CampaignRecipientList,
  CampaignRecipientsQuery,
  CreateCampaignBody,
  MAX_CAMPAIGN_RECIPIENTS,
  type ChannelKind,
} from "../protocol";
import { countsOf, findCampaign, insertCampaign, listCampaigns, recipientsPage, segmentContactIds, startStatements, type CampaignRow } from "../db/campaigns";
import { campaignReport } from "../db/campaign-report";
import { consentingContacts } from "../db/consent";
import { findInbox, type InboxRow } from "../db/inboxes";
import { activePurpose } from "../db/outbound";
import { newId } from "../db/client";
import { outboundChannelOf } from "../outbound/start";
import { IdParam } from "./params";
import type { AppEnv } from "../env";

const create = createRoute({
  method: "post",
  path: "/api/v1/campaigns",
  ...adminOrToken,
  request: { ...jsonBody(CreateCampaignBody) },
  responses: { 201: jsonResponse(Campaign, "The draft"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422] },
});
const list = createRoute({
  method: "get",
  path: "/api/v1/campaigns",
  ...adminOrToken,
  responses: { 200: jsonResponse(CampaignList, "The latest campaigns, newest first"), 401: errors[401], 403: errors[403] },
});
const get = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(CampaignDetail, "The campaign, its progress and report"), 401: errors[401], 403: errors[403], 404: errors[404] },
});
const start = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{id}/start",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(CampaignDetail, "Started (recipients resolved, sending under way), or a running one's runner woken"), ...writeErrors, 409: errors[409], 422: errors[422] },
});
const recipients = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{id}/recipients",
  ...adminOrToken,
  request: { params: IdParam, query: CampaignRecipientsQuery },
  responses: { 200: jsonResponse(CampaignRecipientList, "Recipients by contact id, with their state and reason"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

/** The campaign, if the caller may reach its inbox (a limited token: only its inboxes). */
async function loadCampaign(c: Context<AppEnv>, id: string): Promise<CampaignRow> {
  const campaign = await findCampaign(c.var.db, id);
  if (!campaign || !mayUseInbox(c, campaign.inboxId)) throw new ApiError(404, "campaign_not_found", "No campaign with that id.");
  return campaign;
}

async function sendingInbox(c: Context<AppEnv>, inboxId: string): Promise<InboxRow> {
  const inbox = mayUseInbox(c, inboxId) ? await findInbox(c.var.db, inboxId) : undefined;
  if (!inbox || inbox.deletedAt !== null) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  return inbox;
}

function toCampaign(row: CampaignRow, channel: ChannelKind, counts: Campaign["counts"]): Campaign {
  const { id, name, inboxId, purposeId, message, segment, status, createdAt, startedAt, completedAt } = row;
  return { id, name, inboxId, channel, purposeId, message, segment, status, createdAt, startedAt, completedAt, counts };
}

async function detailOf(c: Context<AppEnv>, row: CampaignRow): Promise<CampaignDetail> {
  const db = c.var.db;
  const channel = (await findInbox(db, row.inboxId))?.kind ?? "whatsapp";
  const counts = (await countsOf(db, [row.id])).get(row.id)!;
  return { ...toCampaign(row, channel, counts), report: await campaignReport(db, row, channel) };
}

export const campaignRoutes = router()
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const inbox = await sendingInbox(c, body.inboxId);
    outboundChannelOf(inbox, body.message);
    if (!(await activePurpose(c.var.db, body.purposeId))) throw new ApiError(404, "purpose_not_found", "No active consent purpose with that id.");
    const row = await insertCampaign(c.var.db, { id: newId(), name: body.name, inboxId: inbox.id, purposeId: body.purposeId, message: body.message, segment: body.segment, createdAt: Date.now() });
    return c.json(toCampaign(row, inbox.kind, { pending: 0, skipped: 0, sent: 0, failed: 0 }), 201);
  })
  .openapi(list, async (c) => {
    const rows = (await listCampaigns(c.var.db)).filter((r) => mayUseInbox(c, r.inboxId));
    const counts = await countsOf(c.var.db, rows.map((r) => r.id));
    const kinds = new Map<string, ChannelKind>();
    for (const r of rows) if (!kinds.has(r.inboxId)) kinds.set(r.inboxId, (await findInbox(c.var.db, r.inboxId))?.kind ?? "whatsapp");
    return c.json({ campaigns: rows.map((r) => toCampaign(r, kinds.get(r.inboxId)!, counts.get(r.id)!)) }, 200);
  })
  .openapi(get, async (c) => c.json(await detailOf(c, await loadCampaign(c, c.req.valid("param").id)), 200))
  .openapi(start, async (c) => {
    const db = c.var.db;
    const campaign = await loadCampaign(c, c.req.valid("param").id);
    if (campaign.status === "completed") throw new ApiError(409, "conflict", "This campaign has already been sent.");
    // Running: the start stored everything but may not have reached the runner (this call
    // failed after the batch); starting again wakes it, and changes nothing else.
    if (campaign.status === "running") {
      await c.env.CAMPAIGN_RUNNER.getByName(campaign.id).run(campaign.id);
      return c.json(await detailOf(c, campaign), 200);
    }
    const inbox = await sendingInbox(c, campaign.inboxId);
    const ids = await segmentContactIds(db, campaign.segment, MAX_CAMPAIGN_RECIPIENTS + 1);
    if (ids.length > MAX_CAMPAIGN_RECIPIENTS) {
      throw new ApiError(422, "validation_failed", `The segment has more than ${MAX_CAMPAIGN_RECIPIENTS} contacts: narrow it with another condition.`);
    }
    // Only consenting contacts receive it; the runner checks each again when it sends.
    const consenting = await consentingContacts(db, ids, inbox.kind, campaign.purposeId);
    const now = Date.now();
    const actor = actorOf(c);
    await db.batch(
      startStatements(db, {
        campaign,
        recipients: ids.map((contactId) => (consenting.has(contactId) ? { contactId, state: "pending", reason: null } : { contactId, state: "skipped", reason: "no_consent" })),
        actor: { ...actor, auditType: actor.type === "agent" ? "agent" : "token" },
        origin: new URL(c.req.url).origin,
        ip: c.req.header("CF-Connecting-IP") ?? null,
        now,
      }) as never,
    );
    await c.env.CAMPAIGN_RUNNER.getByName(campaign.id).run(campaign.id);
    return c.json(await detailOf(c, (await findCampaign(db, campaign.id))!), 200);
  })
  .openapi(recipients, async (c) => {
    const campaign = await loadCampaign(c, c.req.valid("param").id);
    const q = c.req.valid("query");
    const rows = await recipientsPage(c.var.db, campaign.id, q.state, q.after, q.limit + 1);
    const page = rows.slice(0, q.limit);
    return c.json({ recipients: page, nextAfter: rows.length > q.limit ? page.at(-1)!.contactId : null }, 200);
  });
