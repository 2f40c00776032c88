/**
 * @module Messenger's Human Agent tag end to end: the customer's last message comes in
 * through the signed webhook with Meta's timestamp in the past, an agent replies through
 * the REST API, and the Send API body is checked at the fetch boundary
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags:
 * HUMAN_AGENT up to 7 days after the person's last message, with the page's feature).
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { owner } from "../fixtures";
import { fakeProvider } from "../provider-fake";
import { agentReplies, deliveriesOf, deliveryOf, makeDueNow, messagesOf, queueRows } from "../channel-room-kit";
import { eventsOf } from "./channel-world";
import { graphError, sentAnswer } from "./meta-kit";
import { deliver, metaInbox, mid, onlyConversation, PAGE_TOKEN, textFrom, type MetaInbox } from "./meta-inbox-kit";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const GRAPH = env.META_API_URL!;

/** A Messenger inbox whose customer last wrote `ago` ms ago (by Meta's timestamp). */
async function customerWroteAgo(ago: number, settings: Record<string, unknown>) {
  const boss = await owner();
  const m = await metaInbox("messenger", settings);
  const res = await deliver(m, [textFrom(m, mid(), "oi, meu pedido não chegou", Date.now() - ago)]);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const conversationId = await onlyConversation(m);
  const graph = fakeProvider(GRAPH).on("POST", m.sendPath, [], sentAnswer("m_reply_out", m.customer));
  return { boss, m, conversationId, graph };
}

/** The agent replies; the reply must be stored and sent once. Returns the Send API body. */
async function replySent(boss: Awaited<ReturnType<typeof owner>>, m: MetaInbox, conversationId: string, graph: ReturnType<typeof fakeProvider>, body: string) {
  const res = await agentReplies(boss, conversationId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const seq = res.body.seq as number;
  await eventually(async () => expect(deliveryOf(await eventsOf(boss, conversationId), seq)).toBe("sent"));
  const calls = graph.callsTo("POST", m.sendPath);
  expect(calls).toHaveLength(1);
  expect(calls[0]!.headers.get("Authorization")).toBe(`Bearer ${PAGE_TOKEN}`);
  return JSON.parse(calls[0]!.body);
}

async function expectRefused(boss: Awaited<ReturnType<typeof owner>>, conversationId: string, graph: ReturnType<typeof fakeProvider>, pattern: RegExp) {
  const res = await agentReplies(boss, conversationId, "ainda está aí?");
  expectApiError(res, 422, "outside_service_window");
  expect(res.body.error.message).toMatch(pattern);
  const events = await eventsOf(boss, conversationId);
  expect(messagesOf(events).map((e) => e.body)).toEqual(["oi, meu pedido não chegou"]);
  expect(await queueRows(conversationId)).toEqual([]);
  const room = env.CONVERSATION_ROOM.getByName(conversationId);
  await runDurableObjectAlarm(room);
  expect(graph.calls).toHaveLength(0);
}

describe("a Messenger inbox with humanAgentTag on", () => {
  it("sends a reply 2 days after the customer's last message as MESSAGE_TAG with tag HUMAN_AGENT", async () => {
    const { boss, m, conversationId, graph } = await customerWroteAgo(2 * DAY, { humanAgentTag: true });
    const body = await replySent(boss, m, conversationId, graph, "Desculpe a demora! Seu pedido foi reenviado.");
    expect(body).toEqual({
      recipient: { id: m.customer },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Desculpe a demora! Seu pedido foi reenviado.", metadata: expect.any(String) },
    });
    // Our message id rides as metadata, so Meta's echo is known as ours.
    const reply = messagesOf(await eventsOf(boss, conversationId)).find((e) => e.actor.type === "agent")!;
    expect(body.message.metadata).toBe(reply.id);
  });

  it("sends a reply within 24 hours as RESPONSE, untagged", async () => {
    const { boss, m, conversationId, graph } = await customerWroteAgo(23 * HOUR, { humanAgentTag: true });
    const body = await replySent(boss, m, conversationId, graph, "Já verifico para você.");
    expect(body).toEqual({ recipient: { id: m.customer }, messaging_type: "RESPONSE", message: { text: "Já verifico para você.", metadata: expect.any(String) } });
    expect(body).not.toHaveProperty("tag");
  });

  it("refuses a reply more than 7 days after: 422 outside_service_window, nothing stored or sent", async () => {
    const { boss, conversationId, graph } = await customerWroteAgo(7 * DAY + HOUR, { humanAgentTag: true });
    await expectRefused(boss, conversationId, graph, /more than 7 days ago/);
  });
});

describe("a Messenger inbox without the Human Agent feature", () => {
  it("refuses a reply 25 hours after the customer's last message: 422, nothing sent", async () => {
    const { boss, conversationId, graph } = await customerWroteAgo(25 * HOUR, {});
    await expectRefused(boss, conversationId, graph, /more than 1 day ago.*a reply can go out only after they write again/);
  });

  it("sends within 24 hours as RESPONSE, and a new message from the customer reopens the window", async () => {
    const { boss, m, conversationId, graph } = await customerWroteAgo(2 * DAY, {});
    expectApiError(await agentReplies(boss, conversationId, "cedo demais"), 422, "outside_service_window");
    expect((await deliver(m, [textFrom(m, mid(), "voltei")])).status).toBe(200);
    const body = await replySent(boss, m, conversationId, graph, "Bem-vinda de volta!");
    expect(body).toMatchObject({ messaging_type: "RESPONSE", message: { text: "Bem-vinda de volta!" } });
    expect(body).not.toHaveProperty("tag");
  });
});

describe("the window is checked again when a retried reply finally goes", () => {
  /** The customer wrote just under 24 hours ago; the reply's first send fails with a 503
   * (Retry-After keeps the room's own alarm from retrying early) and the retry comes after
   * the 24 hours are over. */
  async function retriedPastTheWindow(settings: Record<string, unknown>) {
    const boss = await owner();
    const m = await metaInbox("messenger", settings);
    const wroteAt = Date.now() - DAY + 3_000;
    expect((await deliver(m, [textFrom(m, mid(), "preciso de ajuda", wroteAt)])).status).toBe(200);
    const conversationId = await onlyConversation(m);
    const graph = fakeProvider(GRAPH).on("POST", m.sendPath, [graphError(503, "An unexpected error has occurred. Please retry your request later.", 2, { "Retry-After": "600" })], sentAnswer("m_late_reply", m.customer));
    const res = await agentReplies(boss, conversationId, "Claro, vamos resolver.");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const seq = res.body.seq as number;
    await eventually(async () => expect(await queueRows(conversationId)).toMatchObject([{ seq, attempts: 1 }]));
    expect(JSON.parse(graph.callsTo("POST", m.sendPath)[0]!.body)).toMatchObject({ messaging_type: "RESPONSE" });
    // Past the 24 hours, then the retry.
    await new Promise((r) => setTimeout(r, Math.max(0, wroteAt + DAY + 50 - Date.now())));
    await makeDueNow(conversationId);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    return { boss, m, conversationId, graph, seq };
  }

  it("with the Human Agent feature: the retry goes tagged HUMAN_AGENT", async () => {
    const { boss, m, conversationId, graph, seq } = await retriedPastTheWindow({ humanAgentTag: true });
    await eventually(async () => expect(deliveryOf(await eventsOf(boss, conversationId), seq)).toBe("sent"));
    const calls = graph.callsTo("POST", m.sendPath);
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1]!.body)).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT", message: { text: "Claro, vamos resolver." } });
  });

  it("without it: the retry is not sent, and the reply is failed with the window's reason", async () => {
    const { boss, m, conversationId, graph, seq } = await retriedPastTheWindow({});
    await eventually(async () => expect(deliveryOf(await eventsOf(boss, conversationId), seq)).toBe("failed"));
    expect(graph.callsTo("POST", m.sendPath)).toHaveLength(1);
    expect(deliveriesOf(await eventsOf(boss, conversationId), seq)).toMatchObject([{ status: "failed", error: expect.stringMatching(/more than 1 day ago/) }]);
    expect(await queueRows(conversationId)).toEqual([]);
  });
});
