/**
 * @module The route table's rows for the consent ledger (issue 16): purposes (every agent
 * and `contacts:manage` tokens read; admins and `admin` tokens write), a contact's ledger
 * (agents and `contacts:manage` tokens), and the widget's opt-in checkbox (visitors).
 */
import type { Route } from "./route-table";

const unique = () => crypto.randomUUID().slice(0, 8);

export const CONSENT_ROUTES: Route[] = [
  { method: "GET", path: "/api/v1/consent/purposes", access: "agent", token: "contacts:manage", ok: 200 },
  { method: "POST", path: "/api/v1/consent/purposes", access: "admin", token: "admin", body: () => ({ key: `rt-${unique()}`, name: "Route table" }), ok: 201 },
  { method: "PATCH", path: "/api/v1/consent/purposes/{id}", access: "admin", token: "admin", params: () => ({ id: "purpose_avisos" }), body: () => ({ description: `Route table ${unique()}` }), ok: 200 },
  { method: "GET", path: "/api/v1/contacts/{id}/consent", access: "agent", token: "contacts:manage", params: (f) => ({ id: f.contactId }), ok: 200 },
  {
    method: "POST",
    path: "/api/v1/contacts/{id}/consent",
    access: "agent",
    token: "contacts:manage",
    params: (f) => ({ id: f.contactId }),
    body: () => ({ channel: "any", purposeId: "purpose_atendimento", action: "grant", source: "api", evidence: "route table" }),
    ok: 201,
  },
  // The world's inbox has no opt-in checkbox: 409 consent_not_offered (lgpd/consent-widget.test.ts succeeds).
  { method: "POST", path: "/api/v1/widget/consent", access: "visitor", body: () => ({ formId: `rt-${unique()}`, locale: "pt-BR", textShown: "Quero ofertas" }) },
];
