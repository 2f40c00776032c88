/**
 * The bad-input rows of the consent ledger's routes (issue 16): purposes, a contact's
 * ledger, the widget's opt-in checkbox. One valid request per body route, from which
 * bad-input-kit.ts derives the cases. Used by bad-input-consent.test.ts;
 * bad-input-coverage.test.ts checks every JSON-body route has a row.
 */
import { MAX_CONSENT_EVIDENCE_CHARS, MAX_CONSENT_TEXT_CHARS, MAX_PURPOSE_DESCRIPTION_CHARS, MAX_PURPOSE_KEY_CHARS, MAX_PURPOSE_NAME_CHARS } from "../../worker/protocol";
import { bearer } from "./http-client";
import { huge, type BodyRoute, type World } from "./bad-input-kit";

const asOwner = (w: World) => ({ client: w.boss });

const keyCases = [
  { label: "a key in capitals", set: { key: "Marketing" } },
  { label: "a key with spaces", set: { key: "avisos de pedido" } },
  { label: "a key with accents", set: { key: "promoções" } },
  { label: "a key starting with a hyphen", set: { key: "-promo" } },
  { label: "a key with a double hyphen", set: { key: "promo--2" } },
  { label: `a key over ${MAX_PURPOSE_KEY_CHARS} characters`, set: { key: "k".repeat(MAX_PURPOSE_KEY_CHARS + 1) } },
  { label: "an empty key", set: { key: "" } },
];

export const CONSENT_BODY_ROUTES: BodyRoute[] = [
  {
    name: "POST /api/v1/consent/purposes",
    path: () => "/api/v1/consent/purposes",
    as: asOwner,
    valid: () => ({ key: "bad-input-promo", name: "Promoções", description: "Ofertas da loja", marketing: true }),
    wrongTypes: { key: 5, name: 5, description: 5, marketing: "yes" },
    required: ["key", "name"],
    badValues: [
      ...keyCases,
      { label: "a blank name", set: { name: "   " } },
      { label: `a name over ${MAX_PURPOSE_NAME_CHARS} characters`, set: { name: huge(MAX_PURPOSE_NAME_CHARS + 1) } },
      { label: `a description over ${MAX_PURPOSE_DESCRIPTION_CHARS} characters`, set: { description: huge(MAX_PURPOSE_DESCRIPTION_CHARS + 1) } },
      { label: "a key another purpose has", set: { key: "marketing" }, status: 409, code: "conflict" },
      { label: "an archive date (archiving is a PATCH)", set: { archivedAt: 1 }, unknownKey: true },
    ],
  },
  {
    name: "PATCH /api/v1/consent/purposes/{id}",
    method: "PATCH",
    path: () => "/api/v1/consent/purposes/purpose_avisos",
    as: asOwner,
    valid: () => ({ name: "Avisos de pedido", marketing: false }),
    wrongTypes: { key: 5, name: 5, description: 5, marketing: "no", archived: "true" },
    required: [],
    badValues: [
      ...keyCases,
      { label: "a blank name", set: { name: "" } },
      { label: "a key another purpose has", set: { key: "marketing" }, status: 409, code: "conflict" },
      { label: "an id (ids never change)", set: { id: "purpose_x" }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/contacts/{id}/consent",
    path: (w) => `/api/v1/contacts/${w.contactId}/consent`,
    as: asOwner,
    valid: () => ({ channel: "whatsapp", purposeId: "purpose_marketing", action: "grant", source: "web_form", textShown: "Quero receber ofertas", evidence: "form-1" }),
    wrongTypes: { channel: 5, purposeId: 5, action: true, source: 1, textShown: 5, evidence: ["form-1"] },
    required: ["channel", "purposeId", "action", "source"],
    badValues: [
      { label: "an unknown channel", set: { channel: "fax" } },
      { label: "an unknown action", set: { action: "maybe" } },
      { label: "the keyword source (the system's own)", set: { source: "keyword" } },
      { label: "the widget checkbox source (the widget's own)", set: { source: "widget_checkbox" } },
      { label: "the template button source (the channel's own)", set: { source: "template_button" } },
      { label: "a blank text shown", set: { textShown: "  " } },
      { label: `a text shown over ${MAX_CONSENT_TEXT_CHARS} characters`, set: { textShown: huge(MAX_CONSENT_TEXT_CHARS + 1) } },
      { label: `evidence over ${MAX_CONSENT_EVIDENCE_CHARS} characters`, set: { evidence: huge(MAX_CONSENT_EVIDENCE_CHARS + 1) } },
      { label: "a purpose id over 64 characters", set: { purposeId: huge(65) } },
      { label: "an unknown purpose", set: { purposeId: "purpose_nope" }, status: 404, code: "purpose_not_found" },
      { label: "a recorder (the caller is the recorder)", set: { recordedBy: { type: "contact" } }, unknownKey: true },
      { label: "a time (records are dated by the server)", set: { at: 1 }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/widget/consent",
    path: () => "/api/v1/widget/consent",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ formId: "form-0001", locale: "pt-BR", textShown: "Quero receber ofertas" }),
    wrongTypes: { formId: 5, locale: 1, textShown: false },
    required: ["formId", "locale", "textShown"],
    badValues: [
      { label: "a form id under 8 characters", set: { formId: "f1" } },
      { label: "a form id with spaces", set: { formId: "form 0001" } },
      { label: "a form id over 64 characters", set: { formId: "f".repeat(65) } },
      { label: "a language the widget does not speak", set: { locale: "fr" } },
      { label: `a text over ${MAX_CONSENT_TEXT_CHARS} characters`, set: { textShown: huge(MAX_CONSENT_TEXT_CHARS + 1) } },
      { label: "a purpose (the inbox decides it)", set: { purposeId: "purpose_marketing" }, unknownKey: true },
      { label: "a channel (the inbox decides it)", set: { channel: "any" }, unknownKey: true },
    ],
  },
];
