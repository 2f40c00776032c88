/**
 * @module What the stand-in Graph API says about an account (the inbox's "test
 * connection" reads it): `GET /{id}?fields=…` on a WhatsApp phone number
 * (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/),
 * a WhatsApp Business Account, a Facebook page or an Instagram professional account, with
 * made-up but plausible values. Only the fields asked for come back, with `id`, as Graph
 * API does; a field it does not have is Meta's error 100.
 */
import type { GraphAccount } from "./accounts";

function fieldsOf(account: GraphAccount, id: string): Record<string, unknown> | null {
  const name = account.inbox.name;
  if (account.kind === "whatsapp") {
    if (account.settings.phoneNumberId === id) {
      return {
        verified_name: name,
        display_phone_number: account.settings.displayPhone ?? "+1 555-000-0000",
        quality_rating: "GREEN",
        code_verification_status: "VERIFIED",
        platform_type: "CLOUD_API",
        throughput: { level: "STANDARD" },
      };
    }
    return account.settings.businessAccountId === id ? { name, currency: "USD", timezone_id: "1" } : null;
  }
  if (account.kind === "instagram" && account.settings.instagramAccountId === id) {
    return { username: name.toLowerCase().replace(/[^a-z0-9_.]+/g, "_"), name };
  }
  return account.settings.pageId === id ? { name, category: "Product/service" } : null;
}

/** The answer for `id` with `fields` (comma-separated; empty: the defaults), or the name
 * of a field the object does not have. */
export function accountFields(account: GraphAccount, id: string, fields: string | null): { ok: true; body: Record<string, unknown> } | { ok: false; field: string } {
  const all = fieldsOf(account, id) ?? {};
  const wanted = (fields ?? "").split(",").map((f) => f.trim()).filter(Boolean);
  const names = wanted.length ? wanted : Object.keys(all).slice(0, 2);
  const body: Record<string, unknown> = {};
  for (const f of names) {
    if (f === "id") continue;
    if (!(f in all)) return { ok: false, field: f };
    body[f] = all[f];
  }
  return { ok: true, body: { ...body, id } };
}
