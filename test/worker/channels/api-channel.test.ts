/**
 * The API channel in workerd (real rooms, D1, delivery queue; only the caller's reply URL
 * is fake, at the fetch boundary): inbound messages through the REST API with a token,
 * idempotent by the caller's id; tokens of the wrong scope or inbox refused; agents'
 * replies delivered signed to the inbox's URL, retried after a 500 and sent once, failed
 * with the receiver's reason after a 400; the signing secret shown once on a roll.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { owner } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { unique } from "../route-table";
import { fakeProvider, type ProviderAnswer } from "../provider-fake";
import { makeToken, type MadeToken } from "../token-kit";
import { agentReplies, deliveriesOf, deliveryOf, makeDueNow, messagesOf, queueRows } from "../channel-room-kit";
import { eventsOf } from "./channel-world";
import { verifySignature } from "../../../worker/webhooks/signature";
import { ApiChannelReply } from "../../../worker/protocol";

let boss: Client;
let origins = 0;
beforeAll(async () => {
  boss = await owner();
});

/** An API inbox replying to a fresh fake origin, its secret (rolled once to see it) and a
 * token limited to it. */
async function apiInbox(answers: ProviderAnswer[] = [], always: ProviderAnswer | null = new Response("ok")) {
  const origin = `https://api-receiver-${++origins}.channel.test`;
  const fake = fakeProvider(origin).on("POST", /.*/, answers, always);
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "api", name: `API ${unique()}`, settings: { url: `${origin}/replies` } }, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id: string = res.body.id;
  const rolled = await call(`/api/v1/inboxes/${id}/api-secret`, { method: "POST", client: boss });
  expect(rolled.status, JSON.stringify(rolled.body)).toBe(201);
  const token = await makeToken(boss, { scopes: ["messages:write"], inboxIds: [id] });
  return { id, fake, secret: rolled.body.secret as string, token };
}

const send = (inboxId: string, token: MadeToken, body: Record<string, unknown>) => call(`/api/v1/inboxes/${inboxId}/messages`, { method: "POST", json: body, headers: bearer(token.secret) });

const message = (id: string, text = "Olá, preciso de ajuda", externalId = "cust-1") => ({ id, contact: { externalId, name: "Ana", email: "ana@example.com" }, text });

describe("API channel: inbound", () => {
  it("stores a customer's message once per caller id, in a conversation of the inbox with the contact's details", async () => {
    const inbox = await apiInbox();
    const first = await send(inbox.id, inbox.token, message("m-1"));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.duplicate).toBe(false);
    const again = await send(inbox.id, inbox.token, message("m-1"));
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ conversationId: first.body.conversationId, duplicate: true });
    const second = await send(inbox.id, inbox.token, message("m-2", "segunda"));
    expect(second.body.conversationId).toBe(first.body.conversationId);
    const messages = messagesOf(await eventsOf(boss, first.body.conversationId));
    expect(messages.map((m) => [m.body, m.actor.type])).toEqual([
      ["Olá, preciso de ajuda", "contact"],
      ["segunda", "contact"],
    ]);
    const row = await env.DB.prepare("SELECT c.inbox_id, k.name, k.email FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?").bind(first.body.conversationId).first();
    expect(row).toEqual({ inbox_id: inbox.id, name: "Ana", email: "ana@example.com" });
  });

  it("refuses a token without messages:write, one limited to another inbox, an unknown inbox and a non-API inbox", async () => {
    const inbox = await apiInbox();
    const other = await apiInbox();
    const reader = await makeToken(boss, { scopes: ["conversations:read"], inboxIds: [inbox.id] });
    expect((await send(inbox.id, reader, message("x-1"))).status).toBe(403);
    const elsewhere = await send(inbox.id, other.token, message("x-2"));
    expect(elsewhere.status).toBe(404);
    const wide = await makeToken(boss, { scopes: ["messages:write"] });
    expect((await send("no-such-inbox", wide, message("x-3"))).status).toBe(404);
    const web = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: `Site ${unique()}` }, client: boss });
    const notApi = await send(web.body.id, wide, message("x-4"));
    expect(notApi.status).toBe(409);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM conversations WHERE inbox_id = ?").bind(inbox.id).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });
});

describe("API channel: replies", () => {
  it("delivers an agent's reply signed to the inbox's URL, with our message id, once", async () => {
    const inbox = await apiInbox();
    const { conversationId } = (await send(inbox.id, inbox.token, message("r-1", "oi", "cust-r1"))).body;
    const reply = await agentReplies(boss, conversationId, "Olá Ana! Como posso ajudar?");
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    await eventually(async () => expect(deliveryOf(await eventsOf(boss, conversationId), reply.body.seq)).toBe("sent"));
    expect(inbox.fake.calls).toHaveLength(1);
    const [got] = inbox.fake.calls;
    expect(await verifySignature(inbox.secret, got!.body, got!.headers.get("Switchboard-Signature"), Date.now())).toBe(true);
    expect(await verifySignature("whsec_wrong", got!.body, got!.headers.get("Switchboard-Signature"), Date.now())).toBe(false);
    const payload = ApiChannelReply.parse(JSON.parse(got!.body));
    expect(payload).toMatchObject({ event: "api_channel.reply", conversationId, contactExternalId: "cust-r1", seq: reply.body.seq, text: "Olá Ana! Como posso ajudar?" });
    expect(got!.headers.get("Switchboard-Delivery")).toBe(payload.id);
    expect(got!.headers.get("Switchboard-Event")).toBe("api_channel.reply");
  });

  it("retries after a 500 and sends once, with the same delivery id", async () => {
    const inbox = await apiInbox([new Response("busy", { status: 500 })]);
    const { conversationId } = (await send(inbox.id, inbox.token, message("r-2", "oi", "cust-r2"))).body;
    const seq = (await agentReplies(boss, conversationId, "um momento")).body.seq;
    await eventually(async () => expect(await queueRows(conversationId)).toMatchObject([{ seq, attempts: 1, last_error: expect.stringContaining("HTTP 500") }]));
    await makeDueNow(conversationId);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    await eventually(async () => expect(deliveryOf(await eventsOf(boss, conversationId), seq)).toBe("sent"));
    expect(inbox.fake.calls).toHaveLength(2);
    expect(inbox.fake.calls[1]!.headers.get("Switchboard-Delivery")).toBe(inbox.fake.calls[0]!.headers.get("Switchboard-Delivery"));
    // Nothing left to send: another alarm calls no one.
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    expect(inbox.fake.calls).toHaveLength(2);
  });

  it("a 400 fails the reply with the receiver's reason, and is not retried", async () => {
    const inbox = await apiInbox([new Response("unknown customer", { status: 400 })]);
    const { conversationId } = (await send(inbox.id, inbox.token, message("r-3", "oi", "cust-r3"))).body;
    const seq = (await agentReplies(boss, conversationId, "olá")).body.seq;
    const events = await eventually(async () => {
      const e = await eventsOf(boss, conversationId);
      expect(deliveryOf(e, seq)).toBe("failed");
      return e;
    });
    expect(deliveriesOf(events, seq)).toMatchObject([{ status: "failed", error: "HTTP 400: unknown customer" }]);
    expect(await queueRows(conversationId)).toEqual([]);
    expect(inbox.fake.calls).toHaveLength(1);
  });

  it("a rolled secret is shown once and signs from then on; the old one no longer verifies", async () => {
    const inbox = await apiInbox();
    const rolled = await call(`/api/v1/inboxes/${inbox.id}/api-secret`, { method: "POST", client: boss });
    expect(rolled.body.secret).not.toBe(inbox.secret);
    const view = await call(`/api/v1/inboxes/${inbox.id}`, { client: boss });
    expect(JSON.stringify(view.body)).not.toContain(rolled.body.secret);
    const { conversationId } = (await send(inbox.id, inbox.token, message("r-4", "oi", "cust-r4"))).body;
    const seq = (await agentReplies(boss, conversationId, "olá")).body.seq;
    await eventually(async () => expect(deliveryOf(await eventsOf(boss, conversationId), seq)).toBe("sent"));
    const [got] = inbox.fake.calls;
    expect(await verifySignature(rolled.body.secret, got!.body, got!.headers.get("Switchboard-Signature"), Date.now())).toBe(true);
    expect(await verifySignature(inbox.secret, got!.body, got!.headers.get("Switchboard-Signature"), Date.now())).toBe(false);
  });
});
