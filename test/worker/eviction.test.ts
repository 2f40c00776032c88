import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { holdProjector, resetProjector, roomAlarm, roomOutbox } from "./pipeline-kit";
import { database } from "../../worker/db/client";
import { findConversation } from "../../worker/db/conversations";
import { projectedSeqs } from "./projected-seqs";

async function conversation() {
  const boss = await owner();
  const inbox = await webchatInbox(boss);
  const v = await visitor(inbox.publicKey);
  const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
  return { boss, v, stub };
}

function range(from: number, to: number) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe("Durable Object eviction", () => {
  it('loses nothing when evicted with webSockets "hibernate": sockets stay up and seqs continue', async () => {
    const { boss, v, stub } = await conversation();
    const visitorWs = await openSocket(await widgetSocketPath(v.token, 0));
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    for (let i = 0; i < 10; i++) visitorWs.send({ type: "send", clientId: `before-${i}`, body: `before ${i}` });
    await agentWs.until(() => agentWs.eventSeqs().length === 10);

    await evictDurableObject(stub, { webSockets: "hibernate" });

    // The same sockets, woken from hibernation, carry on: the room rebuilt its state
    // (last seq, participants) from storage and socket attachments.
    for (let i = 0; i < 10; i++) visitorWs.send({ type: "send", clientId: `after-${i}`, body: `after ${i}` });
    await agentWs.until(() => agentWs.eventSeqs().length === 20);
    await visitorWs.until(() => visitorWs.eventSeqs().length === 20);
    expect(agentWs.eventSeqs()).toEqual(range(1, 20));
    expect(visitorWs.eventSeqs()).toEqual(range(1, 20));
    // A resend of a clientId stored before the eviction still dedups.
    visitorWs.send({ type: "send", clientId: "before-3", body: "before 3" });
    await visitorWs.until(() => visitorWs.acks().length === 21);
    expect(visitorWs.acks().at(-1)).toEqual({ clientId: "before-3", seq: 4 });
    // Heartbeats are answered while hibernated, without waking the room.
    agentWs.send("ping");
    await agentWs.until((f) => f.some((x) => x.type === "error" && x.code === "pong"));

    const history = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss });
    expect(history.body.events.map((e: { seq: number }) => e.seq)).toEqual(range(1, 20));
    visitorWs.close();
    agentWs.close();
  });

  it('loses nothing when evicted with webSockets "close": clients resume after their last seq', async () => {
    const { boss, v, stub } = await conversation();
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    for (let i = 0; i < 5; i++) {
      await call("/api/v1/widget/messages", { method: "POST", json: { body: `m${i}`, clientId: `m${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
    }
    await agentWs.until(() => agentWs.eventSeqs().length === 5);

    await evictDurableObject(stub, { webSockets: "close" });
    await agentWs.until(() => agentWs.closed).catch(() => undefined);
    expect(agentWs.closed).toBe(true);

    // Messages keep coming while the agent is away.
    for (let i = 5; i < 9; i++) {
      const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: `m${i}`, clientId: `m${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
      expect(res.body).toEqual({ seq: i + 1, duplicate: false });
    }
    const last = agentWs.eventSeqs().at(-1)!;
    const resumed = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=${last}`, boss);
    await resumed.until(() => resumed.eventSeqs().length === 9 - last);
    expect([...agentWs.eventSeqs(), ...resumed.eventSeqs()]).toEqual(range(1, 9));
    resumed.close();
  });

  it("loses nothing when the rooms and the Projector are evicted mid-pipeline: the rooms' alarms hand the events over again", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const a = await visitor(inbox.publicKey);
    const b = await visitor(inbox.publicKey);
    const { projector } = await holdProjector(a.conversationId);
    for (const v of [a, b]) {
      for (let i = 0; i < 3; i++) {
        const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: `p${i}`, clientId: `p${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
        expect(res.body).toEqual({ seq: i + 1, duplicate: false });
      }
    }
    // Mid-pipeline: both rooms' first handoffs wait in the Projector, D1 has nothing.
    await eventually(async () => expect((await projector.pipelineStats()).pending).toBeGreaterThanOrEqual(2));
    for (const v of [a, b]) expect(await roomOutbox(v.conversationId)).toBe(3);
    // The Projector crashes with the batch (an eviction would wait for it), and a room
    // is evicted before its retry.
    await resetProjector(a.conversationId);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(a.conversationId));
    const db = database(env.DB);
    for (const v of [a, b]) {
      // The alarm survived the eviction; the room reloads its outbox from disk.
      await eventually(async () => expect(await roomAlarm(v.conversationId)).not.toBeNull());
      expect(await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(v.conversationId))).toBe(true);
      expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3]);
      expect(await findConversation(db, v.conversationId)).toMatchObject({ lastSeq: 3, lastMessagePreview: "p2" });
      expect(await roomOutbox(v.conversationId)).toBe(0);
    }
  });
});
