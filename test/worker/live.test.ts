import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { env, exports } from "cloudflare:workers";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call, type Client, ORIGIN } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { breakD1Messages, repairD1Messages, roomOutbox } from "./pipeline-kit";
import type { QueueFrame } from "../../worker/protocol";

describe("ephemeral frames", () => {
  it("relays typing to the other side without storing it", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const visitorWs = await openSocket(await widgetSocketPath(v.token, 0));
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    visitorWs.send({ type: "typing", on: true });
    await agentWs.until((f) => f.some((x) => x.type === "typing"));
    expect(agentWs.frames.find((f) => f.type === "typing")).toMatchObject({ actor: { type: "contact", id: v.contactId }, on: true });
    expect(visitorWs.frames.some((f) => f.type === "typing")).toBe(false);
    const history = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss });
    expect(history.body.lastSeq).toBe(0);
    visitorWs.close();
    agentWs.close();
  });

  it("broadcasts read marks, never lowers one, and sends on only the marks that move", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const visitorWs = await openSocket(await widgetSocketPath(v.token, 0));
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    for (let i = 0; i < 3; i++) visitorWs.send({ type: "send", clientId: `r${i}`, body: `r${i}` });
    await agentWs.until(() => agentWs.eventSeqs().length === 3);
    agentWs.send({ type: "read", seq: 3 });
    await visitorWs.until((f) => f.some((x) => x.type === "read"));
    agentWs.send({ type: "read", seq: 1 });
    agentWs.send({ type: "read", seq: 3 });
    // Frames of one socket are handled in order: once the typing frame arrives, the two
    // reads before it have been handled, and neither moved the mark.
    agentWs.send({ type: "typing", on: true });
    await visitorWs.until((f) => f.some((x) => x.type === "typing"));
    const reads = visitorWs.frames.flatMap((f) => (f.type === "read" ? [f.seq] : []));
    expect(reads).toEqual([3]);
    visitorWs.close();
    agentWs.close();
  });

  it("tells a socket that joins later where everyone else has read up to, but not its own mark", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const visitorWs = await openSocket(await widgetSocketPath(v.token, 0));
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    for (let i = 0; i < 2; i++) visitorWs.send({ type: "send", clientId: `j${i}`, body: `j${i}` });
    await agentWs.until(() => agentWs.eventSeqs().length === 2);
    visitorWs.send({ type: "read", seq: 2 });
    agentWs.send({ type: "read", seq: 1 });
    await agentWs.until((f) => f.some((x) => x.type === "read"));
    await visitorWs.until((f) => f.some((x) => x.type === "read"));
    agentWs.close();
    visitorWs.close();

    // A reload of the console: the visitor's mark arrives after the replay.
    const again = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=2`, boss);
    await again.until((f) => f.some((x) => x.type === "read"));
    const reads = again.frames.filter((f) => f.type === "read");
    expect(reads).toEqual([{ type: "read", actor: { type: "contact", id: v.contactId, name: expect.any(String) }, seq: 2 }]);
    // And the visitor's reload learns the agent's.
    const visitorAgain = await openSocket(await widgetSocketPath(v.token, 2));
    await visitorAgain.until((f) => f.some((x) => x.type === "read"));
    expect(visitorAgain.frames.filter((f) => f.type === "read").map((f) => f.type === "read" && [f.actor.type, f.seq])).toEqual([["agent", 1]]);
    again.close();
    visitorAgain.close();
  });
});

describe("the console's live list (TeamQueue socket)", () => {
  it("pushes a conversation summary to connected agents when a visitor writes, and tracks presence", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const res = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/queue/ws`, { headers: { Upgrade: "websocket", Cookie: boss.cookie! } }));
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const frames: QueueFrame[] = [];
    // Every conversation of the team is pushed, earlier tests' too: wait for this one.
    let conversationId = "";
    const mine = (f: QueueFrame) => f.type === "conversation" && f.conversation.id === conversationId;
    const arrived = new Promise<void>((resolve) =>
      ws.addEventListener("message", (e: MessageEvent) => {
        frames.push(JSON.parse(e.data as string));
        if (frames.some(mine)) resolve();
      }),
    );
    const v = await visitor(inbox.publicKey);
    conversationId = v.conversationId;
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "Olá!", clientId: "q1" }, headers: { Authorization: `Bearer ${v.token}` } });
    await arrived;
    const me = (await call("/api/v1/me", { client: boss })).body.agent;
    expect(frames.find((f) => f.type === "presence")).toEqual({ type: "presence", agentIds: [me.id] });
    expect(frames.find(mine)).toMatchObject({
      conversation: { id: v.conversationId, status: "open", lastSeq: 1, lastMessagePreview: "Olá!", channel: "webchat" },
    });
    ws.close();
  });
});

/** The team's live list socket, collecting its frames. */
async function queueSocket(client: Client) {
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/queue/ws`, { headers: { Upgrade: "websocket", Cookie: client.cookie! } }));
  const ws = res.webSocket!;
  ws.accept();
  const frames: QueueFrame[] = [];
  ws.addEventListener("message", (e: MessageEvent) => frames.push(JSON.parse(e.data as string)));
  const rows = (id: string) => frames.flatMap((f) => (f.type === "conversation" && f.conversation.id === id ? [f.conversation] : []));
  return { ws, frames, rows };
}

describe("the live list never runs ahead of GET /conversations", () => {
  it("publishes nothing while D1 refuses the batch, then one row per conversation per batch, equal to the listed row", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const queue = await queueSocket(boss);
    const v = await visitor(inbox.publicKey);
    await breakD1Messages();
    for (let i = 0; i < 3; i++) {
      await call("/api/v1/widget/messages", { method: "POST", json: { body: `live ${i}`, clientId: `l${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
    }
    await eventually(async () => expect(await roomOutbox(v.conversationId)).toBe(3));
    const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
    expect(await runDurableObjectAlarm(room)).toBe(true); // fails again: D1 refuses
    // The list does not have it, so the live list must not show it either.
    const before = await call(`/api/v1/conversations?inbox=${inbox.id}`, { client: boss });
    expect(before.body.conversations).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(queue.rows(v.conversationId)).toEqual([]);

    await repairD1Messages();
    expect(await runDurableObjectAlarm(room)).toBe(true);
    await eventually(async () => expect(queue.rows(v.conversationId).length).toBeGreaterThan(0));
    // Three messages in one batch: one row, already at the last of them.
    expect(queue.rows(v.conversationId)).toHaveLength(1);
    const live = queue.rows(v.conversationId)[0]!;
    expect(live).toMatchObject({ lastSeq: 3, lastMessagePreview: "live 2" });
    const after = await call(`/api/v1/conversations?inbox=${inbox.id}`, { client: boss });
    const listed = after.body.conversations.find((c: { id: string }) => c.id === v.conversationId);
    for (const key of Object.keys(live) as (keyof typeof live)[]) expect(listed[key]).toEqual(live[key]);
    queue.ws.close();
  });
});

describe("socket lifecycle", () => {
  it("reciprocates a client's close frame with the same code", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const ws = await openSocket(await widgetSocketPath(v.token, 0));
    await ws.until((f) => f.some((x) => x.type === "hello"));
    const closed = new Promise<CloseEvent>((resolve) => ws.ws.addEventListener("close", (e) => resolve(e as CloseEvent)));
    ws.ws.close(4001, "bye");
    const event = await closed;
    expect(event.code).toBe(4001);
  });

  it("starts every socket with a hello naming the conversation and its last seq", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "one", clientId: "one" }, headers: { Authorization: `Bearer ${v.token}` } });
    const ws = await openSocket(await widgetSocketPath(v.token, 1));
    await ws.until((f) => f.length > 0);
    expect(ws.frames[0]).toEqual({ type: "hello", conversationId: v.conversationId, lastSeq: 1 });
    ws.close();
  });
});

describe("who sent it", () => {
  it("labels a socket message with the sender's name, also after the room hibernates", async () => {
    const { evictDurableObject } = await import("cloudflare:test");
    const { env } = await import("cloudflare:workers");
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const agentWs = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    await agentWs.until((f) => f.some((x) => x.type === "hello"));
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(v.conversationId), { webSockets: "hibernate" });
    agentWs.send({ type: "send", clientId: "n1", body: "Oi, aqui é a Olivia" });
    await agentWs.until(() => agentWs.eventSeqs().length === 1);
    const event = agentWs.frames.find((f) => f.type === "event");
    expect(event).toMatchObject({ event: { actor: { type: "agent", name: "Olivia Owner" } } });
    agentWs.close();
  });

  it("names the clientId of a rejected send in its error frame", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const ws = await openSocket(await widgetSocketPath(v.token, 0));
    ws.send({ type: "send", clientId: "too-long-1", body: "x".repeat(10_001) });
    await ws.until((f) => f.some((x) => x.type === "error"));
    expect(ws.frames.find((f) => f.type === "error")).toMatchObject({ code: "validation_failed", clientId: "too-long-1" });
    ws.close();
  });
});
