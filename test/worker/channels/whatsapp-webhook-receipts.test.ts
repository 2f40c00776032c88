/**
 * WhatsApp's status webhooks through the real route: receipts out of order end in the
 * right state, in the room's events and in D1's messages row (delivery_status, the
 * error in its event JSON), and a receipt that outruns its message — our send's answer,
 * or the business app's echo — is applied when the message arrives.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { agentReplies, deliveriesOf, makeDueNow, queueRows } from "../channel-room-kit";
import { owner } from "../fixtures";
import type { Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { eventsOf, messagesIn } from "./channel-world";
import { WA } from "./whatsapp-fixtures";
import { GRAPH, graphError, sentAnswer } from "./whatsapp-kit";
import { onlyConversation, projectedRows, waInbox, type WaInbox } from "./whatsapp-webhook-kit";

const CUSTOMER = "5511987654321";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

/** The customer writes now (inside the service window), through the webhook. */
async function customerWrote(wa: WaInbox): Promise<string> {
  const now = String(Math.floor(Date.now() / 1000));
  expect((await wa.send(WA.pywaText, [["972987654321", CUSTOMER], ["1697043223", now]])).status).toBe(200);
  return (await onlyConversation(wa.inbox.id)).id;
}

/** Meta's status webhook for `wamid` (status_read / status_failed, retargeted). `ourId`
 * is what we sent as biz_opaque_callback_data; null leaves it out. */
function statusBody(wa: WaInbox, wamid: string, status: "sent" | "delivered" | "read" | "failed", ourId: string | null): string {
  const fixture = JSON.parse(wa.body(status === "failed" ? WA.statusFailed : WA.statusRead));
  const s = fixture.entry[0].changes[0].value.statuses[0];
  Object.assign(s, { id: wamid, status, recipient_id: CUSTOMER, timestamp: String(Math.floor(Date.now() / 1000)) });
  if (ourId) s.biz_opaque_callback_data = ourId;
  else delete s.biz_opaque_callback_data;
  return JSON.stringify(fixture);
}

async function deliverStatus(wa: WaInbox, wamid: string, status: "sent" | "delivered" | "read" | "failed", ourId: string | null = null) {
  const res = await wa.deliver(statusBody(wa, wamid, status, ourId));
  expect(res, JSON.stringify(res.body)).toMatchObject({ status: 200, body: { ok: true } });
}

/** An agent's reply through the REST API, answered by the stand-in Graph API with `wamid`. */
async function sentReply(wa: WaInbox, conversationId: string, body: string): Promise<{ seq: number; id: string }> {
  const res = await agentReplies(boss, conversationId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const seq = res.body.seq as number;
  const message = await eventually(async () => {
    const m = messagesIn(await eventsOf(boss, conversationId)).find((x) => x.seq === seq)!;
    expect(m.finalDelivery).toBe("sent");
    return m;
  });
  return { seq, id: message.id };
}

const statusesOf = async (conversationId: string, seq: number) => deliveriesOf(await eventsOf(boss, conversationId), seq).map((d) => (d.error ? `${d.status}: ${d.error}` : d.status));

const sendPath = (wa: WaInbox) => new RegExp(`/${wa.phoneNumberId}/messages$`);

describe("receipts out of order", () => {
  it("read before delivered: stays read, in the room and in D1", async () => {
    const wa = await waInbox();
    const conversationId = await customerWrote(wa);
    fakeProvider(GRAPH).on("POST", sendPath(wa), [sentAnswer("wamid.OUT-READ")]);
    const { seq, id } = await sentReply(wa, conversationId, "Seu pedido saiu para entrega 🚚");
    await deliverStatus(wa, "wamid.OUT-READ", "read", id);
    await deliverStatus(wa, "wamid.OUT-READ", "delivered", id);
    expect(await statusesOf(conversationId, seq)).toEqual(["sent", "read"]);
    await projectedRows(conversationId, (rows) => expect(rows.find((r) => r.seq === seq)).toMatchObject({ delivery_status: "read", provider_message_id: "wamid.OUT-READ" }));
  });

  it("failed after delivered: failed with WhatsApp's reason, and final (a later read changes nothing)", async () => {
    const wa = await waInbox();
    const conversationId = await customerWrote(wa);
    fakeProvider(GRAPH).on("POST", sendPath(wa), [sentAnswer("wamid.OUT-FAIL")]);
    const { seq, id } = await sentReply(wa, conversationId, "Promoção de fim de ano");
    await deliverStatus(wa, "wamid.OUT-FAIL", "delivered", id);
    await deliverStatus(wa, "wamid.OUT-FAIL", "failed", id);
    await deliverStatus(wa, "wamid.OUT-FAIL", "read", id);
    const reason = "131047: Re-engagement message — Message failed to send because more than 24 hours have passed since the customer last replied to this number.";
    expect(await statusesOf(conversationId, seq)).toEqual(["sent", "delivered", `failed: ${reason}`]);
    const rows = await projectedRows(conversationId, (rows) => expect(rows.find((r) => r.seq === seq)?.delivery_status).toBe("failed"));
    expect(JSON.parse(rows.find((r) => r.seq === seq)!.event).deliveryError).toBe(reason);
  });

  it("the same receipt redelivered: one delivery event", async () => {
    const wa = await waInbox();
    const conversationId = await customerWrote(wa);
    fakeProvider(GRAPH).on("POST", sendPath(wa), [sentAnswer("wamid.OUT-TWICE")]);
    const { seq, id } = await sentReply(wa, conversationId, "Obrigado!");
    await deliverStatus(wa, "wamid.OUT-TWICE", "delivered", id);
    await deliverStatus(wa, "wamid.OUT-TWICE", "delivered", id);
    expect(await statusesOf(conversationId, seq)).toEqual(["sent", "delivered"]);
  });
});

describe("a receipt before its message", () => {
  it("our send's answer not yet written, the receipt without our id: kept, and applied once the answer maps its id", async () => {
    const wa = await waInbox();
    const conversationId = await customerWrote(wa);
    const graph = fakeProvider(GRAPH).on("POST", sendPath(wa), [graphError(500, 2, "Service temporarily unavailable"), sentAnswer("wamid.OUT-EARLY")]);
    const res = await agentReplies(boss, conversationId, "Chegou rápido");
    const seq = res.body.seq as number;
    await eventually(async () => expect(await queueRows(conversationId)).toMatchObject([{ seq, attempts: 1 }]));
    await deliverStatus(wa, "wamid.OUT-EARLY", "delivered");
    expect(await statusesOf(conversationId, seq)).toEqual([]);
    await makeDueNow(conversationId);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    await eventually(async () => expect(await statusesOf(conversationId, seq)).toEqual(["sent", "delivered"]));
    expect(graph.callsTo("POST", sendPath(wa))).toHaveLength(2);
    await projectedRows(conversationId, (rows) => expect(rows.find((r) => r.seq === seq)?.delivery_status).toBe("delivered"));
  });

  it("our send's answer lost, the receipt carrying our id: the message is settled by it and never sent twice", async () => {
    const wa = await waInbox();
    const conversationId = await customerWrote(wa);
    // WhatsApp took the message but its answer never reached us (a 500 after accepting).
    const graph = fakeProvider(GRAPH).on("POST", sendPath(wa), [graphError(500, 2, "Service temporarily unavailable")], sentAnswer("wamid.NEVER"));
    const res = await agentReplies(boss, conversationId, "Já está a caminho");
    const seq = res.body.seq as number;
    await eventually(async () => expect(await queueRows(conversationId)).toMatchObject([{ seq, attempts: 1 }]));
    const id = messagesIn(await eventsOf(boss, conversationId)).find((m) => m.seq === seq)!.id;
    await deliverStatus(wa, "wamid.OUT-LOST", "delivered", id);
    expect(await queueRows(conversationId)).toEqual([]);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    expect(graph.callsTo("POST", sendPath(wa))).toHaveLength(1);
    const message = messagesIn(await eventsOf(boss, conversationId)).find((m) => m.seq === seq)!;
    expect(message.finalDelivery).toBe("delivered");
    await projectedRows(conversationId, (rows) => expect(rows.find((r) => r.seq === seq)).toMatchObject({ delivery_status: "delivered", provider_message_id: "wamid.OUT-LOST" }));
  });

  it("a receipt for the business app's message before its echo: applied when the echo arrives", async () => {
    const wa = await waInbox();
    const conversationId = await customerWrote(wa);
    const echoId = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjAECHO01";
    await deliverStatus(wa, echoId, "read");
    expect((await wa.send(WA.smbEcho)).status).toBe(200);
    const echo = messagesIn(await eventsOf(boss, conversationId)).find((m) => m.providerMessageId === echoId)!;
    expect(echo).toMatchObject({ actor: { type: "agent" }, finalDelivery: "read" });
    await projectedRows(conversationId, (rows) => expect(rows.find((r) => r.provider_message_id === echoId)?.delivery_status).toBe("read"));
  });
});
