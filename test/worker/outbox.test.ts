import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, eventually, owner, openSocket, visitor, webchatInbox } from "./helpers";
import { breakD1Messages, breakPipeline, buffered, countingD1, projectorOf, repairD1Messages, repairPipeline, roomOutbox } from "./pipeline-kit";
import { database } from "../../worker/db/client";
import { findConversation } from "../../worker/db/conversations";
import { projectBatch, projectedSeqs } from "../../worker/db/projection";
import type { RoomEvents } from "../../worker/pipeline/types";

async function conversation() {
  const boss = await owner();
  const inbox = await webchatInbox(boss);
  const v = await visitor(inbox.publicKey);
  return { boss, inbox, v, room: env.CONVERSATION_ROOM.getByName(v.conversationId), projector: projectorOf(v.conversationId) };
}

function post(token: string, body: string, clientId: string) {
  return call("/api/v1/widget/messages", { method: "POST", json: { body, clientId }, headers: { Authorization: `Bearer ${token}` } });
}

describe("D1 down: the pipeline keeps the events and retries", () => {
  it("acks and broadcasts while D1 refuses writes; after the Projector's alarm retries, D1 holds each message once", async () => {
    const { boss, v, projector } = await conversation();
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    const visitorWs = await openSocket(`/api/v1/widget/ws?token=${v.token}&after=0`);

    await breakD1Messages();
    for (let i = 0; i < 5; i++) visitorWs.send({ type: "send", clientId: `c${i}`, body: `while D1 is down ${i}` });
    await visitorWs.until(() => visitorWs.acks().length === 5);
    await agentWs.until(() => agentWs.eventSeqs().length === 5);
    expect(visitorWs.acks().map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
    // The room handed them over; the Projector holds them on disk.
    await eventually(async () => expect(await roomOutbox(v.conversationId)).toBe(0));
    expect(await buffered(v.conversationId)).toEqual([1, 2, 3, 4, 5]);

    const db = database(env.DB);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([]);
    expect((await findConversation(db, v.conversationId))!.lastSeq).toBe(0);

    // Still failing: the flush fails, keeps the batch, and stays scheduled.
    expect(await runDurableObjectAlarm(projector)).toBe(true);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([]);
    expect(await buffered(v.conversationId)).toEqual([1, 2, 3, 4, 5]);

    await repairD1Messages();
    expect(await runDurableObjectAlarm(projector)).toBe(true);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3, 4, 5]);
    const row = await findConversation(db, v.conversationId);
    expect(row).toMatchObject({ lastSeq: 5, lastMessagePreview: "while D1 is down 4", status: "open" });

    // Nothing left to retry: the buffer is empty, no alarm remains, the list shows it.
    expect(await buffered(v.conversationId)).toEqual([]);
    expect(await runDurableObjectAlarm(projector)).toBe(false);
    const list = await call("/api/v1/conversations", { client: boss });
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toContain(v.conversationId);
    agentWs.close();
    visitorWs.close();
  });
});

describe("the pipeline down: the room keeps the events and retries the handoff", () => {
  it("acks and broadcasts while the Projector refuses handoffs; after the room's alarm retries, D1 holds each message once", async () => {
    const { boss, v, room } = await conversation();
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    const visitorWs = await openSocket(`/api/v1/widget/ws?token=${v.token}&after=0`);

    await breakPipeline(v.conversationId);
    for (let i = 0; i < 5; i++) visitorWs.send({ type: "send", clientId: `q${i}`, body: `while the pipeline is down ${i}` });
    await visitorWs.until(() => visitorWs.acks().length === 5);
    await agentWs.until(() => agentWs.eventSeqs().length === 5);
    expect(visitorWs.acks().map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);

    // Every handoff failed: the room still holds all five, the Projector none.
    await eventually(async () => expect(await runInDurableObject(room, (_r, s) => s.storage.getAlarm())).not.toBeNull());
    expect(await roomOutbox(v.conversationId)).toBe(5);
    expect(await buffered(v.conversationId)).toEqual([]);

    // Still failing: the room's alarm retries, fails, and stays scheduled.
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await roomOutbox(v.conversationId)).toBe(5);
    expect(await runInDurableObject(room, (_r, s) => s.storage.getAlarm())).not.toBeNull();

    await repairPipeline(v.conversationId);
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await roomOutbox(v.conversationId)).toBe(0);
    const db = database(env.DB);
    await eventually(async () => expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3, 4, 5]));
    expect(await findConversation(db, v.conversationId)).toMatchObject({ lastSeq: 5, lastMessagePreview: "while the pipeline is down 4" });
    agentWs.close();
    visitorWs.close();
  });

  it("arms one alarm for a burst of writes and writes none when the handoff succeeds; an alarm with nothing to do ends", async () => {
    const { v, room } = await conversation();
    const alarm = () => runInDurableObject(room, (_r, s) => s.storage.getAlarm());
    await post(v.token, "y0", "y0");
    const armed = await alarm();
    expect(armed).not.toBeNull();
    await post(v.token, "y1", "y1");
    await post(v.token, "y2", "y2");
    // The same alarm: the later writes did not set (or clear) it again.
    expect(await alarm()).toBe(armed);
    await eventually(async () => expect(await roomOutbox(v.conversationId)).toBe(0));
    await eventually(async () => expect(await projectedSeqs(database(env.DB), v.conversationId)).toEqual([1, 2, 3]));
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await alarm()).toBeNull();
    expect(await runDurableObjectAlarm(room)).toBe(false);
  });
});

describe("replays are harmless", () => {
  it("a batch handed over twice and projected twice leaves one row per seq", async () => {
    const { v, room, projector } = await conversation();
    const db = database(env.DB);
    await breakD1Messages();
    for (let i = 0; i < 3; i++) await post(v.token, `x${i}`, `x${i}`);
    await eventually(async () => expect(await buffered(v.conversationId)).toEqual([1, 2, 3]));
    // A room whose reply was lost hands the same events over again.
    const conv = (await findConversation(db, v.conversationId))!;
    const history = await room.history(conv, 0, 50, "agent");
    const state = await room.snapshot(conv);
    await projector.accept(state, history.events);
    await projector.accept(state, history.events);
    expect(await buffered(v.conversationId)).toEqual([1, 2, 3]);
    await repairD1Messages();
    expect(await runDurableObjectAlarm(projector)).toBe(true);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3]);
    // And D1 itself ignores a batch it already has.
    await projectBatch(db, [{ state, events: history.events }]);
    await projectBatch(db, [{ state, events: history.events }]);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3]);
  });

  it("never lets an older state overwrite a newer conversation row", async () => {
    const { boss, v, room } = await conversation();
    await post(v.token, "first", "f1");
    const db = database(env.DB);
    const conv = (await findConversation(db, v.conversationId))!;
    const old = await room.snapshot(conv);
    await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    await eventually(async () => expect((await findConversation(db, v.conversationId))!.status).toBe("resolved"));
    await projectBatch(db, [{ state: old, events: [] }]);
    expect((await findConversation(db, v.conversationId))!.status).toBe("resolved");
  });
});

describe("batching across conversations", () => {
  it("projects many rooms' events in one D1 batch, their messages in shared inserts", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const db = database(env.DB);
    const rooms: RoomEvents[] = [];
    for (let i = 0; i < 3; i++) {
      const v = await visitor(inbox.publicKey);
      await post(v.token, `a${i}`, `a${i}`);
      await post(v.token, `b${i}`, `b${i}`);
      const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
      const conv = (await findConversation(db, v.conversationId))!;
      rooms.push({ state: await room.snapshot(conv), events: (await room.history(conv, 0, 50, "agent")).events });
    }
    await eventually(async () => {
      for (const r of rooms) expect(await projectedSeqs(db, r.state.id)).toEqual([1, 2]);
    });
    await env.DB.prepare(`DELETE FROM messages WHERE conversation_id IN (?, ?, ?)`).bind(...rooms.map((r) => r.state.id)).run();

    const counting = countingD1(env.DB);
    const report = await projectBatch(database(counting.d1), rooms);
    // Six messages of three rooms: one insert for all of them, one update per room.
    expect(counting.counts).toMatchObject({ batches: 1, statements: 4 });
    expect(report.statements).toBe(4);
    expect(report.rowsWritten).toBeGreaterThan(6);
    for (const r of rooms) expect(await projectedSeqs(db, r.state.id)).toEqual([1, 2]);
  });
});

describe("D1's limit of 100 bound parameters per statement", () => {
  it("projects a backlog bigger than one insert in statements that each bind at most 100", async () => {
    // Local D1 does not enforce the limit, so the test counts what each statement binds.
    const { boss, v, room } = await conversation();
    await breakD1Messages();
    for (let i = 0; i < 30; i++) {
      // From the agent: a visitor's burst would meet the visitor rate limit first.
      const res = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: `backlog ${i}` }, client: boss });
      expect(res.status).toBe(201);
    }
    await repairD1Messages();
    const conv = (await findConversation(database(env.DB), v.conversationId))!;
    const history = await room.history(conv, 0, 50, "agent");
    expect(history.events).toHaveLength(30);

    const counting = countingD1(env.DB);
    await projectBatch(database(counting.d1), [{ state: await room.snapshot(conv), events: history.events }]);
    expect(Math.max(...counting.counts.binds)).toBeLessThanOrEqual(100);
    // 30 rows cannot fit one statement under the limit, so the insert was split.
    expect(counting.counts.binds.length).toBeGreaterThan(2);
    expect(await projectedSeqs(database(env.DB), v.conversationId)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});

describe("D1 down on a route", () => {
  it("answers 503 `unavailable` as JSON, not a 500, and works again once D1 is back", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    await env.DB.exec("ALTER TABLE conversations RENAME TO conversations_away;");
    const down = await call("/api/v1/widget/messages", { method: "POST", json: { body: "x", clientId: "d1" }, headers: { Authorization: `Bearer ${v.token}` } });
    await env.DB.exec("ALTER TABLE conversations_away RENAME TO conversations;");
    expect(down).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
    const up = await call("/api/v1/widget/messages", { method: "POST", json: { body: "x", clientId: "d1" }, headers: { Authorization: `Bearer ${v.token}` } });
    expect(up.body).toEqual({ seq: 1, duplicate: false });
  });
});
