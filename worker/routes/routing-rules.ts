/**
 * @module Routing rules, for admins: list in evaluation order, create (it goes last),
 * change, delete, reorder. A rule naming a team, inbox or tag that does not exist is
 * refused before anything is written.
 */
import { createRoute } from "@hono/zod-openapi";
import { newId, type Db } from "../db/client";
import {
  countRoutingRules,
  deleteRoutingRule,
  findRoutingRule,
  insertRoutingRule,
  listRoutingRules,
  reorderRoutingRules,
  unknownReferences,
  updateRoutingRule,
} from "../db/routing-rules";
import { isUniqueViolation } from "../db/constraint-errors";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import {
  CreateRoutingRuleBody,
  MAX_ROUTING_RULES,
  RoutingRule,
  RoutingRuleList,
  RoutingRuleOrderBody,
  UpdateRoutingRuleBody,
  type RoutingConditions,
} from "../protocol";
import { adminOrToken, writeErrors } from "./access";
import { IdParam } from "./params";
import { z } from "zod";
import { settingsChanged } from "../audit/entry";

const list = createRoute({
  method: "get",
  path: "/api/v1/routing-rules",
  ...adminOrToken,
  responses: { 200: jsonResponse(RoutingRuleList, "Every rule, in evaluation order"), 401: errors[401], 403: errors[403] },
});

const create = createRoute({
  method: "post",
  path: "/api/v1/routing-rules",
  ...adminOrToken,
  request: jsonBody(CreateRoutingRuleBody),
  responses: { 201: jsonResponse(RoutingRule, "Rule created, evaluated after every other"), ...writeErrors, 409: errors[409] },
});

const update = createRoute({
  method: "patch",
  path: "/api/v1/routing-rules/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateRoutingRuleBody) },
  responses: { 200: jsonResponse(RoutingRule, "Rule changed"), ...writeErrors },
});

const remove = createRoute({
  method: "delete",
  path: "/api/v1/routing-rules/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Rule deleted"), 401: errors[401], 403: errors[403], 404: errors[404] },
});

const order = createRoute({
  method: "put",
  path: "/api/v1/routing-rules/order",
  ...adminOrToken,
  request: jsonBody(RoutingRuleOrderBody),
  responses: { 200: jsonResponse(RoutingRuleList, "Rules in their new order"), ...writeErrors, 409: errors[409] },
});

const ruleNotFound = () => new ApiError(404, "routing_rule_not_found", "No routing rule with that id.");

/** 404 naming the first team, inbox or tag the rule points at that does not exist. */
async function checkReferences(db: Db, teamId: string | undefined, conditions: RoutingConditions | undefined): Promise<void> {
  const missing = await unknownReferences(db, { teamIds: teamId ? [teamId] : [], inboxIds: conditions?.inboxIds ?? [], tagIds: conditions?.contactTagIds ?? [] });
  const issue = (path: Array<string | number>, message: string) => [{ path, message }];
  if (missing.teamIds.length > 0) throw new ApiError(404, "team_not_found", `No team with id ${missing.teamIds[0]}.`, issue(["teamId"], "unknown team"));
  if (missing.inboxIds.length > 0) throw new ApiError(404, "inbox_not_found", `No inbox with id ${missing.inboxIds[0]}.`, issue(["conditions", "inboxIds"], "unknown inbox"));
  if (missing.tagIds.length > 0) throw new ApiError(404, "tag_not_found", `No tag with id ${missing.tagIds[0]}.`, issue(["conditions", "contactTagIds"], "unknown tag"));
}

export const routingRuleRoutes = router()
  .openapi(list, async (c) => c.json({ rules: await listRoutingRules(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    await checkReferences(c.var.db, body.teamId, body.conditions);
    if ((await countRoutingRules(c.var.db)) >= MAX_ROUTING_RULES) {
      throw new ApiError(409, "conflict", `At most ${MAX_ROUTING_RULES} routing rules; delete one first.`);
    }
    const id = newId();
    const rule = await insertRoutingRule(c.var.db, { id, ...body }, Date.now(), settingsChanged(c, "routing_rules", "created", { type: "routing_rule", id }, { name: body.name })).catch((err) => {
      // Two creates took the same last position at once: nothing was written; send again.
      if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "Another rule was added at the same moment; try again.");
      throw err;
    });
    return c.json(rule, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const before = await findRoutingRule(c.var.db, id);
    if (!before) throw ruleNotFound();
    await checkReferences(c.var.db, changes.teamId, changes.conditions);
    const rule = await updateRoutingRule(c.var.db, id, changes, Date.now(), settingsChanged(c, "routing_rules", "updated", { type: "routing_rule", id }, { name: changes.name ?? before.name, fields: changes }));
    if (!rule) throw ruleNotFound();
    return c.json(rule, 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deleteRoutingRule(c.var.db, id, settingsChanged(c, "routing_rules", "deleted", { type: "routing_rule", id })))) throw ruleNotFound();
    return c.json({ ok: true as const }, 200);
  })
  .openapi(order, async (c) => {
    const { ids } = c.req.valid("json");
    const current = await listRoutingRules(c.var.db);
    const known = new Set(current.map((r) => r.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new ApiError(404, "routing_rule_not_found", `No routing rule with id ${unknown}.`, [{ path: ["ids", ids.indexOf(unknown)], message: "unknown rule" }]);
    // Every rule once: an order that leaves one out is from a stale list.
    if (ids.length !== current.length) throw new ApiError(409, "conflict", "The rules changed since this list was read; reload and order them again.");
    await reorderRoutingRules(c.var.db, ids, settingsChanged(c, "routing_rules", "reordered", { type: "routing_rule", id: null }, { ids }));
    return c.json({ rules: await listRoutingRules(c.var.db) }, 200);
  });
