/**
 * The visitor's place in line (issue 14, "Customers see their place"): the room's
 * `announceQueuePosition` RPC reaches the customer's sockets only, is remembered across
 * eviction and hibernation, greets a socket that joins, is not sent twice, is withdrawn
 * by the room itself once an agent has the conversation, and is never a stored event.
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { agentWithRole, owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call } from "./http-client";
import { openSocket, widgetSocketPath, type TestSocket } from "./socket-harness";

async function waiting() {
  const boss = await owner();
  const inbox = await webchatInbox(boss);
  // No team: these tests drive the RPC by hand, and a team's real queue would announce
  // the real place in line over them (test/worker/queue-line.test.ts tests that).
  expect((await call(`/api/v1/inboxes/${inbox.id}`, { method: "PATCH", json: { teamId: null }, client: boss })).status).toBe(200);
  const v = await visitor(inbox.publicKey);
  const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
  const customer = () => widgetSocketPath(v.token, 0).then((path) => openSocket(path));
  const agent = () => openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
  const write = (body: string) => call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `m-${crypto.randomUUID()}` }, headers: bearer(v.token) });
  return { boss, v, room, customer, agent, write };
}

const places = (ws: TestSocket) => ws.frames.flatMap((f) => (f.type === "queuePosition" ? [{ position: f.position, etaSeconds: f.etaSeconds }] : []));
const hasPlaces = (ws: TestSocket, n: number) => ws.until(() => places(ws).length >= n);
const types = (ws: TestSocket) => ws.frames.map((f) => f.type);

describe("announceQueuePosition", () => {
  it("reaches every customer socket and no agent socket", async () => {
    const { room, customer, agent, write } = await waiting();
    const [tab1, tab2, console] = [await customer(), await customer(), await agent()];
    await room.announceQueuePosition(3, 240);
    await hasPlaces(tab1, 1);
    await hasPlaces(tab2, 1);
    expect(places(tab1)).toEqual([{ position: 3, etaSeconds: 240 }]);
    expect(places(tab2)).toEqual([{ position: 3, etaSeconds: 240 }]);
    // The agent's socket receives the message written after the announcement, and
    // frames on one socket keep their order: a queuePosition would have come first.
    expect((await write("still there?")).status).toBe(201);
    await console.until(() => console.eventSeqs().length === 1);
    expect(types(console)).not.toContain("queuePosition");
    for (const ws of [tab1, tab2, console]) ws.close();
  });

  it("does not send an unchanged place again, and sends a changed one", async () => {
    const { room, customer } = await waiting();
    const ws = await customer();
    await room.announceQueuePosition(2, 90);
    await room.announceQueuePosition(2, 90);
    await room.announceQueuePosition(2, 60);
    await room.announceQueuePosition(1, null);
    await room.announceQueuePosition(1, null);
    await hasPlaces(ws, 3);
    // Nothing more can arrive out of order: the last announcement is here.
    expect(places(ws)).toEqual([
      { position: 2, etaSeconds: 90 },
      { position: 2, etaSeconds: 60 },
      { position: 1, etaSeconds: null },
    ]);
    ws.close();
  });

  it("greets a customer socket that joins with the last place, right after hello and the replay", async () => {
    const { room, customer, agent, write } = await waiting();
    expect((await write("hello?")).status).toBe(201);
    expect((await write("anyone?")).status).toBe(201);
    await room.announceQueuePosition(4, 300);
    await room.announceQueuePosition(3, 200);
    const ws = await customer();
    await hasPlaces(ws, 1);
    expect(types(ws)).toEqual(["hello", "event", "event", "queuePosition"]);
    expect(places(ws)).toEqual([{ position: 3, etaSeconds: 200 }]);
    // An agent joining gets the replay and nothing else.
    const console = await agent();
    await console.until(() => console.eventSeqs().length === 2);
    await write("third");
    await console.until(() => console.eventSeqs().length === 3);
    expect(types(console)).not.toContain("queuePosition");
    ws.close();
    console.close();
  });

  it("greets nobody once the place is null", async () => {
    const { room, customer, write } = await waiting();
    await room.announceQueuePosition(1, 30);
    await room.announceQueuePosition(null, null);
    const ws = await customer();
    expect((await write("after")).status).toBe(201);
    await ws.until(() => ws.eventSeqs().length === 1);
    expect(types(ws)).toEqual(["hello", "event"]);
    ws.close();
  });

  it("remembers the place across eviction: a new socket gets it, and the same place is not sent again", async () => {
    const { room, customer } = await waiting();
    await room.announceQueuePosition(5, 600);
    await evictDurableObject(room, { webSockets: "close" });
    const ws = await customer();
    await hasPlaces(ws, 1);
    expect(places(ws)).toEqual([{ position: 5, etaSeconds: 600 }]);
    await evictDurableObject(room, { webSockets: "hibernate" });
    await room.announceQueuePosition(5, 600);
    await room.announceQueuePosition(4, 480);
    await hasPlaces(ws, 2);
    // The hibernated socket woke for the change only.
    expect(places(ws)).toEqual([
      { position: 5, etaSeconds: 600 },
      { position: 4, etaSeconds: 480 },
    ]);
    ws.close();
  });

  it("sends position null when an agent takes the conversation, and ignores a late announcement", async () => {
    const { boss, v, room, customer } = await waiting();
    const ana = await agentWithRole("agent");
    const ws = await customer();
    await room.announceQueuePosition(2, 120);
    await hasPlaces(ws, 1);
    const assigned = await call(`/api/v1/conversations/${v.conversationId}/assign`, { method: "POST", json: { assigneeId: ana.id }, client: boss });
    expect(assigned.status).toBe(200);
    await hasPlaces(ws, 2);
    const assignment = ws.frames.findIndex((f) => f.type === "event" && f.event.type === "assignment");
    const withdrawn = ws.frames.findIndex((f) => f.type === "queuePosition" && f.position === null);
    expect(assignment).toBeGreaterThan(-1);
    expect(withdrawn).toBeGreaterThan(assignment);
    // The queue computed this before the assignment reached it: the room knows better.
    await room.announceQueuePosition(1, 30);
    const late = await customer();
    await late.until(() => late.eventSeqs().length >= 1);
    expect(places(late)).toEqual([]);
    expect(places(ws)).toEqual([
      { position: 2, etaSeconds: 120 },
      { position: null, etaSeconds: null },
    ]);
    ws.close();
    late.close();
  });

  it("sends position null when the conversation is resolved", async () => {
    const { boss, v, room, customer } = await waiting();
    const ws = await customer();
    await room.announceQueuePosition(1, 45);
    await hasPlaces(ws, 1);
    const resolved = await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    expect(resolved.status).toBe(200);
    await hasPlaces(ws, 2);
    expect(places(ws).at(-1)).toEqual({ position: null, etaSeconds: null });
    ws.close();
  });

  it("is never a stored event: the log and its seqs do not move", async () => {
    const { boss, v, room, write } = await waiting();
    expect((await write("one")).status).toBe(201);
    await room.announceQueuePosition(2, 100);
    await room.announceQueuePosition(1, 50);
    const second = await write("two");
    expect(second.body).toEqual({ seq: 2, duplicate: false });
    const history = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(["message", "message"]);
  });

  it("refuses figures the frame does not allow, and keeps the last good place", async () => {
    const { room, customer } = await waiting();
    await room.announceQueuePosition(2, 60);
    for (const [position, eta] of [
      [0, 10],
      [-1, 10],
      [1.5, 10],
      [1, -5],
      [1, Number.POSITIVE_INFINITY],
      [Number.NaN, null],
    ] as const) {
      const outcome = await room.announceQueuePosition(position, eta).then(
        () => "accepted",
        (err: unknown) => String(err),
      );
      expect(outcome).toMatch(/ZodError|invalid|Expected/i);
    }
    const ws = await customer();
    await hasPlaces(ws, 1);
    expect(places(ws)).toEqual([{ position: 2, etaSeconds: 60 }]);
    // An estimate may come as a fraction of a second: it is rounded, not refused.
    await room.announceQueuePosition(2, 59.6);
    await room.announceQueuePosition(1, 12.2);
    await hasPlaces(ws, 2);
    expect(places(ws)).toEqual([
      { position: 2, etaSeconds: 60 },
      { position: 1, etaSeconds: 12 },
    ]);
    ws.close();
  });
});
