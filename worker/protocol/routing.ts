/**
 * @module Shapes of routing rules (issue 14, "Routing"): the conditions a new
 * conversation is matched by, the team it goes to, and the bodies that create, change
 * and reorder rules.
 */
import { z } from "zod";
import { MAX_ATTRIBUTE_VALUE_CHARS } from "./limits";
import { MailAddress, MailDomain } from "./channels";
import { ChannelKind } from "./summary";
import { UserName, UserText } from "./text";
import { PortalCategoryId } from "./portal-category";

/** Bounds chosen here, not by any platform: a rule is read on every new conversation, so
 * its lists stay short enough to evaluate in microseconds and to edit on one screen. */
export const MAX_ROUTING_RULES = 200;
export const MAX_RULE_NAME_CHARS = 80;
export const MAX_RULE_LIST_ITEMS = 50;
export const MAX_RULE_KEYWORD_CHARS = 60;
/** An attribute key is bounded like the widget's `setAttributes` keys (webchat.ts). */
export const MAX_RULE_ATTRIBUTE_KEY_CHARS = 64;
/** An RFC 5321 path is at most 256 octets, so an address is at most 254 characters
 * (https://www.rfc-editor.org/errata/eid1690); MailAddress enforces it. */

const Id = z.string().min(1).max(64);
const IdList = z.array(Id).min(1).max(MAX_RULE_LIST_ITEMS);
/** A keyword or phrase, matched as whole words in the first message (accents and case
 * ignored); at least one letter or digit, or it would match nothing. */
const Keyword = UserName.trim()
  .min(1)
  .max(MAX_RULE_KEYWORD_CHARS)
  .refine((k) => /[\p{L}\p{N}]/u.test(k), "a keyword needs a letter or a digit");

/** "inside" or "outside" the business hours of the rule's target team (the inbox's
 * hours when the team has none; neither: always inside). */
export const HoursState = z.enum(["inside", "outside"]);
export type HoursState = z.infer<typeof HoursState>;

/** Every condition is optional; all that are present must hold. Each list holds when any
 * of its items matches. */
export const RoutingConditions = z.strictObject({
  inboxIds: IdList.optional(),
  channels: z.array(ChannelKind).min(1).max(ChannelKind.options.length).optional(),
  /** The address the customer wrote to (an e-mail conversation's To or Cc). */
  recipientAddresses: z.array(MailAddress).min(1).max(MAX_RULE_LIST_ITEMS).optional(),
  /** The domain of the address an e-mail customer wrote from; a domain also matches its
   * subdomains ("acme.com.br" matches "financeiro.acme.com.br"). */
  senderDomains: z.array(MailDomain).min(1).max(MAX_RULE_LIST_ITEMS).optional(),
  keywords: z.array(Keyword).min(1).max(MAX_RULE_LIST_ITEMS).optional(),
  /** The contact carries any of these tags. */
  contactTagIds: IdList.optional(),
  /** The contact's attribute `key` equals `value` (compared as text, trimmed, case ignored). */
  contactAttribute: z
    .strictObject({ key: UserName.trim().min(1).max(MAX_RULE_ATTRIBUTE_KEY_CHARS), value: UserText.trim().max(MAX_ATTRIBUTE_VALUE_CHARS) })
    .optional(),
  hours: HoursState.optional(),
  /** The category the customer picked on the portal's request form (PortalCategory ids);
   * a conversation that did not come from the portal has none and never matches. */
  portalCategories: z.array(PortalCategoryId).min(1).max(MAX_RULE_LIST_ITEMS).optional(),
});
export type RoutingConditions = z.infer<typeof RoutingConditions>;

/** A rule as the API returns it (admins). Rules are evaluated by ascending `position`. */
export const RoutingRule = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int().nonnegative(),
  enabled: z.boolean(),
  conditions: RoutingConditions,
  /** The action: route the conversation to this team. */
  teamId: z.string(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingRuleList = z.object({ rules: z.array(RoutingRule) });
export type RoutingRuleList = z.infer<typeof RoutingRuleList>;

const RuleName = UserName.trim().min(1).max(MAX_RULE_NAME_CHARS);

/** `POST /api/v1/routing-rules`: the new rule goes last. */
export const CreateRoutingRuleBody = z.strictObject({
  name: RuleName,
  enabled: z.boolean().default(true),
  conditions: RoutingConditions.default({}),
  teamId: Id,
});
export type CreateRoutingRuleBody = z.input<typeof CreateRoutingRuleBody>;

/** `PATCH /api/v1/routing-rules/{id}`: absent fields stay; `conditions` replaces them all. */
export const UpdateRoutingRuleBody = z
  .strictObject({
    name: RuleName.optional(),
    enabled: z.boolean().optional(),
    conditions: RoutingConditions.optional(),
    teamId: Id.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change.");
export type UpdateRoutingRuleBody = z.input<typeof UpdateRoutingRuleBody>;

/** `PUT /api/v1/routing-rules/order`: every rule's id, once each, in the new order. */
export const RoutingRuleOrderBody = z.strictObject({
  ids: z
    .array(Id)
    .max(MAX_ROUTING_RULES)
    .refine((ids) => new Set(ids).size === ids.length, "each id once"),
});
export type RoutingRuleOrderBody = z.input<typeof RoutingRuleOrderBody>;
