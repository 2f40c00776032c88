/**
 * The bad-input rows of the segment-rule routes (contact priority, issue 14): one valid
 * request per body route, from which bad-input-kit.ts derives the cases, and the routes
 * with an id in their path. Used by bad-input-priority.test.ts; bad-input-coverage.test.ts
 * checks every JSON-body route has a row.
 */
import { MAX_ATTRIBUTE_VALUE_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute, type World } from "./bad-input-kit";

/** The world also holds a tag and two attribute rules (plan=existing, plan=other). */
export interface PriorityWorld extends World {
  tagId: string;
  ruleId: string;
}

const asOwner = (world: PriorityWorld) => ({ client: world.boss });

export const PRIORITY_BODY_ROUTES: BodyRoute<PriorityWorld>[] = [
  {
    name: "POST /api/v1/priority-rules",
    path: () => "/api/v1/priority-rules",
    as: asOwner,
    valid: (x) => ({ kind: "tag", tagId: x.tagId, priority: 50 }),
    wrongTypes: { kind: 5, tagId: 5, priority: "50" },
    required: ["kind", "tagId", "priority"],
    badValues: [
      { label: "priority 0 (a rule lifts to 1–100)", set: { priority: 0 } },
      { label: "priority 101", set: { priority: 101 } },
      { label: "a fractional priority", set: { priority: 1.5 } },
      { label: "an unknown kind", set: { kind: "segment" } },
      { label: "an empty tag id", set: { tagId: "" } },
      { label: "a tag id over 64 characters", set: { tagId: huge(65) } },
      { label: "an attribute key on a tag rule", set: { key: "plan" }, unknownKey: true },
      { label: "an empty attribute key", set: { key: "", kind: "attribute", tagId: undefined, value: "gold" } },
      { label: "an attribute key over 64 characters", set: { key: huge(65), kind: "attribute", tagId: undefined, value: "gold" } },
      { label: "an empty attribute value", set: { value: "", kind: "attribute", tagId: undefined, key: "plan" } },
      { label: `an attribute value over ${MAX_ATTRIBUTE_VALUE_CHARS} characters`, set: { value: huge(MAX_ATTRIBUTE_VALUE_CHARS + 1), kind: "attribute", tagId: undefined, key: "plan" } },
      { label: "an attribute value that is a number", set: { value: 42, kind: "attribute", tagId: undefined, key: "plan" } },
      { label: "an unknown tag", set: { tagId: "no-such-tag" }, status: 404, code: "tag_not_found" },
      { label: "another rule's attribute value", set: { kind: "attribute", tagId: undefined, key: "plan", value: "existing" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/priority-rules/{id}",
    method: "PATCH",
    path: (x) => `/api/v1/priority-rules/${x.ruleId}`,
    as: asOwner,
    valid: () => ({ priority: 60 }),
    wrongTypes: { priority: "60", tagId: 5, key: 5, value: 5 },
    required: [],
    badValues: [
      { label: "priority 0", set: { priority: 0 } },
      { label: "priority 101", set: { priority: 101 } },
      { label: "a tag on an attribute rule", set: { tagId: "some-tag" } },
      { label: "an empty key", set: { key: "" } },
      { label: `a value over ${MAX_ATTRIBUTE_VALUE_CHARS} characters`, set: { value: huge(MAX_ATTRIBUTE_VALUE_CHARS + 1) } },
      { label: "a kind (a rule never changes kind)", set: { kind: "tag" }, unknownKey: true },
      { label: "another rule's value", set: { value: "other" }, status: 409, code: "conflict" },
    ],
  },
];

/** Routes with a rule id in the path: bad ids are 400 at the parameter, unknown ones 404. */
export const PRIORITY_ID_ROUTES: Array<{ name: string; method: "PATCH" | "DELETE"; path: (id: string) => string; json?: unknown }> = [
  { name: "PATCH /api/v1/priority-rules/{id}", method: "PATCH", path: (id) => `/api/v1/priority-rules/${id}`, json: { priority: 10 } },
  { name: "DELETE /api/v1/priority-rules/{id}", method: "DELETE", path: (id) => `/api/v1/priority-rules/${id}` },
];
