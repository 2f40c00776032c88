import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner } from "./fixtures";
import { openSocket } from "./socket-harness";
import { fakeProvider, networkFailure } from "./provider-fake";
import { GRAPH, ageQueue, agentReplies, customerText, deliveriesOf, deliveryOf, makeDueNow, messagesOf, queueRows, whatsappConversation } from "./channel-room-kit";
import { graphError, sentAnswer } from "./channels/whatsapp-kit";
import { roomOutbox } from "./pipeline-kit";
import { database } from "../../worker/db/client";
import { projectedSeqs } from "./projected-seqs";

/** A WhatsApp conversation whose customer has just written (the window is open). */
async function openConversation() {
  const boss = await owner();
  const c = await whatsappConversation();
  await c.ingest([customerText("oi, tudo bem?")]);
  return { boss, c };
}

async function reply(boss: Awaited<ReturnType<typeof owner>>, conversationId: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await agentReplies(boss, conversationId, body, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.seq as number;
}

async function settled(c: Awaited<ReturnType<typeof whatsappConversation>>, seq: number, status: string) {
  return eventually(async () => {
    const events = await c.history();
    expect(deliveryOf(events, seq)).toBe(status);
    return events;
  });
}

describe("the delivery queue: an agent's reply reaches the provider", () => {
  it("is stored pending, sent exactly once with our id, and never again: not by a second drain, the alarm, or after eviction", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [sentAnswer("wamid.OUT-1")]);
    const seq = await reply(boss, c.conversationId, "Olá Maria! Como posso ajudar? 😊");

    const events = await settled(c, seq, "sent");
    const message = messagesOf(events).find((m) => m.seq === seq)!;
    expect(message).toMatchObject({ delivery: "pending", actor: { type: "agent" } });
    expect(deliveriesOf(events, seq)).toMatchObject([{ status: "sent", providerMessageId: "wamid.OUT-1", error: null }]);
    const calls = graph.callsTo("POST", c.sendPath);
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({
      messaging_product: "whatsapp",
      to: c.contact.externalId,
      type: "text",
      text: { body: "Olá Maria! Como posso ajudar? 😊" },
      biz_opaque_callback_data: message.id,
    });
    expect(calls[0]!.headers.get("Authorization")).toBe("Bearer EAA-test-token");
    expect(await queueRows(c.conversationId)).toEqual([]);

    await runDurableObjectAlarm(c.room);
    await evictDurableObject(c.room);
    await runDurableObjectAlarm(c.room);
    await c.ingest([customerText("obrigada")]);
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1);
    expect(deliveriesOf(await c.history(), seq)).toHaveLength(1);
  });

  it("retries after a 500 and after a network error, then sends once", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [graphError(500, 2, "Service temporarily unavailable"), networkFailure(), sentAnswer("wamid.OUT-2")]);
    const seq = await reply(boss, c.conversationId, "já verifico");

    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 1, last_error: "Service temporarily unavailable" }]));
    const [row] = await queueRows(c.conversationId);
    // Backoff: the first retry waits 0.5–1 s.
    expect(row!.next_at - Date.now()).toBeLessThanOrEqual(1_000);
    expect(deliveryOf(await c.history(), seq)).toBe("pending");

    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 2, last_error: expect.stringContaining("network error") }]));

    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    await settled(c, seq, "sent");
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(3);
    expect(await queueRows(c.conversationId)).toEqual([]);
  });

  it("honours Retry-After: the next attempt is not due before it, and the alarm does not send early", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [graphError(429, 130429, "Rate limit hit", undefined, { "Retry-After": "120" })], sentAnswer("wamid.late"));
    const before = Date.now();
    const seq = await reply(boss, c.conversationId, "um momento");
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 1 }]));
    const [row] = await queueRows(c.conversationId);
    expect(row!.next_at).toBeGreaterThanOrEqual(before + 120_000);
    expect(row!.next_at).toBeLessThan(Date.now() + 121_000);

    await runDurableObjectAlarm(c.room);
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1);
    expect(deliveryOf(await c.history(), seq)).toBe("pending");
  });

  it("marks a permanent 400 failed with the provider's reason, and goes on with the next message", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [graphError(400, 131026, "Message Undeliverable", "Recipient is not a valid WhatsApp user"), sentAnswer("wamid.next")]);
    const first = await reply(boss, c.conversationId, "primeira");
    const events = await settled(c, first, "failed");
    expect(deliveriesOf(events, first)).toMatchObject([{ status: "failed", error: "Message Undeliverable — Recipient is not a valid WhatsApp user" }]);
    const second = await reply(boss, c.conversationId, "segunda");
    await settled(c, second, "sent");
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(2);
  });

  it("gives up after a day of retries with the attempts and the last reason", async () => {
    const { boss, c } = await openConversation();
    fakeProvider(GRAPH).on("POST", c.sendPath, [], graphError(503, 2, "Service unavailable"));
    const seq = await reply(boss, c.conversationId, "vai falhar");
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ attempts: 1 }]));
    await ageQueue(c.conversationId, 25 * 60 * 60 * 1000);
    await runDurableObjectAlarm(c.room);
    const events = await settled(c, seq, "failed");
    expect(deliveriesOf(events, seq).at(-1)!.error).toBe("gave up after 2 attempts: Service unavailable");
    expect(await queueRows(c.conversationId)).toEqual([]);
  });

  it("never sends a private note, and web chat's messages never enter the queue", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [], sentAnswer("wamid.never"));
    const note = await reply(boss, c.conversationId, "cliente VIP, cuidado", { kind: "note" });
    const events = await c.history();
    expect(messagesOf(events).find((m) => m.seq === note)).toMatchObject({ kind: "note", delivery: null });
    expect(await queueRows(c.conversationId)).toEqual([]);
    await runDurableObjectAlarm(c.room);
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(0);
  });

  it("keeps the order: while the first reply waits for a retry, the second waits behind it", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [graphError(500, 2, "down"), sentAnswer("wamid.A"), sentAnswer("wamid.B")]);
    const a = await reply(boss, c.conversationId, "A primeiro");
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq: a, attempts: 1 }]));
    const b = await reply(boss, c.conversationId, "B depois");
    await eventually(async () => expect((await queueRows(c.conversationId)).map((r) => r.seq)).toEqual([a, b]));
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1);

    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    await settled(c, b, "sent");
    const bodies = graph.callsTo("POST", c.sendPath).map((call) => JSON.parse(call.body).text.body);
    expect(bodies).toEqual(["A primeiro", "A primeiro", "B depois"]);
    const events = await c.history();
    expect(deliveriesOf(events).map((d) => [d.messageSeq, d.providerMessageId])).toEqual([
      [a, "wamid.A"],
      [b, "wamid.B"],
    ]);
  });

  it("a receipt carrying our id settles a send whose answer was lost: never sent again", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [networkFailure()], sentAnswer("wamid.dup"));
    const seq = await reply(boss, c.conversationId, "chegou?");
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 1 }]));
    const message = messagesOf(await c.history()).find((m) => m.seq === seq)!;
    // WhatsApp had taken it after all: its status webhook carries our id.
    await c.ingest([{ type: "status", providerMessageId: "wamid.LOST", status: "delivered", ourMessageId: message.id, providerAt: Date.now() }]);
    expect(await queueRows(c.conversationId)).toEqual([]);
    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1);
    const events = await c.history();
    expect(deliveriesOf(events, seq)).toMatchObject([{ status: "delivered", providerMessageId: "wamid.LOST" }]);
  });
});

describe("delivery state reaches the console", () => {
  it("live on the agents' sockets, and again on resume after the message", async () => {
    const { boss, c } = await openConversation();
    fakeProvider(GRAPH).on("POST", c.sendPath, [sentAnswer("wamid.LIVE")]);
    const live = await openSocket(`/api/v1/conversations/${c.conversationId}/ws?after=0`, boss);
    const seq = await reply(boss, c.conversationId, "ao vivo");
    await live.until((frames) => frames.some((f) => f.type === "event" && f.event.type === "delivery"));
    const frame = live.frames.find((f) => f.type === "event" && f.event.type === "delivery");
    expect(frame).toMatchObject({ type: "event", event: { type: "delivery", messageSeq: seq, status: "sent", providerMessageId: "wamid.LIVE" } });
    live.close();

    const resumed = await openSocket(`/api/v1/conversations/${c.conversationId}/ws?after=${seq}`, boss);
    await resumed.until((frames) => frames.some((f) => f.type === "event"));
    expect(resumed.frames.filter((f) => f.type === "event")).toMatchObject([{ event: { type: "delivery", messageSeq: seq, status: "sent" } }]);
    resumed.close();
  });
});

describe("the two queues never block each other", () => {
  it("a provider outage does not hold back the projection", async () => {
    const { boss, c } = await openConversation();
    fakeProvider(GRAPH).on("POST", c.sendPath, [], graphError(503, 2, "down"));
    const seq = await reply(boss, c.conversationId, "mesmo com o WhatsApp fora");
    await eventually(async () => expect(await projectedSeqs(database(env.DB), c.conversationId)).toContain(seq));
    expect(await queueRows(c.conversationId)).toMatchObject([{ seq }]);
  });

  it("a D1 outage does not stop a send once the inbox's configuration is cached", async () => {
    const { boss, c } = await openConversation();
    const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [sentAnswer("wamid.before"), sentAnswer("wamid.during")]);
    const first = await reply(boss, c.conversationId, "antes");
    await settled(c, first, "sent");
    await eventually(async () => expect(await roomOutbox(c.conversationId)).toBe(0));

    // D1 fails: the projection cannot write, and the inboxes table cannot be read.
    await env.DB.exec("CREATE TRIGGER fail_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END;");
    await env.DB.exec("ALTER TABLE inboxes RENAME TO inboxes_unreachable;");
    try {
      // Through the room (the REST route itself needs D1 for the agent's session).
      const sent = await c.room.command(c.seed, { type: "message", actor: { type: "agent", id: null, name: "Bot" }, kind: "text", body: "durante", clientId: "during-outage" });
      expect("seq" in sent).toBe(true);
      const seq = (sent as { seq: number }).seq;
      await settled(c, seq, "sent");
      expect(graph.callsTo("POST", c.sendPath).map((call) => JSON.parse(call.body).text.body)).toEqual(["antes", "durante"]);
      expect(await roomOutbox(c.conversationId)).toBeGreaterThan(0);
    } finally {
      await env.DB.exec("ALTER TABLE inboxes_unreachable RENAME TO inboxes;");
      await env.DB.exec("DROP TRIGGER fail_messages;");
    }
    await runDurableObjectAlarm(c.room);
    await eventually(async () => expect(await roomOutbox(c.conversationId)).toBe(0));
  });
});
