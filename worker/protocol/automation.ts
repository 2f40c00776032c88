/**
 * @module Shapes of automation rules (issue 15, "Automation rules"): a trigger, the
 * conditions that must all hold, the ordered actions, and the bodies that create,
 * change and reorder rules.
 */
import { z } from "zod";
import { AutomationActionType, AutomationTriggerType, ConversationStatus } from "./events";
import { MAX_ATTRIBUTE_VALUE_CHARS, MAX_BODY_CHARS } from "./limits";
import { ChannelKind, ConversationSummary } from "./summary";
import { UserName, UserText } from "./text";
import { MAX_WEBHOOK_URL_CHARS } from "./webhooks";
import { ContactPriority } from "./priority";

// Bounds chosen here, not by any platform: every rule is read on every batch of events
// the pipeline carries, and each action is a room command or a D1 write, so a rule's
// lists stay short enough to evaluate in microseconds and a run stays a handful of calls.
export const MAX_AUTOMATION_RULES = 100;
export const MAX_AUTOMATION_NAME_CHARS = 80;
export const MAX_AUTOMATION_LIST_ITEMS = 50;
export const MAX_AUTOMATION_KEYWORD_CHARS = 60;
/** Ten actions is a long recipe; each is a call made one after the other. */
export const MAX_AUTOMATION_ACTIONS = 10;
/** An idle trigger waits from one minute (the cron's period) to a week. */
export const MAX_IDLE_MINUTES = 7 * 24 * 60;
/** A snooze of up to 30 days; longer is a resolve. */
export const MAX_SNOOZE_MINUTES = 30 * 24 * 60;
/** A note the rule writes into the conversation: a message body's limit. */
export const MAX_AUTOMATION_NOTE_CHARS = MAX_BODY_CHARS;
/** URLs of up to 2,048 characters: what browsers and most servers accept in practice. */
/** How much of an error a rule and its log event keep. */
export const MAX_AUTOMATION_ERROR_CHARS = 500;

const Id = z.string().min(1).max(64);
const IdList = z.array(Id).min(1).max(MAX_AUTOMATION_LIST_ITEMS);
/** Matched as whole words, accents and letter case ignored (worker/routing/keywords.ts). */
const Keyword = UserName.trim()
  .min(1)
  .max(MAX_AUTOMATION_KEYWORD_CHARS)
  .refine((k) => /[\p{L}\p{N}]/u.test(k), "a keyword needs a letter or a digit");

/** When a rule is considered. `conversation_created`: the conversation's first message is
 * stored; `customer_message`: each message from the customer; `status_changed`: any
 * status change; `idle`: an open conversation with no message for `minutes`. */
export const AutomationTrigger = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("conversation_created") }),
  z.strictObject({ type: z.literal("customer_message") }),
  z.strictObject({ type: z.literal("status_changed") }),
  z.strictObject({ type: z.literal("idle"), minutes: z.number().int().min(1).max(MAX_IDLE_MINUTES) }),
]);
export type AutomationTrigger = z.infer<typeof AutomationTrigger>;

/** Every condition is optional; all that are present must hold. Each list holds when any
 * of its items matches. */
export const AutomationConditions = z.strictObject({
  inboxIds: IdList.optional(),
  channels: z.array(ChannelKind).min(1).max(ChannelKind.options.length).optional(),
  /** The customer's message contains any of these words or phrases (customer message and
   * conversation created triggers; other triggers have no text, so the rule does not run). */
  textContains: z.array(Keyword).min(1).max(MAX_AUTOMATION_LIST_ITEMS).optional(),
  contactTagIds: IdList.optional(),
  /** The contact's attribute `key` equals `value` (as text, trimmed, case ignored). */
  contactAttribute: z.strictObject({ key: UserName.trim().min(1).max(64), value: UserText.trim().max(MAX_ATTRIBUTE_VALUE_CHARS) }).optional(),
  /** Inside or outside the conversation's team's business hours (the web chat inbox's
   * when the team keeps none; neither: always inside). */
  hours: z.enum(["inside", "outside"]).optional(),
  /** The conversation's status (for `status_changed`: the status it changed to). */
  statuses: z.array(ConversationStatus).min(1).max(ConversationStatus.options.length).optional(),
  teamIds: IdList.optional(),
});
export type AutomationConditions = z.infer<typeof AutomationConditions>;

/** https only: what the rule sends carries conversation data. Private and loopback
 * addresses are refused by worker/webhooks/url-guard.ts when the rule is saved and again
 * when it runs. */
const WebhookUrl = z
  .string()
  .trim()
  .max(MAX_WEBHOOK_URL_CHARS)
  .url()
  .refine((u) => u.startsWith("https://"), "the URL must use https");

/** What a rule does, in order. Conversation changes go through the conversation's room
 * (so they are ordered and logged like an agent's); tags and type are D1 writes. */
export const AutomationAction = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("assign_team"), teamId: Id }),
  z.strictObject({ type: z.literal("assign_agent"), agentId: Id }),
  z.strictObject({ type: z.literal("add_tag"), tagId: Id }),
  /** The conversation's type (labels API). */
  z.strictObject({ type: z.literal("set_type"), typeId: Id }),
  /** The contact's own queue priority (0–100): a conversation's place in the queue comes
   * from its inbox and its contact, so this is the priority a rule can set. */
  z.strictObject({ type: z.literal("set_priority"), priority: ContactPriority }),
  z.strictObject({ type: z.literal("send_canned_response"), cannedResponseId: Id }),
  z.strictObject({ type: z.literal("send_note"), body: UserText.trim().min(1).max(MAX_AUTOMATION_NOTE_CHARS) }),
  z.strictObject({ type: z.literal("resolve") }),
  z.strictObject({ type: z.literal("snooze"), minutes: z.number().int().min(1).max(MAX_SNOOZE_MINUTES) }),
  z.strictObject({ type: z.literal("call_webhook"), url: WebhookUrl }),
  /** Answers with a help center article (issue 17): its title, summary and public link,
   * spoken as the rule's bot. The article must be published and not internal. */
  z.strictObject({ type: z.literal("send_article"), articleId: Id }),
]);
export type AutomationAction = z.infer<typeof AutomationAction>;

// Both lists must name the same actions: the log event's type list lives in events.ts.
const _sameActions: AutomationAction["type"] extends AutomationActionType ? (AutomationActionType extends AutomationAction["type"] ? true : never) : never = true;
const _sameTriggers: AutomationTrigger["type"] extends AutomationTriggerType ? (AutomationTriggerType extends AutomationTrigger["type"] ? true : never) : never = true;
void _sameActions;
void _sameTriggers;

const Actions = z.array(AutomationAction).min(1).max(MAX_AUTOMATION_ACTIONS);

/** A rule as the API returns it (admins), evaluated by ascending `position`. The webhook
 * signing secret is never returned, except once, when it is made (`signingSecret`). */
export const AutomationRule = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int().nonnegative(),
  enabled: z.boolean(),
  trigger: AutomationTrigger,
  conditions: AutomationConditions,
  actions: z.array(AutomationAction),
  /** When the rule last ran (epoch ms), and its last failure; null: never. */
  lastRunAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().int().nullable(),
});
export type AutomationRule = z.infer<typeof AutomationRule>;

/** A create or change that gave the rule its webhook signing secret: shown this once. */
export const AutomationRuleSaved = AutomationRule.extend({
  /** HMAC key for the `Switchboard-Signature` of the rule's webhook calls. */
  signingSecret: z.string().optional(),
});
export type AutomationRuleSaved = z.infer<typeof AutomationRuleSaved>;

export const AutomationRuleList = z.object({ rules: z.array(AutomationRule) });
export type AutomationRuleList = z.infer<typeof AutomationRuleList>;

const RuleName = UserName.trim().min(1).max(MAX_AUTOMATION_NAME_CHARS);

/** `POST /api/v1/automation-rules`: the new rule goes last. */
export const CreateAutomationRuleBody = z.strictObject({
  name: RuleName,
  enabled: z.boolean().default(true),
  trigger: AutomationTrigger,
  conditions: AutomationConditions.default({}),
  actions: Actions,
});
export type CreateAutomationRuleBody = z.input<typeof CreateAutomationRuleBody>;

/** `PATCH /api/v1/automation-rules/{id}`: absent fields stay; a list replaces it whole. */
export const UpdateAutomationRuleBody = z
  .strictObject({
    name: RuleName.optional(),
    enabled: z.boolean().optional(),
    trigger: AutomationTrigger.optional(),
    conditions: AutomationConditions.optional(),
    actions: Actions.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change.");
export type UpdateAutomationRuleBody = z.input<typeof UpdateAutomationRuleBody>;

/** `PUT /api/v1/automation-rules/order`: every rule's id, once each, in the new order. */
export const AutomationRuleOrderBody = z.strictObject({
  ids: z
    .array(Id)
    .max(MAX_AUTOMATION_RULES)
    .refine((ids) => new Set(ids).size === ids.length, "each id once"),
});
export type AutomationRuleOrderBody = z.input<typeof AutomationRuleOrderBody>;

/** What a rule's `call_webhook` action POSTs, signed with the rule's secret
 * (worker/webhooks/signature.ts): `Switchboard-Event: automation.rule`, and a
 * `Switchboard-Delivery` id naming the run (the same if the run is ever made again). */
export const AutomationWebhookPayload = z.object({
  event: z.literal("automation.rule"),
  ruleId: z.string(),
  ruleName: z.string(),
  trigger: AutomationTriggerType,
  /** When the rule ran (epoch ms). */
  at: z.number().int(),
  conversation: ConversationSummary,
});
export type AutomationWebhookPayload = z.infer<typeof AutomationWebhookPayload>;
