/**
 * The customer portal's journey, on the real Worker (D1, rooms, the pipeline): a customer
 * signs in by a mailed link, sees their web chat and WhatsApp conversations (one contact,
 * many identities), opens a request that a routing rule sends by its category to a team,
 * which lands in the console; an agent answers and resolves it, and the customer sees
 * the answer and the status change — never the agents' private note.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { owner, projected } from "../fixtures";
import { call, type Client } from "../http-client";
import { customerOnChannels, requestLink, setUpPortal, signedIn, unique, type Customer, type PortalSetup } from "./portal-kit";

let boss: Client;
let portal: PortalSetup;
let customer: Customer;
let client: Client;
let billingTeam: string;

const CATEGORIES = [
  { id: "financeiro", names: { "pt-BR": "Financeiro", en: "Billing", es: "Facturación" } },
  { id: "entregas", names: { "pt-BR": "Entregas", en: "Deliveries", es: "Entregas" } },
];

beforeAll(async () => {
  boss = await owner();
  portal = await setUpPortal(boss, CATEGORIES);
  customer = await customerOnChannels(portal);
  const team = await call("/api/v1/teams", { method: "POST", json: { name: `Financeiro ${unique()}` }, client: boss });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  billingTeam = team.body.id;
  const rule = await call("/api/v1/routing-rules", { method: "POST", json: { name: "Portal: financeiro", teamId: billingTeam, conditions: { portalCategories: ["financeiro"] } }, client: boss });
  expect(rule.status, JSON.stringify(rule.body)).toBe(201);
});

describe("settings", () => {
  it("records who changed the portal settings in the audit log, with the change", async () => {
    const row = await env.DB.prepare("SELECT actor_type, actor_name, target_id, details FROM audit_log WHERE action = 'settings.changed' AND target_id = 'portal' ORDER BY at DESC LIMIT 1").first<{
      actor_type: string;
      actor_name: string;
      target_id: string;
      details: string;
    }>();
    expect(row).toMatchObject({ actor_type: "agent", actor_name: "Olivia Owner", target_id: "portal" });
    expect(JSON.parse(row!.details)).toEqual({ inboxId: portal.inboxId, emailInboxId: portal.emailInboxId, categoryIds: ["financeiro", "entregas"] });
  });
});

describe("signing in by link", () => {
  it("mails a one-time link from the e-mail inbox's first address to the customer, and the link opens a portal session", async () => {
    const { token, sent } = await requestLink(customer.email);
    expect(sent.to).toBe(customer.email);
    expect(sent.from).toMatchObject({ email: portal.sender });
    expect(String(sent.subject)).toContain("link de acesso");
    expect(String(sent.text)).toContain(`/portal/sign-in?lang=pt-BR#token=${token}`);
    expect(String(sent.html)).toContain(`#token=${token}`);
    // Only the link's hash is stored.
    const stored = await env.DB.prepare("SELECT token_hash FROM portal_sign_in_links WHERE contact_id = ?").bind(customer.contactId).all<{ token_hash: string }>();
    expect(JSON.stringify(stored.results)).not.toContain(token);

    const c: Client = {};
    const res = await call("/api/v1/portal/sign-in/redeem", { method: "POST", json: { token }, client: c });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // An anonymous visitor's generated name is never shown to them.
    expect(res.body).toEqual({ name: null, email: customer.email, hasPassword: false });
    expect(res.headers.get("Set-Cookie")).toMatch(/^sb_portal=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    expect((await call("/api/v1/portal/me", { client: c })).body.email).toBe(customer.email);
    client = c;
  });
});

describe("a signed-in customer", () => {
  beforeAll(async () => {
    client ??= await signedIn(customer.email);
  });

  it("sees their web chat and WhatsApp conversations, each with its messages", async () => {
    const list = await call("/api/v1/portal/conversations", { client });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const byId = new Map(list.body.conversations.map((c: { id: string; channel: string }) => [c.id, c.channel]));
    expect(byId.get(customer.webchatConversationId)).toBe("webchat");
    expect(byId.get(customer.whatsappConversationId)).toBe("whatsapp");

    const chat = await call(`/api/v1/portal/conversations/${customer.webchatConversationId}`, { client });
    expect(chat.body.events).toEqual([expect.objectContaining({ type: "message", from: "customer", body: "Olá, meu pedido atrasou", attachments: [] })]);
    const wa = await call(`/api/v1/portal/conversations/${customer.whatsappConversationId}`, { client });
    expect(wa.body.conversation).toMatchObject({ channel: "whatsapp", status: "open", subject: null });
    expect(wa.body.events).toEqual([expect.objectContaining({ type: "message", from: "customer", body: "Body Text" })]);
  });

  it("opens a request: routed by its category, it lands in the console; the agent's answer and the resolution reach the customer, the note never", async () => {
    const clientId = `req-${unique()}`;
    const opened = await call("/api/v1/portal/requests", {
      method: "POST",
      json: { subject: "Cobrança em dobro", description: "Fui cobrada duas vezes pelo pedido 4521.", categoryId: "financeiro", clientId },
      client,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id: string = opened.body.conversationId;

    // In the console: the portal inbox's conversation, in the team the rule chose.
    const inConsole = await eventually(async () => {
      const res = await call(`/api/v1/conversations?inbox=${portal.inboxId}`, { client: boss });
      const row = res.body.conversations.find((c: { id: string }) => c.id === id);
      if (!row) throw new Error("not listed yet");
      return row;
    });
    expect(inConsole).toMatchObject({ contactId: customer.contactId, teamId: billingTeam, channel: "webchat", status: "open" });
    const history = await call(`/api/v1/conversations/${id}/messages`, { client: boss });
    expect(history.body.events.find((e: { type: string }) => e.type === "message")).toMatchObject({
      body: "Cobrança em dobro\n\nFui cobrada duas vezes pelo pedido 4521.",
      actor: { type: "contact", id: customer.contactId },
    });

    const note = await call(`/api/v1/conversations/${id}/messages`, { method: "POST", json: { body: "NOTA: cliente VIP, estornar", kind: "note" }, client: boss });
    expect(note.status).toBe(201);
    const answer = await call(`/api/v1/conversations/${id}/messages`, { method: "POST", json: { body: "Já estornamos a segunda cobrança." }, client: boss });
    expect(answer.status).toBe(201);
    const resolved = await call(`/api/v1/conversations/${id}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);

    const seen = await call(`/api/v1/portal/conversations/${id}`, { client });
    expect(seen.status).toBe(200);
    expect(seen.body.conversation).toMatchObject({ subject: "Cobrança em dobro", status: "resolved" });
    expect(seen.body.canReply).toBe(false);
    expect(seen.body.events.map((e: { type: string; from?: string; body?: string; status?: string }) => [e.type, e.from ?? e.status, e.body ?? null])).toEqual([
      ["message", "customer", "Cobrança em dobro\n\nFui cobrada duas vezes pelo pedido 4521."],
      ["message", "team", "Já estornamos a segunda cobrança."],
      ["status", "resolved", null],
    ]);
    expect(seen.body.events[1].author).toBe("Olivia Owner");
    expect(JSON.stringify(seen.body)).not.toContain("NOTA");
    // No internal data: no actor ids, delivery states or notes' seqs.
    expect(JSON.stringify(seen.body)).not.toMatch(/"actor"|"delivery"|"kind"|"assigneeId"|"teamId"/);
    expect(seen.body.events.map((e: { seq: number }) => e.seq)).not.toContain(note.body.seq);

    // The page shows the same, as escaped text, and not the note.
    const page = await call(`/portal/conversations/${id}?lang=en`, { client });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Já estornamos a segunda cobrança.");
    expect(page.body).toContain("Conversation resolved");
    expect(page.body).not.toContain("NOTA");

    // A resolved conversation takes no reply; a new request is a new conversation.
    expectApiError(await call(`/api/v1/portal/conversations/${id}/messages`, { method: "POST", json: { body: "Obrigada!", clientId: `r-${unique()}` }, client }), 409, "conflict");
  });

  it("replies to an open conversation as the contact; a resent clientId stores nothing twice", async () => {
    const clientId = `r-${unique()}`;
    const first = await call(`/api/v1/portal/conversations/${customer.webchatConversationId}/messages`, { method: "POST", json: { body: "Alguma novidade?", clientId }, client });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.duplicate).toBe(false);
    const again = await call(`/api/v1/portal/conversations/${customer.webchatConversationId}/messages`, { method: "POST", json: { body: "Alguma novidade?", clientId }, client });
    expect(again.body).toEqual({ seq: first.body.seq, duplicate: true });
    await projected(customer.webchatConversationId, first.body.seq);
    const agentView = await call(`/api/v1/conversations/${customer.webchatConversationId}/messages`, { client: boss });
    const replies = agentView.body.events.filter((e: { body?: string }) => e.body === "Alguma novidade?");
    expect(replies).toEqual([expect.objectContaining({ actor: expect.objectContaining({ type: "contact", id: customer.contactId }) })]);
  });

  it("resends of a request land on the same conversation, once", async () => {
    const body = { subject: "Troca de tamanho", description: "Quero trocar o tamanho.", clientId: `req-${unique()}` };
    const first = await call("/api/v1/portal/requests", { method: "POST", json: body, client });
    const again = await call("/api/v1/portal/requests", { method: "POST", json: body, client });
    expect(first.body).toMatchObject({ duplicate: false });
    expect(again.body).toEqual({ conversationId: first.body.conversationId, duplicate: true });
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM portal_requests WHERE contact_id = ? AND subject = 'Troca de tamanho'").bind(customer.contactId).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("attaches a file to a reply through the web chat's file rules, and downloads only its own conversation's files", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const up = await call(`/api/v1/portal/conversations/${customer.webchatConversationId}/uploads`, { method: "POST", body: png, headers: { "Content-Type": "image/png", "X-File-Name": "comprovante.png" }, client });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const refused = await call(`/api/v1/portal/conversations/${customer.webchatConversationId}/uploads`, { method: "POST", body: "<script>", headers: { "Content-Type": "text/html", "X-File-Name": "x.html" }, client });
    expectApiError(refused, 415, "unsupported_media_type");
    const sent = await call(`/api/v1/portal/conversations/${customer.webchatConversationId}/messages`, { method: "POST", json: { attachmentIds: [up.body.id], clientId: `f-${unique()}` }, client });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const file = await call(`/api/v1/portal/conversations/${customer.webchatConversationId}/files/${up.body.id}`, { client });
    expect(file.status).toBe(200);
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(file.headers.get("Content-Security-Policy")).toContain("sandbox");
    // The same file asked for under another of the customer's conversations: not there.
    expectApiError(await call(`/api/v1/portal/conversations/${customer.whatsappConversationId}/files/${up.body.id}`, { client }), 404, "not_found");
  });

  it("renders the list page on the server, user text escaped", async () => {
    const opened = await call("/api/v1/portal/requests", { method: "POST", json: { subject: "<script>alert(1)</script>", description: "<img src=x onerror=alert(1)>", clientId: `x-${unique()}` }, client });
    expect(opened.status).toBe(201);
    const page = await call("/portal?lang=es", { client });
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(page.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain("Mis conversaciones");
    expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.body).not.toContain("<script>alert(1)");
    expect(page.body).toContain(`/portal/conversations/${customer.whatsappConversationId}`);
    const detail = await call(`/portal/conversations/${opened.body.conversationId}`, { client });
    expect(detail.body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(detail.body).not.toContain("<img src=x");
  });
});
