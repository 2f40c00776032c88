/**
 * The bad-input rows of the routing rules API (worker/routes/routing-rules.ts): one valid
 * request per body route, from which bad-input-kit.ts derives the cases. Used by
 * bad-input.test.ts; bad-input-coverage.test.ts checks every JSON-body route has a row.
 */
import { MAX_ROUTING_RULES, MAX_RULE_KEYWORD_CHARS, MAX_RULE_LIST_ITEMS, MAX_RULE_NAME_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute } from "./bad-input-kit";
import type { InstallWorld } from "./bad-input-routes";

const asOwner = (w: InstallWorld) => ({ client: w.boss });

/** Bad conditions every rule body shares (sent as the whole `conditions`). */
const CONDITION_BAD_VALUES: BodyRoute<InstallWorld>["badValues"] = [
  { label: "an unknown condition", set: { conditions: { weekday: "monday" } } },
  { label: "an empty inbox list", set: { conditions: { inboxIds: [] } } },
  { label: `more than ${MAX_RULE_LIST_ITEMS} inboxes`, set: { conditions: { inboxIds: Array.from({ length: MAX_RULE_LIST_ITEMS + 1 }, (_, i) => `i${i}`) } } },
  { label: "an inbox id over 64 characters", set: { conditions: { inboxIds: [huge(65)] } } },
  { label: "an unknown channel", set: { conditions: { channels: ["fax"] } } },
  { label: "a recipient that is not an address", set: { conditions: { recipientAddresses: ["billing"] } } },
  { label: "a sender domain that is not a domain", set: { conditions: { senderDomains: ["@acme"] } } },
  { label: "an empty keyword", set: { conditions: { keywords: [" "] } } },
  { label: "a keyword of punctuation only", set: { conditions: { keywords: ["?!"] } } },
  { label: `a keyword over ${MAX_RULE_KEYWORD_CHARS} characters`, set: { conditions: { keywords: [huge(MAX_RULE_KEYWORD_CHARS + 1)] } } },
  { label: `more than ${MAX_RULE_LIST_ITEMS} keywords`, set: { conditions: { keywords: Array.from({ length: MAX_RULE_LIST_ITEMS + 1 }, (_, i) => `k${i}`) } } },
  { label: "an empty portal category list", set: { conditions: { portalCategories: [] } } },
  { label: "a portal category id with capitals", set: { conditions: { portalCategories: ["Financeiro"] } } },
  { label: "an attribute without a key", set: { conditions: { contactAttribute: { key: "", value: "gold" } } } },
  { label: "an attribute value that is not text", set: { conditions: { contactAttribute: { key: "plan", value: 5 } } } },
  { label: "an unknown hours state", set: { conditions: { hours: "lunch" } } },
];

export const ROUTING_BODY_ROUTES: BodyRoute<InstallWorld>[] = [
  {
    name: "POST /api/v1/routing-rules",
    path: () => "/api/v1/routing-rules",
    as: asOwner,
    valid: (w) => ({ name: "Refunds", teamId: w.teamId, conditions: { keywords: ["reembolso"] } }),
    wrongTypes: { name: 5, enabled: "yes", conditions: "keywords", teamId: 7 },
    required: ["name", "teamId"],
    badValues: [
      { label: "an empty name", set: { name: "  " } },
      { label: `a name over ${MAX_RULE_NAME_CHARS} characters`, set: { name: huge(MAX_RULE_NAME_CHARS + 1) } },
      { label: "a team id over 64 characters", set: { teamId: huge(65) } },
      { label: "an unknown team", set: { teamId: "no-such-team" }, status: 404, code: "team_not_found" },
      { label: "an unknown inbox", set: { conditions: { inboxIds: ["no-such-inbox"] } }, status: 404, code: "inbox_not_found" },
      { label: "an unknown tag", set: { conditions: { contactTagIds: ["no-such-tag"] } }, status: 404, code: "tag_not_found" },
      ...CONDITION_BAD_VALUES,
    ],
  },
  {
    name: "PATCH /api/v1/routing-rules/{id}",
    method: "PATCH",
    // Validation answers before the rule is looked up, so no rule needs to exist.
    path: () => "/api/v1/routing-rules/no-such-rule",
    as: asOwner,
    valid: () => ({ enabled: false }),
    wrongTypes: { name: 5, enabled: "no", conditions: [], teamId: false },
    required: [],
    badValues: [
      { label: "an empty name", set: { name: "" } },
      ...CONDITION_BAD_VALUES,
    ],
  },
  {
    name: "PUT /api/v1/routing-rules/order",
    method: "PUT",
    path: () => "/api/v1/routing-rules/order",
    as: asOwner,
    valid: () => ({ ids: [] }),
    wrongTypes: { ids: "a,b" },
    required: ["ids"],
    badValues: [
      { label: "an id twice", set: { ids: ["a", "a"] } },
      { label: "an empty id", set: { ids: [""] } },
      { label: `more than ${MAX_ROUTING_RULES} ids`, set: { ids: Array.from({ length: MAX_ROUTING_RULES + 1 }, (_, i) => `r${i}`) } },
      { label: "an unknown rule", set: { ids: ["no-such-rule"] }, status: 404, code: "routing_rule_not_found" },
    ],
  },
];
