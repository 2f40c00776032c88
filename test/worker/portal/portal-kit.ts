/**
 * What the customer portal tests share: a portal configured as an admin configures it (a
 * web chat inbox for requests, an e-mail inbox whose first address sends the sign-in
 * mail, categories), a customer whose one contact speaks on web chat, WhatsApp and
 * e-mail, and signing in the way a customer does: asking for a link, reading it out of
 * the mail the `send_email` binding was handed (email-kit.ts's stand-in), redeeming it.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { database } from "../../../worker/db/client";
import { insertInbox } from "../../../worker/db/inboxes";
import { eventually } from "../assertions";
import { clientAddress, projected, visitor, webchatInbox } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { INBOX_SETTINGS, mailStandIn } from "../channels/email-kit";
import { WA } from "../channels/whatsapp-fixtures";
import { waInbox } from "../channels/whatsapp-webhook-kit";

export const unique = () => crypto.randomUUID().slice(0, 8);

export interface PortalSetup {
  inboxId: string;
  publicKey: string;
  emailInboxId: string;
  /** The address sign-in mail comes from: the e-mail inbox's first. */
  sender: string;
}

/** An e-mail inbox (as the inbox API stores one) and a web chat inbox, named in the
 * portal settings with the categories given. */
export async function setUpPortal(boss: Client, categories: unknown[] = []): Promise<PortalSetup> {
  const web = await webchatInbox(boss, `Portal ${unique()}`);
  const emailInboxId = crypto.randomUUID();
  const addresses = [`suporte-${unique()}@loja.example.com.br`, "financeiro@loja.example.com.br"];
  await insertInbox(database(env.DB), { id: emailInboxId, kind: "email", name: "E-mail da loja", settings: { ...INBOX_SETTINGS, addresses }, credentials: null, createdAt: Date.now() });
  const res = await call("/api/v1/portal-settings", { method: "PUT", json: { inboxId: web.id, emailInboxId, categories }, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { inboxId: web.id, publicKey: web.publicKey, emailInboxId, sender: addresses[0]! };
}

export interface Customer {
  email: string;
  contactId: string;
  webchatConversationId: string;
  whatsappConversationId: string;
  /** The customer's visitor token in the portal's web chat inbox. */
  visitorToken: string;
}

async function addIdentity(contactId: string, kind: string, externalId: string): Promise<void> {
  await env.DB.prepare("INSERT INTO contact_identities (id, contact_id, kind, external_id, created_at) VALUES (?, ?, ?, ?, ?)")
    .bind(crypto.randomUUID(), contactId, kind, externalId, Date.now())
    .run();
}

/** One contact, three identities: a web chat visitor who wrote `chatText`, then known
 * on WhatsApp (whose webhook then delivers `WA.pywaText`, "Body Text", from their number)
 * and by e-mail address (as the email() handler records a sender). */
export async function customerOnChannels(portal: PortalSetup, chatText = "Olá, meu pedido atrasou"): Promise<Customer> {
  const email = `cliente-${unique()}@cliente.example.net`;
  const v = await visitor(portal.publicKey);
  const wrote = await call("/api/v1/widget/messages", { method: "POST", json: { body: chatText, clientId: `c-${unique()}` }, headers: bearer(v.token) });
  expect(wrote.status, JSON.stringify(wrote.body)).toBe(201);
  await projected(v.conversationId, wrote.body.seq);

  const phone = `5511${Math.floor(Math.random() * 1e9).toString().padStart(9, "0")}`;
  const wa = await waInbox();
  await addIdentity(v.contactId, `whatsapp:${wa.inbox.id}`, phone);
  await addIdentity(v.contactId, `email:${portal.emailInboxId}`, email);
  expect((await wa.send(WA.pywaText, [["972987654321", phone], ["wamid.xyzxyz", `wamid.${unique()}`]])).status).toBe(200);
  const row = await eventually(async () => {
    const found = await env.DB.prepare("SELECT id, last_seq FROM conversations WHERE inbox_id = ? AND contact_id = ?").bind(wa.inbox.id, v.contactId).first<{ id: string; last_seq: number }>();
    if (!found || found.last_seq < 1) throw new Error("WhatsApp conversation not projected yet");
    return found;
  });
  return { email, contactId: v.contactId, webchatConversationId: v.conversationId, whatsappConversationId: row.id, visitorToken: v.token };
}

/** Asks for a sign-in link for `email` (from a fresh network address) and returns the
 * link's token as read from the mail, with the mail itself. */
export async function requestLink(email: string, mail = mailStandIn()) {
  const before = mail.sent.length;
  const res = await call("/api/v1/portal/sign-in/link", { method: "POST", json: { email, locale: "pt-BR" }, headers: { "CF-Connecting-IP": clientAddress() } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  // The mail leaves after the answer (waitUntil).
  const sent = await eventually(async () => {
    const m = mail.sent[before];
    if (!m) throw new Error("no sign-in mail yet");
    return m;
  });
  const token = /#token=([A-Za-z0-9_-]{43})/.exec(String(sent.text))?.[1];
  expect(token, String(sent.text)).toBeDefined();
  return { token: token!, sent, mail };
}

export function redeem(token: string, client: Client = {}) {
  return call("/api/v1/portal/sign-in/redeem", { method: "POST", json: { token }, client, headers: { "CF-Connecting-IP": clientAddress() } });
}

/** A customer signed in by link: a client holding the portal cookie. */
export async function signedIn(email: string): Promise<Client> {
  const { token } = await requestLink(email);
  const client: Client = {};
  const res = await redeem(token, client);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(client.cookie).toMatch(/^sb_portal=/);
  return client;
}
