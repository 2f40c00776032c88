/**
 * Twilio's incoming-message webhook through the real route: signed over the URL Twilio
 * called and every parameter (401 and nothing stored otherwise), answered with empty
 * TwiML once stored, once however often Twilio redelivers (room evicted or not), MMS
 * files copied into R2 with the account's credentials.
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../fixtures";
import { ORIGIN, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { conversationsOf, post } from "./channel-world";
import { messagesOfOnly, onlyConversation, projectedRows } from "./whatsapp-webhook-kit";
import { ACCOUNT_SID, AUTH_TOKEN, TW, TWILIO, twInbox, withParams } from "./twilio-kit";
import { twilioSignatureOf, formParams } from "../../../worker/channels/twilio/signature";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function expectTwiml(res: Awaited<ReturnType<typeof post>>) {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^text\/xml/);
  expect(res.body).toBe(TWIML);
}

describe("incoming messages", () => {
  it("an SMS is stored as the customer's message and answered with empty TwiML", async () => {
    const tw = await twInbox();
    expectTwiml(await tw.deliver(TW.sms));
    const messages = await messagesOfOnly(boss, tw.inbox.id);
    expect(messages.map((m) => [m.body, m.providerMessageId, m.actor.type])).toEqual([["Olá, meu pedido ainda não chegou 😕", "SM11111111111111111111111111111111", "contact"]]);
  });

  it("WhatsApp through Twilio: the customer named by their profile name", async () => {
    const tw = await twInbox({ medium: "whatsapp" });
    expectTwiml(await tw.deliver(TW.whatsapp));
    const [message] = await messagesOfOnly(boss, tw.inbox.id);
    expect(message).toMatchObject({ body: "Oi! Vocês entregam no sábado?", providerMessageId: "SM55555555555555555555555555555555" });
    const { results } = await env.DB.prepare("SELECT c.name, i.external_id FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE i.kind = ?").bind(`sms:${tw.inbox.id}`).all();
    expect(results).toEqual([{ name: "Maria José", external_id: "whatsapp:+5511987654321" }]);
  });

  it("an MMS with two files: each fetched with basic auth (following Twilio's redirect to its CDN, without the credentials) into R2", async () => {
    const tw = await twInbox();
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const api = fakeProvider(TWILIO).on("GET", /\/Media\/ME3{32}$/, [new Response(null, { status: 307, headers: { Location: "https://cdn.twilio.test/jpeg-1" } })]).on("GET", /\/Media\/ME4{32}$/, [new Response("%PDF-1.4 nota", { headers: { "Content-Type": "application/pdf" } })]);
    const cdn = fakeProvider("https://cdn.twilio.test").on("GET", /^\/jpeg-1$/, [new Response(jpeg, { headers: { "Content-Type": "image/jpeg" } })]);
    expectTwiml(await tw.deliver(TW.mms));
    const [message] = await messagesOfOnly(boss, tw.inbox.id);
    expect(message!.attachments!.map((a) => [a.contentType, a.size])).toEqual([
      ["image/jpeg", jpeg.byteLength],
      ["application/pdf", 13],
    ]);
    const stored = await env.FILES.get(`files/${message!.attachments![0]!.id}`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(jpeg);
    const basic = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${ACCOUNT_SID}:${AUTH_TOKEN}`)))}`;
    expect(api.calls.map((c) => c.headers.get("Authorization"))).toEqual([basic, basic]);
    expect(cdn.calls.map((c) => c.headers.get("Authorization"))).toEqual([null]);
  });

  it("a file over Twilio's 5 MB is not copied; the message is stored without it", async () => {
    const tw = await twInbox();
    fakeProvider(TWILIO).on("GET", /\/Media\//, [], new Response("x", { headers: { "Content-Length": String(5 * 1024 * 1024 + 1), "Content-Type": "image/jpeg" } }));
    expectTwiml(await tw.deliver(TW.mms));
    const [message] = await messagesOfOnly(boss, tw.inbox.id);
    expect(message!.body).toContain("Foto da caixa");
    expect(message!.attachments ?? []).toEqual([]);
  });
});

describe("redelivery", () => {
  it("the same MessageSid twice, and again after the room was evicted: one message", async () => {
    const tw = await twInbox();
    expectTwiml(await tw.deliver(TW.sms));
    expectTwiml(await tw.deliver(TW.sms));
    const conversation = await onlyConversation(tw.inbox.id);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(conversation.id));
    expectTwiml(await tw.deliver(TW.sms));
    const messages = await messagesOfOnly(boss, tw.inbox.id);
    expect(messages.map((m) => m.providerMessageId)).toEqual(["SM11111111111111111111111111111111"]);
    await projectedRows(conversation.id, (rows) => expect(rows.map((r) => r.provider_message_id)).toEqual(["SM11111111111111111111111111111111"]));
  });
});

describe("refusals: nothing stored", () => {
  it("no signature, another token's, or a signature over a different URL → 401", async () => {
    const tw = await twInbox();
    const form = TW.sms;
    const plain = { "Content-Type": "application/x-www-form-urlencoded" };
    expect((await post(tw.path, form, plain)).status).toBe(401);
    expect((await post(tw.path, form, { ...plain, "X-Twilio-Signature": await twilioSignatureOf("another token", ORIGIN + tw.path, formParams(form)) })).status).toBe(401);
    expect((await tw.deliver(form, { signedUrl: `https://elsewhere.example${tw.path}` })).status).toBe(401);
    expect((await tw.deliver(form, { signedUrl: `${ORIGIN}${tw.path}/status` })).status).toBe(401);
    expect((await tw.deliver(form, { signedUrl: `${ORIGIN}${tw.path}?x=1` })).status).toBe(401);
    expect(await conversationsOf(tw.inbox.id)).toEqual([]);
  });

  it("one parameter changed (or added) after signing → 401", async () => {
    const tw = await twInbox();
    const signature = await twilioSignatureOf(AUTH_TOKEN, ORIGIN + tw.path, formParams(TW.sms));
    const headers = { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature };
    expect((await post(tw.path, withParams(TW.sms, { Body: "Olá, meu pedido chegou" }), headers)).status).toBe(401);
    expect((await post(tw.path, withParams(TW.sms, { From: "+5511900000000" }), headers)).status).toBe(401);
    expect((await post(tw.path, `${TW.sms}&Extra=1`, headers)).status).toBe(401);
    expect((await post(tw.path, TW.sms, headers)).status).toBe(200);
    const messages = await messagesOfOnly(boss, tw.inbox.id);
    expect(messages.map((m) => m.body)).toEqual(["Olá, meu pedido ainda não chegou 😕"]);
  });

  it("with publicBaseUrl set, the signature covers that origin (a custom domain), not the request's", async () => {
    const tw = await twInbox({ publicBaseUrl: "https://suporte.example.com.br" });
    expect((await tw.deliver(TW.sms)).status).toBe(401);
    expectTwiml(await tw.deliver(TW.sms, { signedUrl: `https://suporte.example.com.br${tw.path}` }));
  });

  it("a signed but malformed body → 400 with the issues", async () => {
    const tw = await twInbox();
    const res = await tw.deliver(withParams(TW.sms, { MessageSid: "not-a-sid" }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect((await tw.deliver("")).status).toBe(400);
    expect(await conversationsOf(tw.inbox.id)).toEqual([]);
  });
});
