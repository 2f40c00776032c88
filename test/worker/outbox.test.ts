import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { MAX_BODY_CHARS } from "../../worker/protocol/limits";
import { breakD1Messages, countingD1, holdProjector, projectorOf, repairD1Messages, resetProjector, roomAlarm, roomOutbox } from "./pipeline-kit";
import { database } from "../../worker/db/client";
import { findConversation } from "../../worker/db/conversations";
import { projectBatch } from "../../worker/db/projection";
import { projectedSeqs } from "./projected-seqs";
import type { RoomEvents } from "../../worker/pipeline/types";

async function conversation() {
  const boss = await owner();
  const inbox = await webchatInbox(boss);
  const v = await visitor(inbox.publicKey);
  return { boss, inbox, v, room: env.CONVERSATION_ROOM.getByName(v.conversationId) };
}

function post(token: string, body: string, clientId: string) {
  return call("/api/v1/widget/messages", { method: "POST", json: { body, clientId }, headers: { Authorization: `Bearer ${token}` } });
}

describe("D1 down: the room keeps the events and retries", () => {
  it("acks and broadcasts while D1 refuses writes; after the room's alarm retries, D1 holds each message once", async () => {
    const { boss, v, room } = await conversation();
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    const visitorWs = await openSocket(await widgetSocketPath(v.token, 0));

    await breakD1Messages();
    for (let i = 0; i < 5; i++) visitorWs.send({ type: "send", clientId: `c${i}`, body: `while D1 is down ${i}` });
    await visitorWs.until(() => visitorWs.acks().length === 5);
    await agentWs.until(() => agentWs.eventSeqs().length === 5);
    expect(visitorWs.acks().map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);

    const db = database(env.DB);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([]);
    expect((await findConversation(db, v.conversationId))!.lastSeq).toBe(0);
    expect(await roomOutbox(v.conversationId)).toBe(5);

    // Still failing: the alarm runs, the handoff fails, and the alarm stays scheduled.
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([]);
    expect(await roomOutbox(v.conversationId)).toBe(5);
    expect(await roomAlarm(v.conversationId)).not.toBeNull();

    await repairD1Messages();
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3, 4, 5]);
    const row = await findConversation(db, v.conversationId);
    expect(row).toMatchObject({ lastSeq: 5, lastMessagePreview: "while D1 is down 4", status: "open" });

    // Nothing left to retry: no alarm remains, and the list shows the conversation.
    expect(await roomOutbox(v.conversationId)).toBe(0);
    expect(await runDurableObjectAlarm(room)).toBe(false);
    const list = await call("/api/v1/conversations", { client: boss });
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toContain(v.conversationId);
    agentWs.close();
    visitorWs.close();
  });
});

describe("the pipeline fails mid-batch: the room keeps the events and retries", () => {
  it("acks while the Projector holds the batch; when the Projector is lost, the room's alarm hands the events over again and D1 holds each once", async () => {
    const { boss, v, room } = await conversation();
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    const visitorWs = await openSocket(await widgetSocketPath(v.token));
    const { projector } = await holdProjector(v.conversationId);

    for (let i = 0; i < 5; i++) visitorWs.send({ type: "send", clientId: `q${i}`, body: `while the pipeline is stuck ${i}` });
    await visitorWs.until(() => visitorWs.acks().length === 5);
    await agentWs.until(() => agentWs.eventSeqs().length === 5);
    expect(visitorWs.acks().map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
    // The batch waits in the Projector; the room still holds every event.
    await eventually(async () => expect((await projector.pipelineStats()).pending).toBeGreaterThan(0));
    expect(await roomOutbox(v.conversationId)).toBe(5);

    // The Projector crashes with the batch: the handoff fails, nothing reached D1.
    await resetProjector(v.conversationId);
    await eventually(async () => expect(await roomAlarm(v.conversationId)).not.toBeNull());
    const db = database(env.DB);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([]);
    expect(await roomOutbox(v.conversationId)).toBe(5);

    // The room's alarm hands them to a new Projector instance, which flushes at once.
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await roomOutbox(v.conversationId)).toBe(0);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3, 4, 5]);
    expect(await findConversation(db, v.conversationId)).toMatchObject({ lastSeq: 5, lastMessagePreview: "while the pipeline is stuck 4" });
    agentWs.close();
    visitorWs.close();
  });

  it("arms one alarm for a burst of writes and writes none when the handoff succeeds; an alarm with nothing to do ends", async () => {
    const { v, room } = await conversation();
    await post(v.token, "y0", "y0");
    const armed = await roomAlarm(v.conversationId);
    expect(armed).not.toBeNull();
    await post(v.token, "y1", "y1");
    await post(v.token, "y2", "y2");
    // The same alarm: the later writes did not set (or clear) it again.
    expect(await roomAlarm(v.conversationId)).toBe(armed);
    await eventually(async () => expect(await roomOutbox(v.conversationId)).toBe(0));
    expect(await projectedSeqs(database(env.DB), v.conversationId)).toEqual([1, 2, 3]);
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await roomAlarm(v.conversationId)).toBeNull();
    expect(await runDurableObjectAlarm(room)).toBe(false);
  });
});

describe("replays are harmless", () => {
  it("the same events handed over again, in one batch or the next, and projected twice leave one row per seq", async () => {
    const { v, room } = await conversation();
    const db = database(env.DB);
    const { projector, release } = await holdProjector(v.conversationId);
    for (let i = 0; i < 3; i++) await post(v.token, `x${i}`, `x${i}`);
    // A room whose reply was lost hands the same events over again, into the same batch.
    const conv = (await findConversation(db, v.conversationId))!;
    const history = await room.history(conv, 0, 50, "agent");
    const state = await room.snapshot(conv);
    const again = [projector.accept(state, history.events), projector.accept(state, history.events)];
    await release();
    await Promise.all(again);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3]);
    // And into a later batch, and straight into D1: still one copy.
    await projector.accept(state, history.events);
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
    await projectorOf(v.conversationId).accept(old, []);
    expect((await findConversation(db, v.conversationId))!.status).toBe("resolved");
  });
});

describe("batching across conversations", () => {
  it("does not let one conversation D1 refuses hold back the others in its batch", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const poisoned = await visitor(inbox.publicKey);
    const healthy = await visitor(inbox.publicKey);
    // A real D1 refusal for one conversation only.
    await env.DB.exec(`CREATE TRIGGER refuse_one BEFORE INSERT ON messages WHEN new.conversation_id = '${poisoned.conversationId}' BEGIN SELECT RAISE(ABORT, 'injected refusal'); END;`);
    const { projector, release } = await holdProjector(poisoned.conversationId);
    await post(poisoned.token, "refused", "r1");
    await post(healthy.token, "accepted", "a1");
    await eventually(async () => expect((await projector.pipelineStats()).pending).toBe(2));
    await release();
    const db = database(env.DB);
    await eventually(async () => expect(await projectedSeqs(db, healthy.conversationId)).toEqual([1]));
    expect(await roomOutbox(healthy.conversationId)).toBe(0);
    // Through on its first handoff: its room never failed, so its alarm is still the
    // far safety alarm, not a retry's backoff.
    expect((await roomAlarm(healthy.conversationId)) ?? 0).toBeGreaterThan(Date.now() + 30_000);
    // The refused one stays in its room, retried by its alarm, and lands once D1 takes it.
    expect(await projectedSeqs(db, poisoned.conversationId)).toEqual([]);
    expect(await roomOutbox(poisoned.conversationId)).toBe(1);
    await env.DB.exec("DROP TRIGGER refuse_one;");
    expect(await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(poisoned.conversationId))).toBe(true);
    expect(await projectedSeqs(db, poisoned.conversationId)).toEqual([1]);
  });

  it("gathers the handoffs of many rooms into one batch", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const visitors = [await visitor(inbox.publicKey), await visitor(inbox.publicKey), await visitor(inbox.publicKey)];
    const { projector, release } = await holdProjector(visitors[0]!.conversationId);
    const before = await projector.pipelineStats();
    for (const v of visitors) await post(v.token, "gathered", "g1");
    await eventually(async () => expect((await projector.pipelineStats()).pending).toBe(3));
    await release();
    const db = database(env.DB);
    await eventually(async () => {
      for (const v of visitors) expect(await projectedSeqs(db, v.conversationId)).toEqual([1]);
    });
    const after = await projector.pipelineStats();
    expect(after.batches - before.batches).toBe(1);
    expect(after.messages - before.messages).toBe(3);
  });

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
    // Six messages of three rooms: one insert for all of them, one update for all rooms.
    expect(counting.counts).toMatchObject({ batches: 1, statements: 2 });
    expect(report.statements).toBe(2);
    expect(report.rowsWritten).toBeGreaterThan(6);
    for (const r of rooms) expect(await projectedSeqs(db, r.state.id)).toEqual([1, 2]);
  });
});

describe("D1's limits per statement: 100 bound parameters, 2 MB per string", () => {
  it("projects a backlog of long messages in statements that each bind at most 100 values and carry well under 2 MB", async () => {
    // Local D1 enforces neither limit, so the test counts what each statement binds.
    const { boss, v, room } = await conversation();
    await breakD1Messages();
    const long = "ç".repeat(MAX_BODY_CHARS - 10);
    for (let i = 0; i < 30; i++) {
      // From the agent: a visitor's burst would meet the visitor rate limit first.
      const res = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: `${i} ${long}` }, client: boss });
      expect(res.status).toBe(201);
    }
    await repairD1Messages();
    const conv = (await findConversation(database(env.DB), v.conversationId))!;
    const history = await room.history(conv, 0, 50, "agent");
    expect(history.events).toHaveLength(30);

    const counting = countingD1(env.DB);
    await projectBatch(database(counting.d1), [{ state: await room.snapshot(conv), events: history.events }]);
    expect(Math.max(...counting.counts.binds)).toBeLessThanOrEqual(100);
    const bytes = counting.counts.stringBytes;
    expect(Math.max(...bytes)).toBeLessThan(1_000_000);
    // ~600 KB of UTF-8 cannot fit one statement under that bound, so the insert was split.
    expect(bytes.filter((b) => b > 100_000).length).toBeGreaterThan(1);
    expect(await projectedSeqs(database(env.DB), v.conversationId)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const stored = await env.DB.prepare("SELECT body FROM messages WHERE conversation_id = ? AND seq = 30").bind(v.conversationId).first<{ body: string }>();
    expect(stored!.body).toBe(`29 ${long}`);
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
