/**
 * The bad-input rows of the customer portal's routes (worker/routes/portal/, and the
 * admins' PUT /api/v1/portal-settings): one valid request each, from which
 * bad-input-kit.ts derives the cases. Used by bad-input-portal.test.ts;
 * bad-input-coverage.test.ts checks every JSON-body route has a row.
 */
import { MAX_BODY_CHARS, MAX_PASSWORD_CHARS, MAX_PORTAL_CATEGORIES, MAX_PORTAL_SUBJECT_CHARS, MIN_PASSWORD_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute, type World } from "./bad-input-kit";
import type { Client } from "./http-client";

export interface PortalWorld extends World {
  /** The visitor's contact signed in to the portal. */
  customer: Client;
  inboxId: string;
}

const category = (id: string) => ({ id, names: { "pt-BR": "Financeiro", en: "Billing", es: "Facturación" } });

export const PORTAL_BODY_ROUTES: BodyRoute<PortalWorld>[] = [
  {
    name: "POST /api/v1/portal/sign-in/link",
    path: () => "/api/v1/portal/sign-in/link",
    as: () => ({}),
    valid: () => ({ email: "ana@cliente.example.net", locale: "pt-BR" }),
    wrongTypes: { email: 5, locale: ["en"] },
    required: ["email"],
    badValues: [
      { label: "an address without @", set: { email: "ana.cliente.example.net" } },
      { label: "an address over 254 characters", set: { email: `${huge(250)}@example.net` } },
      { label: "an unknown locale", set: { locale: "fr" } },
    ],
  },
  {
    name: "POST /api/v1/portal/sign-in/redeem",
    path: () => "/api/v1/portal/sign-in/redeem",
    as: () => ({}),
    valid: () => ({ token: "A".repeat(43) }),
    wrongTypes: { token: 43 },
    required: ["token"],
    badValues: [
      { label: "a token one character short", set: { token: "A".repeat(42) } },
      { label: "a token with characters outside base64url", set: { token: `${"A".repeat(42)}=` } },
      { label: "a huge token", set: { token: huge(4000) } },
    ],
  },
  {
    name: "POST /api/v1/portal/sign-in/password",
    path: () => "/api/v1/portal/sign-in/password",
    as: () => ({}),
    valid: () => ({ email: "ana@cliente.example.net", password: "a long enough password" }),
    wrongTypes: { email: true, password: 12345678901 },
    required: ["email", "password"],
    badValues: [
      { label: "an empty password", set: { password: "" } },
      { label: `a password over ${MAX_PASSWORD_CHARS} characters`, set: { password: huge(MAX_PASSWORD_CHARS + 1) } },
      { label: "an invalid address", set: { email: "not an address" } },
    ],
  },
  {
    name: "PUT /api/v1/portal/password",
    method: "PUT",
    path: () => "/api/v1/portal/password",
    as: (w) => ({ client: w.customer }),
    valid: () => ({ password: "a long enough password" }),
    wrongTypes: { password: 1234567890123 },
    required: ["password"],
    badValues: [
      { label: `a password under ${MIN_PASSWORD_CHARS} characters`, set: { password: "short" } },
      { label: `a password over ${MAX_PASSWORD_CHARS} characters`, set: { password: huge(MAX_PASSWORD_CHARS + 1) } },
    ],
  },
  {
    name: "POST /api/v1/portal/conversations/{id}/messages",
    path: (w) => `/api/v1/portal/conversations/${w.conversationId}/messages`,
    as: (w) => ({ client: w.customer }),
    valid: () => ({ body: "Alguma novidade?", clientId: "portal-bad-input-1" }),
    wrongTypes: { body: 5, clientId: ["c1"], attachmentIds: "f1" },
    required: ["body", "clientId"],
    badValues: [
      { label: "a whitespace-only body", set: { body: "   " } },
      { label: `a body over ${MAX_BODY_CHARS} characters`, set: { body: huge(MAX_BODY_CHARS + 1) } },
      { label: "a clientId with a space", set: { clientId: "c 1" } },
      { label: "an empty attachment list", set: { attachmentIds: [] } },
      { label: "eleven attachments", set: { attachmentIds: Array.from({ length: 11 }, (_, i) => `f${i}`) } },
      { label: "a private note", set: { kind: "note" }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/portal/requests",
    path: () => "/api/v1/portal/requests",
    as: (w) => ({ client: w.customer }),
    valid: () => ({ subject: "Cobrança em dobro", description: "Fui cobrada duas vezes.", clientId: "portal-bad-input-request" }),
    wrongTypes: { subject: 1, description: ["x"], categoryId: 7, clientId: null },
    required: ["subject", "description", "clientId"],
    badValues: [
      { label: "a blank subject", set: { subject: "  " } },
      { label: `a subject over ${MAX_PORTAL_SUBJECT_CHARS} characters`, set: { subject: huge(MAX_PORTAL_SUBJECT_CHARS + 1) } },
      { label: "a blank description", set: { description: "\n\n" } },
      { label: "a description that with the subject would not fit one message", set: { description: huge(MAX_BODY_CHARS) } },
      { label: "a category id with capitals", set: { categoryId: "Financeiro" } },
      { label: "a category the portal does not have", set: { categoryId: "no-such-category" } },
      { label: "a team chosen by the customer", set: { teamId: "t1" }, unknownKey: true },
    ],
  },
  {
    name: "PUT /api/v1/portal-settings",
    method: "PUT",
    path: () => "/api/v1/portal-settings",
    as: (w) => ({ client: w.boss }),
    valid: (w) => ({ inboxId: w.inboxId, emailInboxId: null, categories: [category("financeiro")] }),
    wrongTypes: { inboxId: 5, emailInboxId: true, categories: "financeiro" },
    required: ["inboxId", "emailInboxId", "categories"],
    badValues: [
      { label: "a category twice", set: { categories: [category("financeiro"), category("financeiro")] } },
      { label: `more than ${MAX_PORTAL_CATEGORIES} categories`, set: { categories: Array.from({ length: MAX_PORTAL_CATEGORIES + 1 }, (_, i) => category(`c${i}`)) } },
      { label: "a category without its Spanish name", set: { categories: [{ id: "x", names: { "pt-BR": "X", en: "X" } }] } },
      { label: "a category id with a space", set: { categories: [category("a b")] } },
      { label: "an inbox id over 64 characters", set: { inboxId: huge(65) } },
      { label: "an unknown inbox", set: { inboxId: "no-such-inbox" }, status: 404, code: "inbox_not_found" },
    ],
  },
];
