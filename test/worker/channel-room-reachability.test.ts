/**
 * The room's reachability (issue 12): a customer who blocked the bot or opted out is
 * stored once as a `reachability` event, folded into the room's state (also after an
 * eviction), and while it holds agents' replies are refused (REST 422, socket error
 * frame), notes still allowed, and a reply already queued fails at send time with the
 * reason without reaching the provider. Unblocking lets sends go again.
 */
import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RoomInboundItem } from "../../worker/channels/types";
import type { ConversationEvent, ReachabilityReason } from "../../worker/protocol";
import { eventually, expectApiError } from "./assertions";
import { owner } from "./fixtures";
import { fakeProvider } from "./provider-fake";
import { openSocket } from "./socket-harness";
import { GRAPH, agentReplies, customerText, deliveriesOf, makeDueNow, messagesOf, queueRows, whatsappConversation } from "./channel-room-kit";
import { sentAnswer } from "./channels/whatsapp-kit";

function reachability(reachable: boolean, reason: ReachabilityReason = "blocked"): RoomInboundItem {
  return { type: "reachability", reachable, reason, providerAt: Date.now() };
}

function reachabilityEvents(events: ConversationEvent[]) {
  return events.filter((e): e is Extract<ConversationEvent, { type: "reachability" }> => e.type === "reachability");
}

/** A conversation whose customer wrote, with a stand-in Graph API that accepts sends. */
async function setup() {
  const boss = await owner();
  const c = await whatsappConversation();
  await c.ingest([customerText("oi")]);
  const graph = fakeProvider(GRAPH).on("POST", c.sendPath, [], sentAnswer("wamid.reach"));
  return { boss, c, graph };
}

describe("a customer who blocked the bot", () => {
  it("is stored once: a redelivery adds nothing, also after the room was evicted", async () => {
    const { c } = await setup();
    expect(await c.ingest([reachability(false)])).toMatchObject({ stored: 1, duplicates: 0 });
    expect(await c.ingest([reachability(false)])).toMatchObject({ stored: 0, duplicates: 1 });
    await evictDurableObject(c.room);
    expect(await c.ingest([reachability(false)])).toMatchObject({ stored: 0, duplicates: 1 });
    const events = reachabilityEvents(await c.history());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "reachability", reachable: false, reason: "blocked", actor: { type: "contact", id: c.contactId } });
  });

  it("stays unreachable after the room reloads from storage: the reply is refused 422 with the reason, nothing stored or queued", async () => {
    const { boss, c, graph } = await setup();
    await c.ingest([reachability(false)]);
    await evictDurableObject(c.room);
    const res = await agentReplies(boss, c.conversationId, "ainda está aí?");
    expectApiError(res, 422, "recipient_unreachable");
    expect(res.body.error.message).toMatch(/blocked this channel's bot/);
    expect(messagesOf(await c.history()).map((m) => m.body)).toEqual(["oi"]);
    expect(await queueRows(c.conversationId)).toEqual([]);
    await runDurableObjectAlarm(c.room);
    expect(graph.calls).toHaveLength(0);
  });

  it("refuses a socket send frame with an error frame naming the message", async () => {
    const { boss, c } = await setup();
    await c.ingest([reachability(false, "opted_out")]);
    const ws = await openSocket(`/api/v1/conversations/${c.conversationId}/ws?after=0`, boss);
    ws.send({ type: "send", clientId: "blocked-1", body: "olá?" });
    await ws.until((frames) => frames.some((f) => f.type === "error"));
    expect(ws.frames.find((f) => f.type === "error")).toMatchObject({ type: "error", code: "recipient_unreachable", clientId: "blocked-1", message: expect.stringMatching(/opted out/) });
    expect(ws.acks()).toEqual([]);
    expect(messagesOf(await c.history())).toHaveLength(1);
    ws.close();
  });

  it("still takes a private note, which never goes out", async () => {
    const { boss, c, graph } = await setup();
    await c.ingest([reachability(false)]);
    const res = await agentReplies(boss, c.conversationId, "cliente bloqueou o bot", { kind: "note" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(messagesOf(await c.history()).map((m) => [m.kind, m.body])).toEqual([
      ["text", "oi"],
      ["note", "cliente bloqueou o bot"],
    ]);
    await runDurableObjectAlarm(c.room);
    expect(graph.calls).toHaveLength(0);
  });

  it("fails a reply queued before the block at send time, with the reason; the provider is never called", async () => {
    const { boss, c, graph } = await setup();
    // The inbox cannot send for a moment (credentials unset): the reply waits in the queue.
    const { credentials } = (await env.DB.prepare("SELECT credentials FROM inboxes WHERE id = ?").bind(c.inboxId).first<{ credentials: string }>())!;
    await env.DB.prepare("UPDATE inboxes SET credentials = NULL WHERE id = ?").bind(c.inboxId).run();
    const res = await agentReplies(boss, c.conversationId, "seu pedido saiu");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const seq = res.body.seq as number;
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 1 }]));
    // Credentials back, the room's copy of them dropped (eviction), then the block.
    await env.DB.prepare("UPDATE inboxes SET credentials = ? WHERE id = ?").bind(credentials, c.inboxId).run();
    await evictDurableObject(c.room);
    await c.ingest([reachability(false)]);

    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    const deliveries = await eventually(async () => {
      const d = deliveriesOf(await c.history(), seq);
      expect(d.map((x) => x.status)).toEqual(["failed"]);
      return d;
    });
    expect(deliveries[0]!.error).toMatch(/blocked this channel's bot/);
    expect(await queueRows(c.conversationId)).toEqual([]);
    expect(graph.calls).toHaveLength(0);
  });

  it("unblocked: replies are taken and sent again", async () => {
    const { boss, c, graph } = await setup();
    await c.ingest([reachability(false)]);
    expectApiError(await agentReplies(boss, c.conversationId, "?"), 422, "recipient_unreachable");
    expect(await c.ingest([reachability(true)])).toMatchObject({ stored: 1, duplicates: 0 });
    const res = await agentReplies(boss, c.conversationId, "bem-vindo de volta");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await eventually(async () => expect(deliveriesOf(await c.history(), res.body.seq).map((d) => d.status)).toEqual(["sent"]));
    expect(graph.callsTo("POST", c.sendPath)).toHaveLength(1);
    expect(reachabilityEvents(await c.history()).map((e) => e.reachable)).toEqual([false, true]);
  });
});
