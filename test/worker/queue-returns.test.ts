/**
 * Conversations going back to the queue (issue 14): the agent's sockets all close → after
 * the grace their unanswered conversations are back at their original place (a reload
 * inside the grace changes nothing); the team's no-answer delay; a reopened conversation
 * goes back to its agent only if they can take it; deactivation cuts the agent's live
 * list at once. Alarms are run with runDurableObjectAlarm (each run is "the time the
 * alarm was set for").
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { agentWithRole, customerWrites, owner } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { openSocket } from "./socket-harness";
import { addMember, assigneesOf, assignmentReasons, newTeam, teamInbox, waitingIn } from "./queue-kit";

const queueOf = (teamId: string) => env.TEAM_QUEUE.getByName(teamId);

/** A manual team with `ana` online in it and `n` customers who wrote, in order. */
async function teamWithWaiting(n: number) {
  const boss = await owner();
  const ana = await agentWithRole("agent");
  const teamId = await newTeam(boss);
  await addMember(boss, teamId, ana.id);
  const inbox = await teamInbox(boss, teamId);
  const writes = [];
  for (let i = 0; i < n; i++) writes.push(await customerWrites(inbox.publicKey, `cliente ${i}`));
  const ids = writes.map((w) => w.conversationId);
  await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual(ids));
  const original = await waitingIn(teamId);
  return { boss, ana, teamId, inbox, writes, ids, original };
}

async function takeNext(client: Client): Promise<string> {
  const res = await call("/api/v1/queue/next", { method: "POST", client });
  expect(res.status).toBe(200);
  return res.body.conversation.id;
}

describe("the agent leaves", () => {
  it("after the grace, unanswered conversations go back at their original place; an answered one stays", async () => {
    const { ana, teamId, ids, original } = await teamWithWaiting(3);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const [first, second] = [await takeNext(ana), await takeNext(ana)];
    expect([first, second]).toEqual(ids.slice(0, 2));
    const reply = await call(`/api/v1/conversations/${second}/messages`, { method: "POST", json: { body: "Olá! Já vejo isso." }, client: ana });
    expect(reply.status).toBe(201);
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([ids[2]]));

    socket.close();
    // Nothing moves during the grace…
    await new Promise((r) => setTimeout(r, 200));
    expect(await assigneesOf([first, second])).toEqual([ana.id, ana.id]);
    // …and once it is over, the unanswered one is back where it was, ahead of the third.
    await eventually(async () => {
      await runDurableObjectAlarm(queueOf(teamId));
      expect(await waitingIn(teamId)).toEqual([original[0], original[2]]);
    });
    expect(await assigneesOf([first, second])).toEqual([null, ana.id]);
    expect(await assignmentReasons(first)).toEqual(["next", "offline"]);
  });

  it("a reload inside the grace changes nothing", async () => {
    const { ana, teamId } = await teamWithWaiting(1);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const taken = await takeNext(ana);
    socket.close();
    const again = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    await runDurableObjectAlarm(queueOf(teamId));
    await new Promise((r) => setTimeout(r, 200));
    expect(await assigneesOf([taken])).toEqual([ana.id]);
    expect(await assignmentReasons(taken)).toEqual(["next"]);
    again.close();
  });
});

describe("the team's no-answer delay", () => {
  it("an assignment not answered in time goes back to its place; an answer stops the clock", async () => {
    const { boss, ana, teamId, ids, original } = await teamWithWaiting(2);
    expect((await call(`/api/v1/teams/${teamId}`, { method: "PATCH", json: { unansweredTimeoutSeconds: 60 }, client: boss })).status).toBe(200);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const [late, prompt] = [await takeNext(ana), await takeNext(ana)];
    expect((await call(`/api/v1/conversations/${prompt}/messages`, { method: "POST", json: { body: "Oi!" }, client: ana })).status).toBe(201);
    await eventually(async () => {
      await runDurableObjectAlarm(queueOf(teamId));
      expect(await waitingIn(teamId)).toEqual([original[0]]);
    });
    expect(late).toBe(ids[0]);
    expect(await assigneesOf([late, prompt])).toEqual([null, ana.id]);
    expect(await assignmentReasons(late)).toEqual(["next", "timeout"]);
    socket.close();
  });
});

describe("a reopened conversation", () => {
  async function resolvedWithAna(away: boolean) {
    const { ana, teamId, ids, writes } = await teamWithWaiting(1);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const id = await takeNext(ana);
    expect((await call(`/api/v1/conversations/${id}/messages`, { method: "POST", json: { body: "Resolvido!" }, client: ana })).status).toBe(201);
    expect((await call(`/api/v1/conversations/${id}/status`, { method: "POST", json: { status: "resolved" }, client: ana })).status).toBe(200);
    if (away) expect((await call("/api/v1/me/status", { method: "PUT", json: { status: "away" }, client: ana })).status).toBe(200);
    const again = await call("/api/v1/widget/messages", { method: "POST", json: { body: "voltei", clientId: crypto.randomUUID() }, headers: bearer(writes[0]!.token) });
    expect(again.status).toBe(201);
    expect(id).toBe(ids[0]);
    return { ana, teamId, id, socket };
  }

  it("stays with its agent when they are online with room for it", async () => {
    const { ana, teamId, id, socket } = await resolvedWithAna(false);
    await eventually(async () => expect((await call(`/api/v1/conversations/${id}`, { client: ana })).body.conversation.status).toBe("open"));
    await new Promise((r) => setTimeout(r, 300));
    expect(await assigneesOf([id])).toEqual([ana.id]);
    expect(await waitingIn(teamId)).toEqual([]);
    socket.close();
  });

  it("goes back to the queue when its agent is away", async () => {
    const { teamId, id, socket } = await resolvedWithAna(true);
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([id]));
    expect(await assigneesOf([id])).toEqual([null]);
    expect(await assignmentReasons(id)).toEqual(["next", "reopened"]);
    socket.close();
  });
});

describe("deactivation", () => {
  it("closes the agent's live list at once and puts their conversations back at their place", async () => {
    const { boss, ana, teamId, ids, original } = await teamWithWaiting(2);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const taken = await takeNext(ana);
    expect(taken).toBe(ids[0]);
    // Deactivation finds the agent's conversations in D1, which trails the room.
    await eventually(async () => expect(await assigneesOf([taken])).toEqual([ana.id]));
    const res = await call(`/api/v1/agents/${ana.id}/deactivate`, { method: "POST", client: boss });
    expect(res.status).toBe(200);
    expect(res.body.unassigned).toEqual([taken]);
    await eventually(async () => expect(socket.closeCode).toBe(4003));
    expect((await call("/api/v1/me", { client: ana })).status).toBe(401);
    await eventually(async () => expect(await waitingIn(teamId)).toEqual(original));
    expect(await assignmentReasons(taken)).toEqual(["next", "deactivated"]);
  });
});
