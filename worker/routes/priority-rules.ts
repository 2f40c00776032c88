/**
 * @module Segment rules (issue 14, the waiting list's rule 4), admins only: list, create,
 * change and delete the rules that lift every contact with a tag, or with an attribute
 * value, to a queue priority. Each write recomputes the affected contacts' effective
 * priority in its D1 batch, then (awaited) moves their waiting conversations in their
 * team queues before answering.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { newId } from "../db/client";
import { createRule, deleteRule, findRule, listRules, updateRule, type RuleRefusal, type RuleWrite } from "../db/priority-rules";
import { republishContacts } from "../pipeline/contact-priority-publish";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { adminOrToken, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { CreatePriorityRuleBody, MAX_PRIORITY_RULES, Ok, PriorityRule, PriorityRuleList, UpdatePriorityRuleBody, type PriorityCondition } from "../protocol";
import { IdParam } from "./params";
import type { AppEnv } from "../env";
import { settingsChanged } from "../audit/entry";

/** A rule changed between our read and our write (another admin): read it again. */
const MAX_ATTEMPTS = 3;

const list = createRoute({
  method: "get",
  path: "/api/v1/priority-rules",
  ...adminOrToken,
  responses: { 200: jsonResponse(PriorityRuleList, "Every segment rule, highest priority first"), 401: errors[401], 403: errors[403] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/priority-rules",
  ...adminOrToken,
  request: jsonBody(CreatePriorityRuleBody),
  responses: { 201: jsonResponse(PriorityRule, "Rule created; matching contacts lifted"), ...writeErrors, 409: errors[409] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/priority-rules/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdatePriorityRuleBody) },
  responses: { 200: jsonResponse(PriorityRule, "Rule changed; contacts it matched before or matches now recomputed"), ...writeErrors, 409: errors[409] },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/priority-rules/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Rule deleted; the contacts it matched recomputed"), ...writeErrors },
});

const missing = () => new ApiError(404, "priority_rule_not_found", "No priority rule with that id.");

function refused(why: RuleRefusal): ApiError {
  switch (why) {
    case "tag_not_found":
      return new ApiError(404, "tag_not_found", "No tag with that id.");
    case "too_many":
      return new ApiError(409, "conflict", `There can be at most ${MAX_PRIORITY_RULES} priority rules.`);
    case "duplicate":
      return new ApiError(409, "conflict", "Another rule already matches this tag or attribute value.");
    case "not_found":
      return missing();
    case "changed":
      return new ApiError(409, "conflict", "Another admin changed this rule at the same time; try again.");
  }
}

/** The rule's condition after `patch`: only the fields of the rule's own kind may change. */
function patched(rule: PriorityRule, patch: UpdatePriorityRuleBody): PriorityCondition {
  if (rule.kind === "tag") {
    const wrong = (["key", "value"] as const).filter((k) => patch[k] !== undefined);
    if (wrong.length > 0) throw new ApiError(400, "validation_failed", "A tag rule has no attribute key or value.", wrong.map((k) => ({ path: [k], message: "not on a tag rule" })));
    return { kind: "tag", tagId: patch.tagId ?? rule.tagId };
  }
  if (patch.tagId !== undefined) throw new ApiError(400, "validation_failed", "An attribute rule has no tag.", [{ path: ["tagId"], message: "not on an attribute rule" }]);
  return { kind: "attribute", key: patch.key ?? rule.key, value: patch.value ?? rule.value };
}

/** Runs a write against the rule as read now, again if another admin changed it meanwhile. */
async function withCurrentRule<T>(c: Context<AppEnv>, id: string, write: (rule: PriorityRule) => Promise<T | RuleRefusal>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const rule = await findRule(c.var.db, id);
    if (!rule) throw missing();
    const result = await write(rule);
    if (result === "changed" && attempt < MAX_ATTEMPTS) continue;
    if (typeof result === "string") throw refused(result as RuleRefusal);
    return result;
  }
}

async function moved(c: Context<AppEnv>, write: RuleWrite): Promise<PriorityRule> {
  await republishContacts(c.env, c.var.db, write.moved);
  return write.rule;
}

export const priorityRuleRoutes = router()
  .openapi(list, async (c) => c.json({ rules: await listRules(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const { priority, ...condition } = c.req.valid("json");
    const id = newId();
    const result = await createRule(c.var.db, id, condition, priority, Date.now(), settingsChanged(c, "priority_rules", "created", { type: "priority_rule", id }, { kind: condition.kind, priority }));
    if (typeof result === "string") throw refused(result);
    return c.json(await moved(c, result), 201);
  })
  .openapi(update, async (c) => {
    const patch = c.req.valid("json");
    const { id } = c.req.valid("param");
    const audit = settingsChanged(c, "priority_rules", "updated", { type: "priority_rule", id }, { fields: patch });
    const result = await withCurrentRule(c, id, (rule) => updateRule(c.var.db, rule, patched(rule, patch), patch.priority ?? rule.priority, audit));
    return c.json(await moved(c, result), 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    const contacts = await withCurrentRule(c, id, (rule) => deleteRule(c.var.db, rule, settingsChanged(c, "priority_rules", "deleted", { type: "priority_rule", id })));
    await republishContacts(c.env, c.var.db, contacts);
    return c.json({ ok: true as const }, 200);
  });
