/**
 * E-mail the company starts, and RFC 8058 one-click unsubscribe: marketing mail carries
 * List-Unsubscribe (https, signed) and List-Unsubscribe-Post; a POST of
 * `List-Unsubscribe=One-Click` to it revokes e-mail consent for the marketing purposes;
 * a GET (a scanner, a preview) never does; a forged link is refused.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { owner } from "../fixtures";
import { flipChar } from "../route-table";
import { INBOX_SETTINGS, mailStandIn } from "../channels/email-kit";
import { consentRecordsOf, currentConsent } from "../../../worker/db/consent";
import { insertInbox } from "../../../worker/db/inboxes";
import { AVISOS, MARKETING, consent, db, newContact, outboundBody, startConversation, startConversationFrom } from "./outbound-kit";

const DEPLOYED = "https://suporte.loja.example.com.br";
const MAIL = { subject: "Ofertas de Natal", text: "Olá Maria, 20% em toda a loja até domingo." };

async function emailWorld() {
  const boss = await owner();
  const inboxId = crypto.randomUUID();
  await insertInbox(db, { id: inboxId, kind: "email", name: "E-mail da loja", settings: INBOX_SETTINGS, credentials: null, createdAt: Date.now() });
  const address = `maria.${crypto.randomUUID().slice(0, 8)}@cliente.example.net`;
  const contactId = await newContact({ email: address });
  return { boss, inboxId, contactId, address };
}

function unsubscribe(url: string, init: { method: "GET" | "POST"; body?: string; contentType?: string }) {
  const headers: Record<string, string> = init.contentType ? { "Content-Type": init.contentType } : {};
  return exports.default.fetch(new Request(url, { method: init.method, body: init.body, headers }));
}

/** Sends a marketing mail from the deployed origin; answers the List-Unsubscribe URL it carried. */
async function marketingMail(w: Awaited<ReturnType<typeof emailWorld>>) {
  const mail = mailStandIn([{ messageId: `<cf-${crypto.randomUUID()}@loja.example.com.br>` }]);
  await consent(w.contactId, "grant", MARKETING, "email");
  const res = await startConversationFrom(DEPLOYED, w.boss, outboundBody(w.inboxId, w.contactId, { message: MAIL }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await eventually(async () => expect(mail.sent).toHaveLength(1));
  const sent = mail.sent[0]!;
  const header = (sent.headers as Record<string, string>)["List-Unsubscribe"]!;
  return { sent, header, url: header.slice(1, -1) };
}

describe("a marketing e-mail the company starts", () => {
  it("goes to the contact's address with the subject, List-Unsubscribe (https, signed) and List-Unsubscribe-Post", async () => {
    const w = await emailWorld();
    const { sent, header, url } = await marketingMail(w);
    expect(sent).toMatchObject({ to: [w.address], subject: MAIL.subject });
    expect(sent.text).toContain(MAIL.text);
    expect(header).toMatch(new RegExp(`^<${DEPLOYED}/u/${w.contactId}\\.\\d+\\.[A-Za-z0-9_-]+>$`));
    expect((sent.headers as Record<string, string>)["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(url.length).toBeLessThanOrEqual(2048);
  });

  it("carries no List-Unsubscribe for a purpose that is not marketing, nor from a non-https origin", async () => {
    const w = await emailWorld();
    const mail = mailStandIn([{ messageId: "<cf-a@loja.example.com.br>" }, { messageId: "<cf-b@loja.example.com.br>" }]);
    await consent(w.contactId, "grant", AVISOS, "email");
    await consent(w.contactId, "grant", MARKETING, "email");
    expect((await startConversationFrom(DEPLOYED, w.boss, outboundBody(w.inboxId, w.contactId, { purposeId: AVISOS, message: MAIL }))).status).toBe(201);
    await eventually(async () => expect(mail.sent).toHaveLength(1));
    // http://localhost (wrangler dev): Email Service would refuse an http URI there.
    expect((await startConversation(w.boss, outboundBody(w.inboxId, w.contactId, { message: { ...MAIL, subject: "Outra" } }))).status).toBe(201);
    await eventually(async () => expect(mail.sent).toHaveLength(2));
    for (const sent of mail.sent) expect(Object.keys(sent.headers ?? {})).not.toContain("List-Unsubscribe");
  });

  it("needs a subject: 422 outbound_content_mismatch, nothing sent", async () => {
    const w = await emailWorld();
    const mail = mailStandIn();
    await consent(w.contactId, "grant", MARKETING, "email");
    expectApiError(await startConversation(w.boss, outboundBody(w.inboxId, w.contactId, { message: { text: MAIL.text } })), 422, "outbound_content_mismatch");
    expect(mail.sent).toHaveLength(0);
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("a GET shows a page with the button and unsubscribes no one", async () => {
    const w = await emailWorld();
    const { url } = await marketingMail(w);
    const res = await unsubscribe(url, { method: "GET" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<form method="post">');
    expect(page).toContain('name="List-Unsubscribe" value="One-Click"');
    expect((await currentConsent(db, w.contactId, "email", MARKETING))?.action).toBe("grant");
  });

  it("a POST of List-Unsubscribe=One-Click revokes e-mail marketing consent, recorded by the contact; a second POST records nothing more", async () => {
    const w = await emailWorld();
    const { url } = await marketingMail(w);
    const res = await unsubscribe(url, { method: "POST", body: "List-Unsubscribe=One-Click", contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(200);
    const revoked = await currentConsent(db, w.contactId, "email", MARKETING);
    expect(revoked).toMatchObject({ action: "revoke", channel: "email", source: "list_unsubscribe", recordedBy: { type: "contact", id: w.contactId } });
    expect((await unsubscribe(url, { method: "POST", body: "List-Unsubscribe=One-Click", contentType: "application/x-www-form-urlencoded" })).status).toBe(200);
    expect((await consentRecordsOf(db, w.contactId)).filter((r) => r.action === "revoke")).toHaveLength(1);
    // And the gate now refuses the next marketing mail.
    expectApiError(await startConversationFrom(DEPLOYED, w.boss, outboundBody(w.inboxId, w.contactId, { message: MAIL })), 422, "consent_required");
  });

  it("refuses a forged or altered link (403), a POST without the one-click body (400) or with a long one (413), recording nothing", async () => {
    const w = await emailWorld();
    const { url } = await marketingMail(w);
    const forged = flipChar(url, -3);
    for (const bad of [forged, url.replace(w.contactId, crypto.randomUUID()), `${DEPLOYED}/u/not-a-token`]) {
      const res = await unsubscribe(bad, { method: "POST", body: "List-Unsubscribe=One-Click", contentType: "application/x-www-form-urlencoded" });
      expect(res.status, bad).toBe(403);
      expect(((await res.json()) as any).error.code).toBe("invalid_token");
    }
    expect((await unsubscribe(forged, { method: "GET" })).status).toBe(403);
    const empty = await unsubscribe(url, { method: "POST", body: "unsubscribe=yes", contentType: "application/x-www-form-urlencoded" });
    expect(empty.status).toBe(400);
    const oversize = await unsubscribe(url, { method: "POST", body: `List-Unsubscribe=One-Click&pad=${"x".repeat(2000)}`, contentType: "application/x-www-form-urlencoded" });
    expect(oversize.status).toBe(413);
    expect((await consentRecordsOf(db, w.contactId)).filter((r) => r.action === "revoke")).toHaveLength(0);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM consent_records WHERE contact_id = ? AND source = 'list_unsubscribe'").bind(w.contactId).first<{ n: number }>();
    expect(audit?.n).toBe(0);
  });
});
