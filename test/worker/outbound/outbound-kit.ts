/**
 * What the company-initiated message tests share (issue 16): a WhatsApp inbox with the
 * fake Graph API answering its sends, contacts made the way an import or the API makes
 * them (a profile with a phone or e-mail, no channel identity yet), consent records
 * written with the ledger's own function, and the outbound route called as the console
 * calls it — or from an https origin, as deployed (List-Unsubscribe needs one).
 */
import { env, exports } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { recordConsent } from "../../../worker/db/consent";
import { contacts } from "../../../worker/db/schema";
import type { ConsentAction, ConsentChannel } from "../../../worker/protocol";
import { call, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { GRAPH, sentAnswer } from "../channels/whatsapp-kit";
import { waInbox } from "../channels/whatsapp-webhook-kit";

export const db = database(env.DB);
export const MARKETING = "purpose_marketing";
export const AVISOS = "purpose_avisos";
export const TEMPLATE = { name: "promo_natal", language: "pt_BR", parameters: ["Maria", "20%"] };

let phones = 0;
/** A Brazilian mobile number no other test uses (digits, as wa_id spells it). */
export function newPhone(): string {
  return `55119${String(Date.now() % 1e6).padStart(6, "0")}${String(++phones % 100).padStart(2, "0")}`;
}

/** A contact as an import makes one: a profile, no channel identity. */
export async function newContact(profile: { name?: string; phone?: string | null; email?: string | null; attributes?: Record<string, unknown> } = {}): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(contacts).values({ id, name: profile.name ?? "Maria Silva", phone: profile.phone ?? null, email: profile.email ?? null, attributes: profile.attributes ?? {}, createdAt: Date.now() });
  return id;
}

/** A consent record as the ledger stores one (an agent recording it on the phone). */
export async function consent(contactId: string, action: ConsentAction, purposeId = MARKETING, channel: ConsentChannel = "whatsapp", at = Date.now()): Promise<void> {
  await recordConsent(db, { contactId, channel, purposeId, action, source: "agent", recordedBy: { type: "agent", id: null, name: "Test" }, evidence: "test", at });
}

/** A WhatsApp inbox whose sends the fake Graph API accepts (each call answered with a new wamid). */
export async function whatsappWorld() {
  const wa = await waInbox();
  let n = 0;
  const graph = fakeProvider(GRAPH).on("POST", new RegExp(`/${wa.phoneNumberId}/messages$`), [], () => sentAnswer(`wamid.out.${++n}.${Date.now()}`));
  const sends = () => graph.callsTo("POST", new RegExp(`/${wa.phoneNumberId}/messages$`)).map((c) => JSON.parse(c.body));
  return { ...wa, graph, sends };
}

export function outboundBody(inboxId: string, contactId: string, extra: Record<string, unknown> = {}) {
  return { inboxId, contactId, purposeId: MARKETING, clientId: crypto.randomUUID(), message: { template: TEMPLATE }, ...extra };
}

/** POST /api/v1/conversations/outbound as the console sends it. */
export function startConversation(client: Client, body: unknown) {
  return call("/api/v1/conversations/outbound", { method: "POST", json: body, client });
}

/** The same from a deployed https origin (its Origin header matching, as a browser sends it). */
export async function startConversationFrom(origin: string, client: Client, body: unknown) {
  const res = await exports.default.fetch(
    new Request(`${origin}/api/v1/conversations/outbound`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", Origin: origin, Cookie: client.cookie ?? "" } }),
  );
  return { status: res.status, body: (await res.json()) as any };
}

/** Rows of a table for a contact, to show a refusal wrote nothing. */
export async function countWhere(table: "conversations" | "contact_identities", contactId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE contact_id = ?`).bind(contactId).first<{ n: number }>();
  return row?.n ?? 0;
}
