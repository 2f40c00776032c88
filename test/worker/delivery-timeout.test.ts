/**
 * @module The delivery queue against a provider that never answers: the send is abandoned
 * at the send timeout (shortened here, worker/conversation/delivery-queue.ts
 * SEND_TIMEOUT_MS is 20 s), retried, and the message is recorded sent exactly once; the
 * late answer to the abandoned call changes nothing, and nothing is sent again.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner } from "./fixtures";
import { fakeProvider, heldAnswer } from "./provider-fake";
import { GRAPH, agentReplies, customerText, deliveriesOf, deliveryOf, makeDueNow, messagesOf, queueRows, whatsappConversation } from "./channel-room-kit";
import { sentAnswer } from "./channels/whatsapp-kit";
import { SEND_TIMEOUT_MS, setSendTimeoutForTests } from "../../worker/conversation/delivery-queue";

const TEST_TIMEOUT_MS = 300;

beforeEach(() => setSendTimeoutForTests(TEST_TIMEOUT_MS));
afterEach(() => setSendTimeoutForTests(null));

async function openConversation() {
  const boss = await owner();
  const c = await whatsappConversation();
  await c.ingest([customerText("oi, alguém aí?")]);
  return { boss, c };
}

async function reply(boss: Awaited<ReturnType<typeof owner>>, conversationId: string, body: string) {
  const res = await agentReplies(boss, conversationId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.seq as number;
}

describe("a provider that never answers the first send", () => {
  it("keeps 20 s as the production timeout", () => {
    expect(SEND_TIMEOUT_MS).toBe(20_000);
  });

  it("is abandoned at the timeout and retried; exactly one send recorded, none after the retry succeeds, the late answer ignored", async () => {
    const { boss, c } = await openConversation();
    const hung = heldAnswer();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [hung.answer, sentAnswer("wamid.RETRY")], sentAnswer("wamid.EXTRA"));
    const started = Date.now();
    const seq = await reply(boss, c.conversationId, "Seu pedido saiu para entrega 🚚");

    // The first call is out, unanswered: the message waits, still pending.
    await eventually(async () => expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1));
    expect(deliveryOf(await c.history(), seq)).toBe("pending");

    // At the timeout the call is given up as a network failure and the row waits for a retry.
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 1, last_error: `network error: no answer within ${TEST_TIMEOUT_MS / 1000} s` }]));
    expect(Date.now() - started).toBeGreaterThanOrEqual(TEST_TIMEOUT_MS);
    expect(deliveryOf(await c.history(), seq)).toBe("pending");

    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    await eventually(async () => expect(deliveryOf(await c.history(), seq)).toBe("sent"));
    expect(await queueRows(c.conversationId)).toEqual([]);

    // The abandoned call's answer arrives at last: nothing changes.
    await hung.release(sentAnswer("wamid.LATE"));
    await runDurableObjectAlarm(c.room);
    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);

    const calls = graph.callsTo("POST", c.sendPath);
    expect(calls).toHaveLength(2);
    expect(calls.map((call) => JSON.parse(call.body).text.body)).toEqual(["Seu pedido saiu para entrega 🚚", "Seu pedido saiu para entrega 🚚"]);
    const events = await c.history();
    expect(deliveriesOf(events, seq)).toMatchObject([{ status: "sent", providerMessageId: "wamid.RETRY", error: null }]);
    expect(messagesOf(events).filter((m) => m.actor.type === "agent")).toHaveLength(1);
  });

  it("also gives up an answer whose headers came but whose body never ends: retried, sent once", async () => {
    const { boss, c } = await openConversation();
    // 200 and its headers at once, then a body that never finishes.
    const stalled = () => new Response(new ReadableStream({ start() {} }), { status: 200, headers: { "Content-Type": "application/json" } });
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [stalled, sentAnswer("wamid.AFTER-STALL")], sentAnswer("wamid.EXTRA"));
    const seq = await reply(boss, c.conversationId, "chegou inteira?");
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 1, last_error: expect.stringContaining("no answer within") }]));

    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    await eventually(async () => expect(deliveryOf(await c.history(), seq)).toBe("sent"));
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(2);
    expect(deliveriesOf(await c.history(), seq)).toMatchObject([{ status: "sent", providerMessageId: "wamid.AFTER-STALL" }]);
  });

  it("holds the next reply behind the hung one, then sends both in order, once each", async () => {
    const { boss, c } = await openConversation();
    const hung = heldAnswer();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [hung.answer, sentAnswer("wamid.A"), sentAnswer("wamid.B")], sentAnswer("wamid.EXTRA"));
    const a = await reply(boss, c.conversationId, "primeira");
    await eventually(async () => expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1));
    const b = await reply(boss, c.conversationId, "segunda");
    // While the first call hangs, the second is not sent (one send in flight per room).
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1);
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq: a, attempts: 1 }, { seq: b, attempts: 0 }]));

    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    await eventually(async () => expect(deliveryOf(await c.history(), b)).toBe("sent"));
    await hung.release(sentAnswer("wamid.LATE"));
    await runDurableObjectAlarm(c.room);

    expect(graph.callsTo("POST", c.sendPath).map((call) => JSON.parse(call.body).text.body)).toEqual(["primeira", "primeira", "segunda"]);
    expect(deliveriesOf(await c.history()).map((d) => [d.messageSeq, d.status, d.providerMessageId])).toEqual([
      [a, "sent", "wamid.A"],
      [b, "sent", "wamid.B"],
    ]);
  });
});
