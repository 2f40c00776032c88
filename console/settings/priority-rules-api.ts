/**
 * @module Settings → Priority rules' HTTP calls. The form holds text (the inputs'
 * values); `createBody` and `updateBody` turn it into the protocol's bodies, which the
 * form also checks before sending, so the browser and the server refuse the same things.
 */
import { z } from "zod";
import { CreatePriorityRuleBody, PriorityRule, PriorityRuleList, UpdatePriorityRuleBody } from "../../worker/protocol";
import { call } from "../api";
import type { SettingsWrites } from "./settings-api";

/** What the rule form's inputs hold. */
export type RuleValues = { kind: string; tagId: string; key: string; value: string; priority: string };

const BASE = "/api/v1/priority-rules";
const Deleted = z.unknown();

/** An empty box is no number, not 0 (which is what Number("") gives). */
const numberOf = (text: string | number) => (typeof text === "number" ? text : text.trim() === "" ? Number.NaN : Number(text));

export function createBody(v: RuleValues): unknown {
  return v.kind === "tag" ? { kind: "tag", tagId: v.tagId, priority: numberOf(v.priority) } : { kind: "attribute", key: v.key, value: v.value, priority: numberOf(v.priority) };
}

/** A rule keeps its kind: only that kind's fields and the priority are sent. */
export function updateBody(v: RuleValues): unknown {
  return v.kind === "tag" ? { tagId: v.tagId, priority: numberOf(v.priority) } : { key: v.key, value: v.value, priority: numberOf(v.priority) };
}

/** The form's checks: the protocol's own schemas, fed what the request will carry. */
export const CreateRuleForm = z.custom<RuleValues>().transform(createBody).pipe(CreatePriorityRuleBody);
export const UpdateRuleForm = z.custom<RuleValues>().transform(updateBody).pipe(UpdatePriorityRuleBody);

export const priorityRulesApi: SettingsWrites<PriorityRule, RuleValues, RuleValues> & { list: () => Promise<PriorityRule[]> } = {
  list: async () => (await call(PriorityRuleList, BASE)).rules,
  create: (v) => call(PriorityRule, BASE, { method: "POST", body: createBody(v) }),
  update: (id, v) => call(PriorityRule, `${BASE}/${encodeURIComponent(id)}`, { method: "PATCH", body: updateBody(v) }),
  remove: (id) => call(Deleted, `${BASE}/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
