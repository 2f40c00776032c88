/**
 * The contact's-rights test kit (issue 16): a contact with everything a contact can leave
 * behind — web chat and WhatsApp conversations, a file on each, a private note, an agent's
 * reply, a CSAT comment, a visitor context, attributes, a consent record with the text the
 * customer saw, webhook deliveries waiting in an outbox — each carrying a word of its own,
 * so a test can look for every one of them afterwards, anywhere.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { database } from "../../../worker/db/client";
import { createConversation, findConversation } from "../../../worker/db/conversations";
import { insertInbox } from "../../../worker/db/inboxes";
import { recordConsent } from "../../../worker/db/consent";
import { seedOf } from "../../../worker/conversation/commands";
import { sealCredentials } from "../../../worker/channels/credentials";
import { contactIdentities } from "../../../worker/db/schema";
import { bearer, call, ORIGIN, type Client } from "../http-client";
import { projected, visitor } from "../fixtures";
import { customerText, wamid } from "../channel-room-kit";
import { storedFile } from "../channels/whatsapp-kit";
import { receiver, createEndpoint } from "../webhooks/webhook-kit";

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

let counter = 0;
/** Letters only, so each word is one search token. */
const letters = () => (++counter).toString(26).replace(/[0-9]/g, (d) => "qrstuvwxyz"[Number(d)]!) + crypto.randomUUID().replace(/[^a-f]/g, "").slice(0, 6);

export interface RichContact {
  contactId: string;
  webConversationId: string;
  waConversationId: string;
  visitorToken: string;
  /** Every file stored for the contact (web upload, WhatsApp media). */
  fileIds: string[];
  words: { web: string; reply: string; note: string; csat: string; wa: string; attr: string; page: string; consent: string; file: string };
  name: string;
  email: string;
  phone: string;
  /** The endpoint whose outbox holds deliveries of the contact's messages. */
  endpointId: string;
}

/** Every string that must be gone after an erasure. */
export function secretsOf(c: RichContact): string[] {
  return [...Object.values(c.words), c.name.split(" ")[1]!, c.email, c.phone.replace("+", "")];
}

export function upload(path: string, bytes: Uint8Array, type: string, token: string, name: string) {
  const headers: Record<string, string> = { "Content-Type": type, "X-File-Name": encodeURIComponent(name), Origin: ORIGIN, Authorization: `Bearer ${token}` };
  return exports.default.fetch(new Request(ORIGIN + path, { method: "POST", headers, body: bytes }));
}

/** A WhatsApp inbox (sealed credentials, its own phone number id). */
export async function whatsappInbox(): Promise<string> {
  const inboxId = crypto.randomUUID();
  const credentials = await sealCredentials(env, inboxId, { appSecret: "app-secret", accessToken: "EAA-test-token", verifyToken: "verify" });
  await insertInbox(database(env.DB), { id: inboxId, kind: "whatsapp", name: "WhatsApp", settings: { phoneNumberId: `${Date.now()}${++counter}` }, credentials, createdAt: Date.now() });
  return inboxId;
}

/** Builds the contact; `boss` is an owner session, `publicKey` a web chat inbox's key. */
export async function richContact(boss: Client, publicKey: string): Promise<RichContact> {
  const t = letters();
  const words = { web: `abacaxi${t}`, reply: `resposta${t}`, note: `confidencial${t}`, csat: `maravilhoso${t}`, wa: `jabuticaba${t}`, attr: `ouro${t}`, page: `pedido${t}`, consent: `ofertas${t}`, file: `comprovante${t}` };
  const name = `Zuleica Quintanilha${t}`;
  const email = `zuleica.${t}@cliente.test`;
  const phone = `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const receiverAt = receiver([], new Response("down", { status: 500 }));
  const endpoint = await createEndpoint(boss, receiverAt.url, ["message.created"], true);

  const v = await visitor(publicKey);
  const auth = bearer(v.token);
  expect((await call("/api/v1/widget/contact", { method: "PATCH", json: { name, email, phone, attributes: { plano: words.attr } }, headers: auth })).status).toBe(200);
  expect((await call("/api/v1/widget/page", { method: "POST", json: { url: `https://loja.test/${words.page}` }, headers: auth })).status).toBe(200);
  const up = await upload("/api/v1/widget/uploads", PNG, "image/png", v.token, `${words.file}.png`);
  expect(up.status).toBe(201);
  const file = (await up.json()) as { id: string };
  const sent = await call("/api/v1/widget/messages", { method: "POST", json: { body: `Meu pedido ${words.web}`, clientId: `c-${t}`, attachmentIds: [file.id] }, headers: auth });
  expect(sent.status).toBe(201);
  const agent = (body: string, kind: "text" | "note") => call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body, kind }, client: boss });
  expect((await agent(`Nota ${words.note}`, "note")).status).toBe(201);
  expect((await agent(`Olá, ${words.reply}`, "text")).status).toBe(201);
  expect((await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
  const csat = await call("/api/v1/widget/csat", { method: "POST", json: { rating: 4, comment: `Foi ${words.csat}` }, headers: auth });
  expect(csat.status).toBe(201);
  await projected(v.conversationId, csat.body.seq);

  // WhatsApp, the same contact: known there by their number, with a photo.
  const db = database(env.DB);
  const inboxId = await whatsappInbox();
  const waConversationId = crypto.randomUUID();
  await createConversation(db, waConversationId, v.contactId, { id: inboxId, teamId: null, priority: 0 }, Date.now());
  await db.insert(contactIdentities).values({ id: crypto.randomUUID(), contactId: v.contactId, kind: "whatsapp", externalId: phone.replace("+", ""), createdAt: Date.now() });
  const photo = await storedFile(`${words.file}-wa.jpg`, "image/jpeg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  const seed = seedOf((await findConversation(db, waConversationId))!);
  const ingested = await env.CONVERSATION_ROOM.getByName(waConversationId).ingest(seed, { externalId: phone.replace("+", ""), name }, [
    customerText(`Oi ${words.wa}`, wamid(), { senderName: name }),
    customerText("", wamid(), { senderName: name, attachments: [photo] }),
  ]);
  await projected(waConversationId, ingested.lastSeq);
  await recordConsent(db, {
    contactId: v.contactId,
    channel: "whatsapp",
    purposeId: "purpose_marketing",
    action: "grant",
    source: "widget_checkbox",
    recordedBy: { type: "contact", id: v.contactId, name },
    textShown: `Aceito receber ${words.consent}`,
    evidence: `form-${words.consent}`,
    ip: "203.0.113.9",
    at: Date.now(),
  });
  return { contactId: v.contactId, webConversationId: v.conversationId, waConversationId, visitorToken: v.token, fileIds: [file.id, photo.id], words, name, email, phone, endpointId: endpoint.id };
}

/** Every D1 table (FTS shadow tables aside: their index is checked with MATCH) whose rows,
 * as JSON, contain one of `needles` (case-insensitive); empty: no trace. */
export async function d1Traces(needles: string[]): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE '%_fts%'").all<{ name: string }>();
  const found: string[] = [];
  for (const { name } of results) {
    const rows = (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results;
    const text = JSON.stringify(rows).toLowerCase();
    for (const needle of needles) if (text.includes(needle.toLowerCase())) found.push(`${name}: ${needle}`);
  }
  return found;
}

/** Hits of the FTS indexes themselves for `word`. */
export async function ftsHits(word: string): Promise<number> {
  const m = await env.DB.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?").bind(`"${word}"`).first<{ n: number }>();
  const c = await env.DB.prepare("SELECT count(*) AS n FROM contacts_fts WHERE contacts_fts MATCH ?").bind(`"${word}"`).first<{ n: number }>();
  return m!.n + c!.n;
}
