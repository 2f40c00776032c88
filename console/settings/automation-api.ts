/**
 * @module Settings → Automation: the admin's calls for automation rules. Each response is
 * parsed with the protocol's schema (see ../api.ts `call`).
 */
import { z } from "zod";
import { AutomationRuleList, AutomationRuleSaved, type CreateAutomationRuleBody, type UpdateAutomationRuleBody } from "../../worker/protocol";
import { call } from "../api";

const PATH = "/api/v1/automation-rules";
const rulePath = (id: string) => `${PATH}/${encodeURIComponent(id)}`;

export const automationApi = {
  list: async () => (await call(AutomationRuleList, PATH)).rules,
  create: (body: CreateAutomationRuleBody) => call(AutomationRuleSaved, PATH, { method: "POST", body }),
  update: (id: string, body: UpdateAutomationRuleBody) => call(AutomationRuleSaved, rulePath(id), { method: "PATCH", body }),
  remove: (id: string) => call(z.object({ ok: z.literal(true) }), rulePath(id), { method: "DELETE" }),
  /** Every rule's id in the new order; the answer is the whole list as stored. */
  reorder: async (ids: string[]) => (await call(AutomationRuleList, `${PATH}/order`, { method: "PUT", body: { ids } })).rules,
};
