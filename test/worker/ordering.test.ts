import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { agentWithRole, owner, visitor, webchatInbox } from "./fixtures";
import { call } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { database } from "../../worker/db/client";
import { projectedSeqs } from "./projected-seqs";

const PER_SENDER = 200;

describe("ordering", () => {
  it("3 senders × 200 concurrent messages get seqs 1..600 gapless, and every socket sees the same order", async () => {
    const boss = await owner();
    const second = await agentWithRole("agent");
    const third = await agentWithRole("agent");
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const path = `/api/v1/conversations/${v.conversationId}/ws?after=0`;
    const visitorWs = await openSocket(await widgetSocketPath(v.token, 0));
    const agentWs = await openSocket(path, boss);
    const observerWs = await openSocket(path, second);
    const thirdWs = await openSocket(path, third);

    // Sender 1: the owner's socket. Sender 2: a second agent's socket. Sender 3: the
    // second agent over HTTP. All three fire without waiting for each other. (A visitor
    // cannot send 200 at once: the room rate-limits customers; the visitor's socket
    // watches instead, and the resume test streams visitor messages.)
    const http = Array.from({ length: PER_SENDER }, (_, i) =>
      call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: `http ${i}`, clientId: `h${i}` }, client: second }),
    );
    for (let i = 0; i < PER_SENDER; i++) {
      thirdWs.send({ type: "send", clientId: `t${i}`, body: `third ${i}` });
      agentWs.send({ type: "send", clientId: `a${i}`, body: `agent ${i}` });
    }
    const httpResults = await Promise.all(http);
    expect(httpResults.every((r) => r.status === 201)).toBe(true);

    const total = PER_SENDER * 3;
    const sockets = [visitorWs, agentWs, observerWs, thirdWs];
    for (const ws of sockets) await ws.until(() => ws.eventSeqs().length >= total, 20_000);

    const expected = Array.from({ length: total }, (_, i) => i + 1);
    const orders = sockets.map((ws) => ws.frames.flatMap((f) => (f.type === "event" ? [f.event.id] : [])));
    for (const ws of sockets) expect(ws.eventSeqs()).toEqual(expected);
    for (const order of orders) expect(order).toEqual(orders[0]);

    // Each sender's own messages keep the order it sent them in.
    const bodies = agentWs.frames.flatMap((f) => (f.type === "event" && f.event.type === "message" ? [f.event.body] : []));
    for (const prefix of ["third", "agent"]) {
      const mine = bodies.filter((b) => b.startsWith(prefix + " ")).map((b) => Number(b.split(" ")[1]));
      expect(mine).toEqual(Array.from({ length: PER_SENDER }, (_, i) => i));
    }
    // Every ack names a distinct seq, and the HTTP acks agree with what the sockets saw.
    const ackSeqs = [...thirdWs.acks(), ...agentWs.acks()].map((a) => a.seq).concat(httpResults.map((r) => r.body.seq));
    expect(new Set(ackSeqs).size).toBe(total);

    const history = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0&limit=200`, { client: boss });
    expect(history.body.lastSeq).toBe(total);
    // And the D1 projection catches up with each seq exactly once.
    await eventually(async () => expect(await projectedSeqs(database(env.DB), v.conversationId)).toEqual(expected), 20_000);
    for (const ws of sockets) ws.close();
  });
});
