/**
 * Automatic distribution, the "roleta" (issue 14): the head of an auto team's queue goes
 * to the least loaded online member with free capacity (ties: longest since their last
 * assignment), logged with reason "auto"; away agents get nothing new; capacity is
 * never exceeded by the queue; freeing capacity or coming online hands out what waits.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { agentWithRole, customerWrites, owner } from "./fixtures";
import { call } from "./http-client";
import { openSocket } from "./socket-harness";
import { addMember, assigneesOf, assignmentReasons, autoTeam, newTeam, openLoads, teamInbox, waitingIn } from "./queue-kit";

describe("automatic distribution", () => {
  it("gives an arriving conversation to the online member, logged as automatic", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    const teamId = await autoTeam(boss, [ana.id], 3);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const inbox = await teamInbox(boss, teamId);
    const c = await customerWrites(inbox.publicKey, "oi, preciso de ajuda");
    await eventually(async () => expect(await assigneesOf([c.conversationId])).toEqual([ana.id]));
    expect(await assignmentReasons(c.conversationId)).toEqual(["auto"]);
    expect(await waitingIn(teamId)).toEqual([]);
    socket.close();
  });

  it("spreads by load, never past capacity, and the rest wait in order", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    const bia = await agentWithRole("agent");
    const teamId = await autoTeam(boss, [ana.id, bia.id], 2);
    const sockets = [await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana), await openSocket(`/api/v1/queue/ws?team=${teamId}`, bia)];
    const inbox = await teamInbox(boss, teamId);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await customerWrites(inbox.publicKey, `cliente ${i}`)).conversationId);
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual(ids.slice(4)));
    expect(await openLoads([ana.id, bia.id])).toEqual({ [ana.id]: 2, [bia.id]: 2 });
    // The first four went out, alternating as loads stayed level.
    const first = await assigneesOf(ids.slice(0, 4));
    expect(new Set(first.slice(0, 2))).toEqual(new Set([ana.id, bia.id]));

    // Ana resolves one: her freed unit takes the head of the line at once.
    const done = ids[first.indexOf(ana.id)]!;
    expect((await call(`/api/v1/conversations/${done}/status`, { method: "POST", json: { status: "resolved" }, client: ana })).status).toBe(200);
    await eventually(async () => expect(await assigneesOf([ids[4]!])).toEqual([ana.id]));
    expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([ids[5]]);
    for (const s of sockets) s.close();
  });

  it("an away agent keeps what they have and gets nothing new; coming back online hands out what waits", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    const teamId = await autoTeam(boss, [ana.id], 5);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const inbox = await teamInbox(boss, teamId);
    const kept = await customerWrites(inbox.publicKey, "primeiro");
    await eventually(async () => expect(await assigneesOf([kept.conversationId])).toEqual([ana.id]));
    expect((await call("/api/v1/me/status", { method: "PUT", json: { status: "away" }, client: ana })).status).toBe(200);
    const waits = await customerWrites(inbox.publicKey, "segundo");
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([waits.conversationId]));
    await new Promise((r) => setTimeout(r, 300));
    expect(await assigneesOf([kept.conversationId, waits.conversationId])).toEqual([ana.id, null]);
    expect((await call("/api/v1/me/status", { method: "PUT", json: { status: "online" }, client: ana })).status).toBe(200);
    await eventually(async () => expect(await assigneesOf([waits.conversationId])).toEqual([ana.id]));
    socket.close();
  });

  it("a team switched to auto hands out what already waits; a manual team never does", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    const teamId = await newTeam(boss);
    await addMember(boss, teamId, ana.id);
    const socket = await openSocket(`/api/v1/queue/ws?team=${teamId}`, ana);
    const inbox = await teamInbox(boss, teamId);
    const c = await customerWrites(inbox.publicKey, "oi");
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([c.conversationId]));
    await new Promise((r) => setTimeout(r, 300));
    expect(await assigneesOf([c.conversationId])).toEqual([null]);
    expect((await call(`/api/v1/teams/${teamId}`, { method: "PATCH", json: { distributionMode: "auto" }, client: boss })).status).toBe(200);
    await eventually(async () => expect(await assigneesOf([c.conversationId])).toEqual([ana.id]));
    socket.close();
  });

  it("an agent in two auto teams is never given more than their capacity by both together", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    const capacity = 3;
    expect((await call(`/api/v1/agents/${ana.id}`, { method: "PATCH", json: { role: "agent", capacity }, client: boss })).status).toBe(200);
    const teams = [await autoTeam(boss, [ana.id], 10), await autoTeam(boss, [ana.id], 10)];
    const sockets = await Promise.all(teams.map((t) => openSocket(`/api/v1/queue/ws?team=${t}`, ana)));
    const inboxes = await Promise.all(teams.map((t) => teamInbox(boss, t)));
    const writes = [];
    for (let i = 0; i < 4; i++) for (const inbox of inboxes) writes.push(customerWrites(inbox.publicKey, `oi ${i}`));
    await Promise.all(writes);
    await eventually(async () => expect((await waitingIn(teams[0]!)).length + (await waitingIn(teams[1]!)).length).toBe(8 - capacity));
    await new Promise((r) => setTimeout(r, 500));
    expect((await openLoads([ana.id]))[ana.id]).toBe(capacity);
    for (const s of sockets) s.close();
  });
});

describe("a manual assignment over capacity", () => {
  it("is allowed, and the answer says so", async () => {
    const boss = await owner();
    const ana = await agentWithRole("agent");
    expect((await call(`/api/v1/agents/${ana.id}`, { method: "PATCH", json: { role: "agent", capacity: 1 }, client: boss })).status).toBe(200);
    const teamId = await newTeam(boss);
    const inbox = await teamInbox(boss, teamId);
    const [one, two] = [await customerWrites(inbox.publicKey, "um"), await customerWrites(inbox.publicKey, "dois")];
    const first = await call(`/api/v1/conversations/${one.conversationId}/assign`, { method: "POST", json: { assigneeId: ana.id }, client: boss });
    expect(first.status).toBe(200);
    expect(first.body.overCapacity).toBeNull();
    const second = await call(`/api/v1/conversations/${two.conversationId}/assign`, { method: "POST", json: { assigneeId: ana.id }, client: boss });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ conversation: { assigneeId: ana.id }, overCapacity: { load: 2, capacity: 1 } });
  });
});
