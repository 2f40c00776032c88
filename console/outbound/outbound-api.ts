/**
 * @module The console's calls for company-initiated messages and campaigns (issue 16).
 * The consent purposes come from the ledger API (GET /api/v1/consent/purposes).
 */
import { z } from "zod";
import type { z as zod } from "zod";
import { Campaign, CampaignDetail, CampaignList, CampaignRecipientList, ConsentPurpose, CreateCampaignBody, OutboundBody, OutboundResult, type RecipientState } from "../../worker/protocol";
import { call, queryString } from "../api";

const PurposeList = z.object({ purposes: z.array(ConsentPurpose) });
const campaign = (id: string) => `/api/v1/campaigns/${encodeURIComponent(id)}`;

export const outboundApi = {
  purposes: async () => (await call(PurposeList, "/api/v1/consent/purposes")).purposes.filter((p) => p.archivedAt === null),
  start: (body: zod.input<typeof OutboundBody>) => call(OutboundResult, "/api/v1/conversations/outbound", { method: "POST", body }),
  campaigns: async () => (await call(CampaignList, "/api/v1/campaigns")).campaigns,
  createCampaign: (body: zod.input<typeof CreateCampaignBody>) => call(Campaign, "/api/v1/campaigns", { method: "POST", body }),
  campaign: (id: string) => call(CampaignDetail, campaign(id)),
  startCampaign: (id: string) => call(CampaignDetail, `${campaign(id)}/start`, { method: "POST" }),
  recipients: (id: string, state: RecipientState, after?: string) => call(CampaignRecipientList, `${campaign(id)}/recipients?${queryString({ state, after, limit: 100 })}`),
};
