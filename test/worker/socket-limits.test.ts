/**
 * What one room lets its sockets cost: a participant's newest sockets replace its oldest
 * beyond a cap, a full conversation refuses a socket before the upgrade, a typing flood is dropped instead of fanned out (so a real
 * send is not stuck behind it), and read marks are written only when they move.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { owner, visitor, webchatInbox } from "./fixtures";
import { openSocket, TestSocket, widgetSocketPath } from "./socket-harness";
import { database } from "../../worker/db/client";
import { findConversation } from "../../worker/db/conversations";
import { seedOf } from "../../worker/conversation/commands";
import { PARTICIPANT_HEADER, SEED_HEADER } from "../../worker/conversation/room";
import { MAX_SOCKETS_PER_CONVERSATION, MAX_SOCKETS_PER_PARTICIPANT } from "../../worker/conversation/socket-limits";

async function conversationWithVisitor() {
  const boss = await owner();
  const inbox = await webchatInbox(boss);
  const v = await visitor(inbox.publicKey);
  return { boss, ...v };
}

/** A socket straight to the room, as the Worker hands one over, for participant `id`. */
async function roomSocket(conversationId: string, id: string): Promise<{ status: number; socket?: TestSocket }> {
  const conv = (await findConversation(database(env.DB), conversationId))!;
  const headers = new Headers({ Upgrade: "websocket" });
  headers.set(PARTICIPANT_HEADER, JSON.stringify({ type: "agent", id, name: null }));
  headers.set(SEED_HEADER, JSON.stringify(seedOf(conv)));
  const res = await env.CONVERSATION_ROOM.getByName(conversationId).fetch(new Request("http://room/ws", { headers }));
  if (res.status !== 101 || !res.webSocket) return { status: res.status };
  res.webSocket.accept();
  return { status: 101, socket: new TestSocket(res.webSocket) };
}

describe("socket caps", () => {
  it(`keeps at most ${MAX_SOCKETS_PER_PARTICIPANT} sockets per participant: a newer one replaces the oldest`, async () => {
    const v = await conversationWithVisitor();
    const path = await widgetSocketPath(v.token);
    const open: TestSocket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_PARTICIPANT * 3; i++) {
      open.push(await openSocket(path));
      await new Promise((r) => setTimeout(r, 2)); // distinct join times
    }
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const count = () => runInDurableObject(stub, (_room, state) => state.getWebSockets(`contact:${v.contactId}`).filter((ws) => ws.readyState === WebSocket.OPEN).length);
    expect(await count()).toBe(MAX_SOCKETS_PER_PARTICIPANT);
    // The oldest were closed with the "replaced" code; the newest still hear the room.
    await open[0]!.until(() => false, 2_000).catch(() => undefined);
    expect(open.slice(0, -MAX_SOCKETS_PER_PARTICIPANT).every((s) => s.closed)).toBe(true);
    const agent = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, v.boss);
    agent.send({ type: "send", clientId: "hello-all", body: "olá" });
    for (const s of open.slice(-MAX_SOCKETS_PER_PARTICIPANT)) await s.until(() => s.eventSeqs().length === 1);
    for (const s of [...open, agent]) s.close();
  });

  it(`refuses socket ${MAX_SOCKETS_PER_CONVERSATION + 1} of one conversation with 429`, async () => {
    const v = await conversationWithVisitor();
    const open: TestSocket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_CONVERSATION; i++) {
      const r = await roomSocket(v.conversationId, `agent-${i}`);
      expect(r.status).toBe(101);
      open.push(r.socket!);
    }
    expect((await roomSocket(v.conversationId, "one-too-many")).status).toBe(429);
    for (const s of open) s.close();
  });
});

describe("ephemeral frame throttles", () => {
  it("drops a typing flood instead of fanning it out, and the send behind it is acked and delivered", async () => {
    const v = await conversationWithVisitor();
    const visitorWs = await openSocket(await widgetSocketPath(v.token));
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, v.boss);
    for (let i = 0; i < 200; i++) visitorWs.send({ type: "typing", on: i % 2 === 0 });
    visitorWs.send({ type: "send", clientId: "after-flood", body: "still here" });
    await visitorWs.until(() => visitorWs.acks().length === 1);
    await agentWs.until(() => agentWs.eventSeqs().length === 1);
    const typing = agentWs.frames.filter((f) => f.type === "typing");
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing.length).toBeLessThanOrEqual(4);
    visitorWs.close();
    agentWs.close();
  });

  it("writes a read mark only when it moves forward", async () => {
    const v = await conversationWithVisitor();
    const visitorWs = await openSocket(await widgetSocketPath(v.token));
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, v.boss);
    visitorWs.send({ type: "send", clientId: "m1", body: "one" });
    await agentWs.until(() => agentWs.eventSeqs().length === 1);
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const readAt = () =>
      runInDurableObject(stub, (_room, state) => state.storage.sql.exec<{ participant: string; at: number }>("SELECT participant, at FROM read_marks").toArray());

    agentWs.send({ type: "read", seq: 1 });
    await visitorWs.until((f) => f.some((x) => x.type === "read"));
    const first = await readAt();
    expect(first).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 50; i++) agentWs.send({ type: "read", seq: 1 });
    agentWs.send({ type: "typing", on: true });
    await visitorWs.until((f) => f.some((x) => x.type === "typing"));
    expect(await readAt()).toEqual(first);
    expect(visitorWs.frames.filter((f) => f.type === "read")).toHaveLength(1);
    visitorWs.close();
    agentWs.close();
  });
});
