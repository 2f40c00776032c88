/**
 * @module Settings → Routing: the admin's calls for routing rules. Each response is
 * parsed with the protocol's schema (see ../api.ts `call`).
 */
import { z } from "zod";
import { RoutingRule, RoutingRuleList, type CreateRoutingRuleBody, type UpdateRoutingRuleBody } from "../../worker/protocol";
import { call } from "../api";

const rulePath = (id: string) => `/api/v1/routing-rules/${encodeURIComponent(id)}`;

export const routingApi = {
  list: async () => (await call(RoutingRuleList, "/api/v1/routing-rules")).rules,
  create: (body: CreateRoutingRuleBody) => call(RoutingRule, "/api/v1/routing-rules", { method: "POST", body }),
  update: (id: string, body: UpdateRoutingRuleBody) => call(RoutingRule, rulePath(id), { method: "PATCH", body }),
  remove: (id: string) => call(z.object({ ok: z.literal(true) }), rulePath(id), { method: "DELETE" }),
  /** Every rule's id in the new order; the answer is the whole list as stored. */
  reorder: async (ids: string[]) => (await call(RoutingRuleList, "/api/v1/routing-rules/order", { method: "PUT", body: { ids } })).rules,
};
