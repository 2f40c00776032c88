import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, eventually, owner, openSocket, visitor, webchatInbox, widgetSocketPath } from "./helpers";
import { database } from "../../worker/db/client";
import { findConversation } from "../../worker/db/conversations";
import { projectToD1, projectedSeqs } from "../../worker/db/projection";

/** A real D1 failure, no mocks: a trigger makes every insert into `messages` abort. */
async function breakD1Messages() {
  await env.DB.exec("CREATE TRIGGER fail_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END;");
}
async function repairD1Messages() {
  await env.DB.exec("DROP TRIGGER fail_messages;");
}

describe("D1 projection outbox", () => {
  it("acks and broadcasts while D1 refuses writes; after the alarm retries, D1 holds each message once", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
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

    // Still failing: the alarm runs, fails, and stays scheduled.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([]);

    await repairD1Messages();
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3, 4, 5]);
    const row = await findConversation(db, v.conversationId);
    expect(row).toMatchObject({ lastSeq: 5, lastMessagePreview: "while D1 is down 4", status: "open" });

    // Nothing left to retry: no alarm remains, and the list shows the conversation.
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    const list = await call("/api/v1/conversations", { client: boss });
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toContain(v.conversationId);
    agentWs.close();
    visitorWs.close();
  });

  it("leaves no alarm behind once a write is projected, so a busy room does not wake for nothing", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    for (let i = 0; i < 3; i++) {
      await call("/api/v1/widget/messages", { method: "POST", json: { body: `y${i}`, clientId: `y${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
    }
    const db = database(env.DB);
    await eventually(async () => expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3]));
    // Well inside the first retry delay (500 ms), so a leftover safety alarm cannot
    // pass this by firing and clearing itself.
    await eventually(async () => expect(await runInDurableObject(stub, (_room, state) => state.storage.getAlarm())).toBeNull(), 200);
  });

  it("projects idempotently: the same events projected twice leave one row per seq", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    for (let i = 0; i < 3; i++) {
      await call("/api/v1/widget/messages", { method: "POST", json: { body: `x${i}`, clientId: `x${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
    }
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const db = database(env.DB);
    const conv = (await findConversation(db, v.conversationId))!;
    const history = await stub.history(conv, 0, 50, "agent");
    const state = await stub.snapshot(conv);
    await projectToD1(db, state, history.events);
    await projectToD1(db, state, history.events);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3]);
  });

  it("never lets an older projection overwrite a newer conversation row", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "first", clientId: "f1" }, headers: { Authorization: `Bearer ${v.token}` } });
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const db = database(env.DB);
    const conv = (await findConversation(db, v.conversationId))!;
    const old = await stub.snapshot(conv);
    await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    await runDurableObjectAlarm(stub);
    await projectToD1(db, old, []);
    expect((await findConversation(db, v.conversationId))!.status).toBe("resolved");
  });
});

/** env.DB, recording how many parameters each statement binds. */
function countingBinds(d1: D1Database): { d1: D1Database; binds: number[] } {
  const binds: number[] = [];
  const bound = <T extends object>(target: T, key: PropertyKey) => {
    const value = Reflect.get(target, key);
    return typeof value === "function" ? value.bind(target) : value;
  };
  const prepare = (query: string) => {
    const statement = d1.prepare(query);
    return new Proxy(statement, {
      get: (target, key) =>
        key === "bind"
          ? (...values: unknown[]) => {
              binds.push(values.length);
              return target.bind(...values);
            }
          : bound(target, key),
    });
  };
  return { d1: new Proxy(d1, { get: (target, key) => (key === "prepare" ? prepare : bound(target, key)) }), binds };
}

describe("D1's limit of 100 bound parameters per statement", () => {
  it("projects a backlog bigger than one insert in statements that each bind at most 100", async () => {
    // Local D1 does not enforce the limit, so the test counts what each statement binds.
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    await breakD1Messages();
    for (let i = 0; i < 30; i++) {
      // From the agent: a visitor's burst would meet the visitor rate limit first.
      const res = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: `backlog ${i}` }, client: boss });
      expect(res.status).toBe(201);
    }
    await repairD1Messages();
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const conv = (await findConversation(database(env.DB), v.conversationId))!;
    const history = await stub.history(conv, 0, 50, "agent");
    expect(history.events).toHaveLength(30);

    const counting = countingBinds(env.DB);
    await projectToD1(database(counting.d1), await stub.snapshot(conv), history.events);
    expect(Math.max(...counting.binds)).toBeLessThanOrEqual(100);
    // 30 rows cannot fit one statement under the limit, so the insert was split.
    expect(counting.binds.length).toBeGreaterThan(2);
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
