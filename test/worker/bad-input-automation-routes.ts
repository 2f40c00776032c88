/**
 * The bad-input rows of the automation rules API (worker/routes/automation-rules.ts): one
 * valid request per body route, from which bad-input-kit.ts derives the cases. Used by
 * bad-input-automation.test.ts; bad-input-coverage.test.ts checks every JSON-body route
 * has a row.
 */
import { MAX_AUTOMATION_ACTIONS, MAX_AUTOMATION_KEYWORD_CHARS, MAX_AUTOMATION_LIST_ITEMS, MAX_AUTOMATION_NAME_CHARS, MAX_AUTOMATION_RULES, MAX_IDLE_MINUTES, MAX_SNOOZE_MINUTES, MAX_WEBHOOK_URL_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute, type World } from "./bad-input-kit";

/** The world also holds a (disabled) rule to change. */
export interface AutomationWorld extends World {
  ruleId: string;
}

const asOwner = (w: AutomationWorld) => ({ client: w.boss });
const one = (action: Record<string, unknown>) => ({ actions: [action] });

/** Bad values every rule body shares (each sent as the whole field). */
const SHARED_BAD_VALUES: BodyRoute<AutomationWorld>["badValues"] = [
  { label: "an unknown trigger", set: { trigger: { type: "weekly" } } },
  { label: "an idle trigger without minutes", set: { trigger: { type: "idle" } } },
  { label: "an idle trigger of 0 minutes", set: { trigger: { type: "idle", minutes: 0 } } },
  { label: `an idle trigger over ${MAX_IDLE_MINUTES} minutes`, set: { trigger: { type: "idle", minutes: MAX_IDLE_MINUTES + 1 } } },
  { label: "an idle trigger of 1.5 minutes", set: { trigger: { type: "idle", minutes: 1.5 } } },
  { label: "a trigger with an unknown field", set: { trigger: { type: "customer_message", minutes: 5 } } },
  { label: "an unknown condition", set: { conditions: { weekday: "monday" } } },
  { label: "an empty inbox list", set: { conditions: { inboxIds: [] } } },
  { label: `more than ${MAX_AUTOMATION_LIST_ITEMS} teams`, set: { conditions: { teamIds: Array.from({ length: MAX_AUTOMATION_LIST_ITEMS + 1 }, (_, i) => `t${i}`) } } },
  { label: "an unknown channel", set: { conditions: { channels: ["fax"] } } },
  { label: "an empty word", set: { conditions: { textContains: [" "] } } },
  { label: "a word of punctuation only", set: { conditions: { textContains: ["?!"] } } },
  { label: `a word over ${MAX_AUTOMATION_KEYWORD_CHARS} characters`, set: { conditions: { textContains: [huge(MAX_AUTOMATION_KEYWORD_CHARS + 1)] } } },
  { label: "an unknown status", set: { conditions: { statuses: ["closed"] } } },
  { label: "an unknown hours state", set: { conditions: { hours: "lunch" } } },
  { label: "an attribute without a key", set: { conditions: { contactAttribute: { key: "", value: "gold" } } } },
  { label: "no actions", set: { actions: [] } },
  { label: `more than ${MAX_AUTOMATION_ACTIONS} actions`, set: { actions: Array.from({ length: MAX_AUTOMATION_ACTIONS + 1 }, () => ({ type: "resolve" })) } },
  { label: "an unknown action", set: one({ type: "delete_conversation" }) },
  { label: "an action missing its field", set: one({ type: "assign_team" }) },
  { label: "an action with an unknown field", set: one({ type: "resolve", now: true }) },
  { label: "an empty note", set: one({ type: "send_note", body: "   " }) },
  { label: "a snooze of 0 minutes", set: one({ type: "snooze", minutes: 0 }) },
  { label: `a snooze over ${MAX_SNOOZE_MINUTES} minutes`, set: one({ type: "snooze", minutes: MAX_SNOOZE_MINUTES + 1 }) },
  { label: "a contact priority over 100", set: one({ type: "set_priority", priority: 101 }) },
  { label: "a fractional contact priority", set: one({ type: "set_priority", priority: 1.5 }) },
  { label: "a webhook URL that is not a URL", set: one({ type: "call_webhook", url: "hooks" }) },
  { label: "a plain http webhook URL", set: one({ type: "call_webhook", url: "http://hooks.example.com/x" }) },
  { label: `a webhook URL over ${MAX_WEBHOOK_URL_CHARS} characters`, set: one({ type: "call_webhook", url: `https://hooks.example.com/${huge(MAX_WEBHOOK_URL_CHARS)}` }) },
  { label: "a loopback webhook URL", set: one({ type: "call_webhook", url: "https://127.0.0.1/hook" }), status: 400, code: "url_not_allowed" },
  { label: "a private webhook URL", set: one({ type: "call_webhook", url: "https://10.0.0.7/hook" }), status: 400, code: "url_not_allowed" },
  { label: "a localhost webhook URL", set: one({ type: "call_webhook", url: "https://localhost:8443/hook" }), status: 400, code: "url_not_allowed" },
  { label: "an IPv6 loopback webhook URL", set: one({ type: "call_webhook", url: "https://[::1]/hook" }), status: 400, code: "url_not_allowed" },
  { label: "an unknown team to assign", set: one({ type: "assign_team", teamId: "no-such-team" }), status: 404, code: "team_not_found" },
  { label: "an unknown agent to assign", set: one({ type: "assign_agent", agentId: "no-such-agent" }), status: 404, code: "agent_not_found" },
  { label: "an unknown tag to add", set: one({ type: "add_tag", tagId: "no-such-tag" }), status: 404, code: "tag_not_found" },
  { label: "an unknown conversation type", set: one({ type: "set_type", typeId: "no-such-type" }), status: 404, code: "conversation_type_not_found" },
  { label: "an unknown canned response", set: one({ type: "send_canned_response", cannedResponseId: "no-such-canned" }), status: 404, code: "canned_response_not_found" },
  { label: "an unknown inbox condition", set: { conditions: { inboxIds: ["no-such-inbox"] } }, status: 404, code: "inbox_not_found" },
  { label: "an unknown tag condition", set: { conditions: { contactTagIds: ["no-such-tag"] } }, status: 404, code: "tag_not_found" },
];

export const AUTOMATION_BODY_ROUTES: BodyRoute<AutomationWorld>[] = [
  {
    name: "POST /api/v1/automation-rules",
    path: () => "/api/v1/automation-rules",
    as: asOwner,
    valid: () => ({ name: "Greet", trigger: { type: "conversation_created" }, conditions: { textContains: ["oi"] }, actions: [{ type: "send_note", body: "New" }] }),
    wrongTypes: { name: 5, enabled: "yes", trigger: "idle", conditions: "oi", actions: { type: "resolve" } },
    required: ["name", "trigger", "actions"],
    badValues: [
      { label: "an empty name", set: { name: "  " } },
      { label: `a name over ${MAX_AUTOMATION_NAME_CHARS} characters`, set: { name: huge(MAX_AUTOMATION_NAME_CHARS + 1) } },
      ...SHARED_BAD_VALUES,
    ],
  },
  {
    name: "PATCH /api/v1/automation-rules/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/automation-rules/${w.ruleId}`,
    as: asOwner,
    valid: () => ({ name: "Renamed" }),
    wrongTypes: { name: 5, enabled: "no", trigger: [], conditions: [], actions: "resolve" },
    required: [],
    badValues: [{ label: "an empty name", set: { name: "" } }, ...SHARED_BAD_VALUES],
  },
  {
    name: "PUT /api/v1/automation-rules/order",
    method: "PUT",
    path: () => "/api/v1/automation-rules/order",
    as: asOwner,
    valid: (w) => ({ ids: [w.ruleId] }),
    wrongTypes: { ids: "a,b" },
    required: ["ids"],
    badValues: [
      { label: "an id twice", set: { ids: ["a", "a"] } },
      { label: "an empty id", set: { ids: [""] } },
      { label: `more than ${MAX_AUTOMATION_RULES} ids`, set: { ids: Array.from({ length: MAX_AUTOMATION_RULES + 1 }, (_, i) => `r${i}`) } },
      { label: "an unknown rule", set: { ids: ["no-such-rule"] }, status: 404, code: "automation_rule_not_found" },
      { label: "an order that leaves a rule out", set: { ids: [] }, status: 409, code: "conflict" },
    ],
  },
];
