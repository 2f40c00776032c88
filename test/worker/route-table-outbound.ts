/**
 * @module The route table's rows for company-initiated messages, campaigns and the
 * one-click unsubscribe link (issue 16). Starting a conversation with the fixture's
 * contact (a web chat visitor, no phone) is refused by the channel's rules (422), not by
 * access: enough to show who may call it; its successes are in test/worker/outbound/.
 * Campaign rows that succeed get a draft of their own (a start consumes it).
 */
import { env } from "cloudflare:workers";
import type { Route } from "./route-table";
import { created, unique } from "./route-table";

const TEMPLATE = { name: "promo_natal", language: "pt_BR", parameters: [] };
const campaignBody = (inboxId: string) => ({
  name: `rt-${unique()}`,
  inboxId,
  purposeId: "purpose_marketing",
  message: { template: TEMPLATE },
  segment: { all: [{ kind: "attribute", key: "route-table", value: unique() }] },
});

/** A draft needs a WhatsApp inbox: the fixture's (the only one in the table's database). */
async function whatsappInbox(): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM inboxes WHERE kind = 'whatsapp' AND deleted_at IS NULL ORDER BY created_at LIMIT 1").first<{ id: string }>();
  if (!row) throw new Error("route-table: no WhatsApp inbox for a campaign draft");
  return row.id;
}
let sharedDraft: Promise<{ id: string }> | null = null;
const draft = async () => ({ id: (await (sharedDraft ??= whatsappInbox().then((inbox) => created("/api/v1/campaigns", campaignBody(inbox))))).id });
const freshDraft = async () => ({ id: (await created("/api/v1/campaigns", campaignBody(await whatsappInbox()))).id });

export const OUTBOUND_ROUTES: Route[] = [
  {
    method: "POST",
    path: "/api/v1/conversations/outbound",
    access: "agent",
    token: "messages:write",
    body: (f) => ({ contactId: f.contactId, inboxId: f.whatsappInboxId, purposeId: "purpose_marketing", message: { template: TEMPLATE } }),
  },
  {
    method: "POST",
    path: "/api/v1/campaigns",
    access: "admin",
    token: "admin",
    body: (f) => campaignBody(f.whatsappInboxId),
    ok: 201,
  },
  { method: "GET", path: "/api/v1/campaigns", access: "admin", token: "admin", ok: 200 },
  { method: "GET", path: "/api/v1/campaigns/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: draft, ok: 200 },
  { method: "POST", path: "/api/v1/campaigns/{id}/start", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: freshDraft, ok: 200 },
  { method: "GET", path: "/api/v1/campaigns/{id}/recipients", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: draft, ok: 200 },
  // Public: the signed token is the authority (a forged one is refused: test/worker/outbound/unsubscribe.test.ts).
  { method: "GET", path: "/u/{token}", access: "public", params: () => ({ token: "forged.1.AAAAAAAAAAAAAAAAAAAAAAAA" }) },
  { method: "POST", path: "/u/{token}", access: "public", params: () => ({ token: "forged.1.AAAAAAAAAAAAAAAAAAAAAAAA" }) },
];
