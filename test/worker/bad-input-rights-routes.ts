/**
 * The bad-input rows of the contact's-rights routes (issue 16): one valid request per
 * body route, from which bad-input-kit.ts derives the cases, and the routes with an id in
 * their path. Used by bad-input-rights.test.ts; bad-input-coverage.test.ts checks every
 * JSON-body route has a row.
 */
import { MAX_RETENTION_DAYS } from "../../worker/protocol";
import { huge, type BodyRoute, type World } from "./bad-input-kit";

export interface RightsWorld extends World {
  inboxId: string;
}

const asOwner = (world: RightsWorld) => ({ client: world.boss });

export const RIGHTS_BODY_ROUTES: BodyRoute<RightsWorld>[] = [
  {
    name: "POST /api/v1/contacts/{id}/erase",
    path: (x) => `/api/v1/contacts/${x.contactId}/erase`,
    as: asOwner,
    valid: () => ({ confirm: "ERASE" }),
    wrongTypes: { confirm: 1 },
    required: ["confirm"],
    badValues: [
      { label: "a confirmation over 32 characters", set: { confirm: huge(33) } },
      { label: "the wrong word (nothing erased)", set: { confirm: "erase" }, status: 422, code: "confirmation_required" },
      { label: "an empty confirmation", set: { confirm: "" }, status: 422, code: "confirmation_required" },
    ],
  },
  {
    name: "PUT /api/v1/inboxes/{id}/retention",
    method: "PUT",
    path: (x) => `/api/v1/inboxes/${x.inboxId}/retention`,
    as: asOwner,
    valid: () => ({ retentionDays: 30 }),
    wrongTypes: { retentionDays: "30" },
    required: ["retentionDays"],
    badValues: [
      { label: "0 days", set: { retentionDays: 0 } },
      { label: "a negative period", set: { retentionDays: -1 } },
      { label: "a fractional period", set: { retentionDays: 1.5 } },
      { label: `over ${MAX_RETENTION_DAYS} days`, set: { retentionDays: MAX_RETENTION_DAYS + 1 } },
    ],
  },
];

/** Routes with an id in the path, and the code an unknown id gets. */
export const RIGHTS_ID_ROUTES: Array<{ name: string; method: "GET" | "POST" | "PUT"; path: (id: string) => string; json?: unknown; code: "contact_not_found" | "inbox_not_found" }> = [
  { name: "GET /api/v1/contacts/{id}/export", method: "GET", path: (id) => `/api/v1/contacts/${id}/export`, code: "contact_not_found" },
  { name: "POST /api/v1/contacts/{id}/erase", method: "POST", path: (id) => `/api/v1/contacts/${id}/erase`, json: { confirm: "ERASE" }, code: "contact_not_found" },
  { name: "GET /api/v1/inboxes/{id}/retention", method: "GET", path: (id) => `/api/v1/inboxes/${id}/retention`, code: "inbox_not_found" },
  { name: "PUT /api/v1/inboxes/{id}/retention", method: "PUT", path: (id) => `/api/v1/inboxes/${id}/retention`, json: { retentionDays: 30 }, code: "inbox_not_found" },
];
