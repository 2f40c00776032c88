import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { findConversation } from "../../worker/db/conversations";
import { seedOf } from "../../worker/conversation/commands";
import { database } from "../../worker/db/client";
import type { CommandResult } from "../../worker/conversation/commands";

async function setup() {
  const boss = await owner();
  const inbox = await webchatInbox(boss);
  const v = await visitor(inbox.publicKey);
  return { boss, v };
}

describe("idempotency", () => {
  it("acks a clientId sent 5 times, across a reconnect, with the original seq and stores it once", async () => {
    const { boss, v } = await setup();
    const frame = { type: "send", clientId: "same-id-1", body: "only once please" };
    const first = await openSocket(await widgetSocketPath(v.token, 0));
    for (let i = 0; i < 3; i++) first.send(frame);
    await first.until(() => first.acks().length === 3);
    first.close();

    const again = await openSocket(await widgetSocketPath(v.token, 0));
    again.send(frame);
    again.send(frame);
    await again.until(() => again.acks().length === 2);

    const acks = [...first.acks(), ...again.acks()];
    expect(acks).toHaveLength(5);
    expect(new Set(acks.map((a) => a.seq))).toEqual(new Set([1]));

    const history = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss });
    const messages = history.body.events.filter((e: { type: string }) => e.type === "message");
    expect(messages).toHaveLength(1);
    expect(history.body.lastSeq).toBe(1);
    // The reconnected socket replayed the one stored event, never a copy.
    expect(again.eventSeqs()).toEqual([1]);
    again.close();
  });

  it("answers a repeated HTTP post with the same clientId as a duplicate of the original seq", async () => {
    const { boss, v } = await setup();
    const url = `/api/v1/conversations/${v.conversationId}/messages`;
    const a = await call(url, { method: "POST", json: { body: "hello", clientId: "http-1" }, client: boss });
    const b = await call(url, { method: "POST", json: { body: "hello", clientId: "http-1" }, client: boss });
    expect(a.body).toEqual({ seq: a.body.seq, duplicate: false });
    expect(b.body).toEqual({ seq: a.body.seq, duplicate: true });
    const w1 = await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "w-1" }, headers: { Authorization: `Bearer ${v.token}` } });
    const w2 = await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "w-1" }, headers: { Authorization: `Bearer ${v.token}` } });
    expect(w2.body).toEqual({ seq: w1.body.seq, duplicate: true });
  });

  it("scopes clientIds to their sender: a visitor cannot swallow an agent's message by reusing its id", async () => {
    const { boss, v } = await setup();
    const ws = await openSocket(await widgetSocketPath(v.token, 0));
    ws.send({ type: "send", clientId: "shared", body: "from visitor" });
    await ws.until(() => ws.acks().length === 1);
    const agent = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: "from agent", clientId: "shared" }, client: boss });
    expect(agent.body.duplicate).toBe(false);
    expect(agent.body.seq).not.toBe(ws.acks()[0]!.seq);
    ws.close();
  });

  it("acks a redelivered provider message id with the original seq and stores nothing", async () => {
    const { boss, v } = await setup();
    const conversation = await findConversation(database(env.DB), v.conversationId);
    const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const inbound = {
      type: "message" as const,
      actor: { type: "contact" as const, id: v.contactId, name: null },
      kind: "text" as const,
      body: "from WhatsApp",
      providerMessageId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
    };
    const first = (await room.command(seedOf(conversation!), inbound)) as CommandResult;
    const redelivered = (await room.command(seedOf(conversation!), { ...inbound, body: "changed on redelivery" })) as CommandResult;
    expect(first.duplicate).toBe(false);
    expect(redelivered).toMatchObject({ seq: first.seq, duplicate: true });
    // Channels redeliver long after: the key lives in the room's storage, not its memory.
    await evictDurableObject(room);
    const afterEviction = (await room.command(seedOf(conversation!), inbound)) as CommandResult;
    expect(afterEviction).toMatchObject({ seq: first.seq, duplicate: true });
    const history = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss });
    expect(history.body.events).toHaveLength(1);
    expect(history.body.events[0].body).toBe("from WhatsApp");
  });
});
