/**
 * @module Automation rules, for admins: list in evaluation order, create (it goes last),
 * change, delete, reorder. A rule naming a team, inbox, tag, agent, conversation type or
 * canned response that does not exist, or a webhook URL that may not be called, is
 * refused before anything is written. A rule with a webhook gets a signing secret,
 * shown once in the answer that made it.
 */
import { unsendable } from "../help-center/article-answer";
import { findArticle } from "../db/hc-articles";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { Context } from "hono";
import { newId, type Db } from "../db/client";
import {
  countAutomationRules,
  deleteAutomationRule,
  findAutomationRule,
  insertAutomationRule,
  listAutomationRules,
  missingReferences,
  reorderAutomationRules,
  sealedSecretOf,
  updateAutomationRule,
} from "../db/automation-rules";
import { isUniqueViolation } from "../db/constraint-errors";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { sealCredentials } from "../channels/credentials";
import { randomToken } from "../auth/encoding";
import { urlRefusal } from "../webhooks/url-guard";
import { forgetRules } from "../automation/rule-cache";
import { secretScope } from "../automation/webhook-call";
import {

  AutomationRuleList,
  AutomationRuleOrderBody,
  AutomationRuleSaved,
  CreateAutomationRuleBody,
  ErrorBody,
  MAX_AUTOMATION_RULES,
  UpdateAutomationRuleBody,
  type AutomationAction,
  type AutomationConditions,
} from "../protocol";
import { adminOrToken, writeErrors } from "./access";
import { IdParam } from "./params";
import type { AppEnv } from "../env";
import { settingsChanged } from "../audit/entry";

const path = "/api/v1/automation-rules";
const noKey = jsonResponse(ErrorBody, "A webhook's signing secret cannot be sealed: the server has no CREDENTIALS_KEY");

const list = createRoute({
  method: "get",
  path,
  ...adminOrToken,
  responses: { 200: jsonResponse(AutomationRuleList, "Every rule, in evaluation order, with its last run and last error"), 401: errors[401], 403: errors[403] },
});

const create = createRoute({
  method: "post",
  path,
  ...adminOrToken,
  request: jsonBody(CreateAutomationRuleBody),
  responses: { 201: jsonResponse(AutomationRuleSaved, "Rule created, evaluated after every other; `signingSecret` shown this once"), ...writeErrors, 409: errors[409], 503: noKey },
});

const update = createRoute({
  method: "patch",
  path: `${path}/{id}`,
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateAutomationRuleBody) },
  responses: { 200: jsonResponse(AutomationRuleSaved, "Rule changed; `signingSecret` when the change gave it one"), ...writeErrors, 503: noKey },
});

const remove = createRoute({
  method: "delete",
  path: `${path}/{id}`,
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Rule deleted"), 401: errors[401], 403: errors[403], 404: errors[404] },
});

const order = createRoute({
  method: "put",
  path: `${path}/order`,
  ...adminOrToken,
  request: jsonBody(AutomationRuleOrderBody),
  responses: { 200: jsonResponse(AutomationRuleList, "Rules in their new order"), ...writeErrors, 409: errors[409] },
});

const ruleNotFound = () => new ApiError(404, "automation_rule_not_found", "No automation rule with that id.");

/** 404 naming the first id the rule points at that does not exist; 400 for a webhook URL
 * that may not be called (not https, or an internal address). */
async function checkReferences(db: Db, conditions: AutomationConditions | undefined, actions: AutomationAction[] | undefined): Promise<void> {
  const acts = actions ?? [];
  const ids = <T extends AutomationAction["type"]>(type: T, pick: (a: Extract<AutomationAction, { type: T }>) => string) =>
    acts.flatMap((a, i) => (a.type === type ? [{ id: pick(a as Extract<AutomationAction, { type: T }>), i }] : []));
  for (const [i, a] of acts.entries()) {
    const refusal = a.type === "call_webhook" ? urlRefusal(a.url) : null;
    if (refusal) throw new ApiError(400, "url_not_allowed", `The webhook URL may not be called: ${refusal}.`, [{ path: ["actions", i, "url"], message: refusal }]);
  }
  const teams = ids("assign_team", (a) => a.teamId);
  const agents = ids("assign_agent", (a) => a.agentId);
  const tags = ids("add_tag", (a) => a.tagId);
  const types = ids("set_type", (a) => a.typeId);
  const canned = ids("send_canned_response", (a) => a.cannedResponseId);
  for (const { id: articleId, i } of ids("send_article", (a) => a.articleId)) {
    const refusal = unsendable(await findArticle(db, articleId));
    if (refusal) throw new ApiError(404, "article_not_found", `No help center article ${articleId} to send: it ${refusal}.`, [{ path: ["actions", i, "articleId"], message: refusal }]);
  }
  const missing = await missingReferences(db, {
    teamIds: [...(conditions?.teamIds ?? []), ...teams.map((x) => x.id)],
    inboxIds: conditions?.inboxIds ?? [],
    tagIds: [...(conditions?.contactTagIds ?? []), ...tags.map((x) => x.id)],
    agentIds: agents.map((x) => x.id),
    typeIds: types.map((x) => x.id),
    cannedResponseIds: canned.map((x) => x.id),
  });
  const issue = (path: Array<string | number>, message: string) => [{ path, message }];
  const where = (fromActions: Array<{ id: string; i: number }>, id: string, field: string, conditionPath: string | null) => {
    const at = fromActions.find((x) => x.id === id);
    return at ? ["actions", at.i, field] : ["conditions", conditionPath ?? field];
  };
  const first = <K extends keyof typeof missing>(k: K) => missing[k][0];
  let id: string | undefined;
  if ((id = first("teamIds"))) throw new ApiError(404, "team_not_found", `No team with id ${id}.`, issue(where(teams, id, "teamId", "teamIds"), "unknown team"));
  if ((id = first("inboxIds"))) throw new ApiError(404, "inbox_not_found", `No inbox with id ${id}.`, issue(["conditions", "inboxIds"], "unknown inbox"));
  if ((id = first("tagIds"))) throw new ApiError(404, "tag_not_found", `No tag with id ${id}.`, issue(where(tags, id, "tagId", "contactTagIds"), "unknown tag"));
  if ((id = first("agentIds"))) throw new ApiError(404, "agent_not_found", `No active agent with id ${id}.`, issue(where(agents, id, "agentId", null), "unknown agent"));
  if ((id = first("typeIds"))) throw new ApiError(404, "conversation_type_not_found", `No conversation type with id ${id}.`, issue(where(types, id, "typeId", null), "unknown type"));
  if ((id = first("cannedResponseIds"))) throw new ApiError(404, "canned_response_not_found", `No canned response with id ${id}.`, issue(where(canned, id, "cannedResponseId", null), "unknown canned response"));
}

/** A new signing secret, sealed for the rule: what to store and what to show once. */
async function newSecret(c: Context<AppEnv>, ruleId: string): Promise<{ sealed: string; shown: string }> {
  const shown = `whsec_${randomToken(32)}`;
  return { sealed: await sealCredentials(c.env, secretScope(ruleId), { secret: shown }), shown };
}

const callsWebhook = (actions: AutomationAction[] | undefined) => (actions ?? []).some((a) => a.type === "call_webhook");

export const automationRuleRoutes = router()
  .openapi(list, async (c) => c.json({ rules: await listAutomationRules(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    await checkReferences(c.var.db, body.conditions, body.actions);
    if ((await countAutomationRules(c.var.db)) >= MAX_AUTOMATION_RULES) {
      throw new ApiError(409, "conflict", `At most ${MAX_AUTOMATION_RULES} automation rules; delete one first.`);
    }
    const id = newId();
    // Only a rule that calls a webhook needs a secret (and so the credentials key).
    const secret = callsWebhook(body.actions) ? await newSecret(c, id) : null;
    const audit = settingsChanged(c, "automation_rules", "created", { type: "automation_rule", id }, { name: body.name, trigger: body.trigger.type });
    const rule = await insertAutomationRule(c.var.db, id, body, secret?.sealed ?? null, Date.now(), audit).catch((err) => {
      // Two creates took the same last position at once: nothing was written; send again.
      if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "Another rule was added at the same moment; try again.");
      throw err;
    });
    forgetRules();
    return c.json({ ...rule, ...(secret ? { signingSecret: secret.shown } : {}) }, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const before = await findAutomationRule(c.var.db, id);
    if (!before) throw ruleNotFound();
    await checkReferences(c.var.db, changes.conditions, changes.actions);
    const secret = callsWebhook(changes.actions) && (await sealedSecretOf(c.var.db, id)) === null ? await newSecret(c, id) : null;
    const audit = settingsChanged(c, "automation_rules", "updated", { type: "automation_rule", id }, { name: changes.name ?? before.name, fields: changes });
    const rule = await updateAutomationRule(c.var.db, id, changes, secret?.sealed, Date.now(), audit);
    if (!rule) throw ruleNotFound();
    forgetRules();
    return c.json({ ...rule, ...(secret ? { signingSecret: secret.shown } : {}) }, 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deleteAutomationRule(c.var.db, id, settingsChanged(c, "automation_rules", "deleted", { type: "automation_rule", id })))) throw ruleNotFound();
    forgetRules();
    return c.json({ ok: true as const }, 200);
  })
  .openapi(order, async (c) => {
    const { ids } = c.req.valid("json");
    const current = await listAutomationRules(c.var.db);
    const known = new Set(current.map((r) => r.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new ApiError(404, "automation_rule_not_found", `No automation rule with id ${unknown}.`, [{ path: ["ids", ids.indexOf(unknown)], message: "unknown rule" }]);
    // Every rule once: an order that leaves one out is from a stale list.
    if (ids.length !== current.length) throw new ApiError(409, "conflict", "The rules changed since this list was read; reload and order them again.");
    await reorderAutomationRules(c.var.db, ids, settingsChanged(c, "automation_rules", "reordered", { type: "automation_rule", id: null }, { ids }));
    forgetRules();
    return c.json({ rules: await listAutomationRules(c.var.db) }, 200);
  });
