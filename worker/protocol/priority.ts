/**
 * @module Contact priority and segment rules (issue 14, the waiting list's rule 4): a
 * contact's own priority, the rules that lift every contact with a tag or an attribute
 * value, and their API bodies. The queue orders by max(own, every matching rule).
 */
import { z } from "zod";
import { UserName, UserText } from "./text";
import { MAX_ATTRIBUTE_VALUE_CHARS } from "./limits";

/** A contact's own priority: 0 (nobody special) to 100, higher first in the queue. */
export const MIN_CONTACT_PRIORITY = 0;
export const MAX_CONTACT_PRIORITY = 100;
export const ContactPriority = z.number().int().min(MIN_CONTACT_PRIORITY).max(MAX_CONTACT_PRIORITY);

/** A rule lifts its contacts to 1–100 (a rule of 0 would lift nobody). */
export const MIN_RULE_PRIORITY = 1;
export const MAX_RULE_PRIORITY = 100;
const RulePriority = z.number().int().min(MIN_RULE_PRIORITY).max(MAX_RULE_PRIORITY);

/** Every contact write evaluates every rule (in SQL), so their number is bounded. */
export const MAX_PRIORITY_RULES = 200;

const TagId = z.string().min(1).max(64);
/** The widget accepts attribute names up to 64 characters, the console up to 60. */
const AttributeKey = UserName.min(1).max(64);
/** Compared with the attribute's string form: "gold", "42", "true". */
const AttributeValue = UserText.min(1).max(MAX_ATTRIBUTE_VALUE_CHARS);

export const PriorityRuleKind = z.enum(["tag", "attribute"]);
export type PriorityRuleKind = z.infer<typeof PriorityRuleKind>;

const TagCondition = z.strictObject({ kind: z.literal("tag"), tagId: TagId });
const AttributeCondition = z.strictObject({ kind: z.literal("attribute"), key: AttributeKey, value: AttributeValue });

/** What a rule matches: a contact carrying the tag, or whose attribute `key`, as a
 * string, equals `value` exactly (a number 42 matches "42", a boolean true "true"). */
export const PriorityCondition = z.discriminatedUnion("kind", [TagCondition, AttributeCondition]);
export type PriorityCondition = z.infer<typeof PriorityCondition>;

export const PriorityRule = z.discriminatedUnion("kind", [
  TagCondition.extend({ id: z.string(), priority: RulePriority }),
  AttributeCondition.extend({ id: z.string(), priority: RulePriority }),
]);
export type PriorityRule = z.infer<typeof PriorityRule>;

export const PriorityRuleList = z.object({ rules: z.array(PriorityRule) });
export type PriorityRuleList = z.infer<typeof PriorityRuleList>;

/** `POST /api/v1/priority-rules` (admins). */
export const CreatePriorityRuleBody = z.discriminatedUnion("kind", [
  TagCondition.extend({ priority: RulePriority }),
  AttributeCondition.extend({ priority: RulePriority }),
]);
export type CreatePriorityRuleBody = z.input<typeof CreatePriorityRuleBody>;

/** `PATCH /api/v1/priority-rules/{id}` (admins): the priority, and the fields of the
 * rule's own kind (a tag rule's tag, an attribute rule's key and value). A rule never
 * changes kind: delete it and create the other. */
export const UpdatePriorityRuleBody = z
  .strictObject({ priority: RulePriority.optional(), tagId: TagId.optional(), key: AttributeKey.optional(), value: AttributeValue.optional() })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change.");
export type UpdatePriorityRuleBody = z.input<typeof UpdatePriorityRuleBody>;
