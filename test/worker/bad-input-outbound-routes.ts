/**
 * The bad-input rows of company-initiated messages and campaigns (worker/routes/outbound.ts,
 * worker/routes/campaigns.ts): one valid request per body route, from which
 * bad-input-kit.ts derives the cases, and the recipients list's query cases. Used by
 * bad-input-outbound.test.ts; bad-input-coverage.test.ts checks every JSON-body route has a row.
 */
import { MAX_BODY_CHARS, MAX_SEGMENT_CONDITIONS } from "../../worker/protocol";
import { huge, type BodyRoute, type QueryRoute, type World } from "./bad-input-kit";

export interface OutboundWorld extends World {
  /** A WhatsApp inbox, and a contact with a phone who consents to marketing there. */
  whatsappInboxId: string;
  consentingContactId: string;
  /** A campaign draft of the world's, for the recipients query. */
  campaignId: string;
}

const TEMPLATE = { name: "promo_natal", language: "pt_BR", parameters: ["Maria"] };
const SEGMENT = { all: [{ kind: "attribute", key: "campanha", value: "bad-input" }] };

export const OUTBOUND_BODY_ROUTES: BodyRoute<OutboundWorld>[] = [
  {
    name: "POST /api/v1/conversations/outbound",
    path: () => "/api/v1/conversations/outbound",
    as: (w) => ({ client: w.boss }),
    valid: (w) => ({ contactId: w.consentingContactId, inboxId: w.whatsappInboxId, purposeId: "purpose_marketing", clientId: "bad-input-1", message: { template: TEMPLATE } }),
    wrongTypes: { contactId: 5, inboxId: [], purposeId: null, clientId: 7, message: "olá" },
    required: ["contactId", "inboxId", "purposeId", "message"],
    badValues: [
      { label: "a contact id over 64 characters", set: { contactId: huge(65) } },
      { label: "an empty client id", set: { clientId: "" } },
      { label: "a client id over 128 characters", set: { clientId: huge(129) } },
      { label: "neither template nor text", set: { message: {} } },
      { label: "a template and a text", set: { message: { template: TEMPLATE, text: "oi" } } },
      { label: `a text over ${MAX_BODY_CHARS} characters`, set: { message: { text: huge(MAX_BODY_CHARS + 1) } } },
      { label: "a template without a name", set: { message: { template: { ...TEMPLATE, name: "" } } } },
      { label: "an opt-in button past the tenth", set: { message: { template: { ...TEMPLATE, optInButton: { index: 10, purposeKey: "marketing" } } } } },
      { label: "an opt-in button naming no purpose key", set: { message: { template: { ...TEMPLATE, optInButton: { index: 0, purposeKey: "Marketing Promo" } } } } },
      { label: "an unknown field in the message", set: { message: { template: TEMPLATE, html: "<b>oi</b>" } } },
      { label: "an unknown contact", set: { contactId: "no-such-contact" }, status: 404, code: "contact_not_found" },
      { label: "an unknown inbox", set: { inboxId: "no-such-inbox" }, status: 404, code: "inbox_not_found" },
      { label: "an unknown purpose", set: { purposeId: "no-such-purpose" }, status: 404, code: "purpose_not_found" },
      { label: "a subject on WhatsApp", set: { message: { template: TEMPLATE, subject: "Oferta" } }, status: 422, code: "outbound_content_mismatch" },
    ],
  },
  {
    name: "POST /api/v1/campaigns",
    path: () => "/api/v1/campaigns",
    as: (w) => ({ client: w.boss }),
    valid: (w) => ({ name: "Natal", inboxId: w.whatsappInboxId, purposeId: "purpose_marketing", message: { template: TEMPLATE }, segment: SEGMENT }),
    wrongTypes: { name: 5, inboxId: 1, purposeId: [], message: "olá", segment: "all" },
    required: ["name", "inboxId", "purposeId", "message", "segment"],
    badValues: [
      { label: "a blank name", set: { name: "   " } },
      { label: "a name over 120 characters", set: { name: huge(121) } },
      { label: "a segment without conditions", set: { segment: { all: [] } } },
      { label: `more than ${MAX_SEGMENT_CONDITIONS} conditions`, set: { segment: { all: Array.from({ length: MAX_SEGMENT_CONDITIONS + 1 }, () => SEGMENT.all[0]) } } },
      { label: "a condition of an unknown kind", set: { segment: { all: [{ kind: "city", value: "Recife" }] } } },
      { label: "an attribute condition without a value", set: { segment: { all: [{ kind: "attribute", key: "campanha" }] } } },
      { label: "neither template nor text", set: { message: {} } },
      { label: "an unknown inbox", set: { inboxId: "no-such-inbox" }, status: 404, code: "inbox_not_found" },
      { label: "an unknown purpose", set: { purposeId: "no-such-purpose" }, status: 404, code: "purpose_not_found" },
      { label: "text on WhatsApp with a subject", set: { message: { text: "oi", subject: "Oferta" } }, status: 422, code: "outbound_content_mismatch" },
    ],
  },
];

export const OUTBOUND_QUERY_ROUTES: QueryRoute<OutboundWorld>[] = [
  {
    name: "GET /api/v1/campaigns/{id}/recipients",
    path: (w, query) => `/api/v1/campaigns/${w.campaignId}/recipients?${query}`,
    as: (w) => ({ client: w.boss }),
    cases: [
      { query: "state=delivered", issueAt: ["state"] },
      { query: "limit=0", issueAt: ["limit"] },
      { query: "limit=201", issueAt: ["limit"] },
      { query: "limit=abc", issueAt: ["limit"] },
      { query: `after=${huge(65)}`, issueAt: ["after"] },
    ],
  },
];
