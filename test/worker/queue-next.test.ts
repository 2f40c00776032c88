/**
 * Manual Next and the queue stats (issue 14), per role: the head of the caller's teams'
 * queues by the one order, assigned through the room; never one conversation twice.
 */
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eventually, expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { addMember, newTeam, teamInbox, waitingIn } from "./queue-kit";
import { plan } from "../../worker/conversation/status-machine";
import type { RoomState } from "../../worker/conversation/commands";

async function meId(client: Client): Promise<string> {
  const res = await call("/api/v1/me", { client });
  expect(res.status).toBe(200);
  return res.body.agent.id;
}

/** A team with `client` as member and `n` customers waiting in it (in arrival order). */
async function teamWithWaiting(boss: Client, memberIds: string[], n: number, priority = 50) {
  const teamId = await newTeam(boss);
  for (const id of memberIds) await addMember(boss, teamId, id);
  const inbox = await teamInbox(boss, teamId, priority);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await customerWrites(inbox.publicKey, `cliente ${i}`)).conversationId);
  await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual(ids));
  return { teamId, ids };
}

async function assigneeOf(conversationId: string): Promise<string | null> {
  return (await env.DB.prepare("SELECT assignee_id FROM conversations WHERE id = ?").bind(conversationId).first<{ assignee_id: string | null }>())!.assignee_id;
}

describe("POST /api/v1/queue/next", () => {
  for (const role of ["owner", "admin", "agent"] as const) {
    it(`a member with role ${role} takes the oldest waiting conversation, then finds the queue empty`, async () => {
      const boss = await owner();
      const caller = role === "owner" ? boss : await agentWithRole(role);
      const callerId = await meId(caller);
      const { teamId, ids } = await teamWithWaiting(boss, [callerId], 2);
      const first = await call("/api/v1/queue/next", { method: "POST", client: caller });
      expect(first.status).toBe(200);
      expect(first.body.conversation).toMatchObject({ id: ids[0], assigneeId: callerId, status: "open" });
      const second = await call("/api/v1/queue/next", { method: "POST", client: caller });
      expect(second.body.conversation).toMatchObject({ id: ids[1], assigneeId: callerId });
      expectApiError(await call("/api/v1/queue/next", { method: "POST", client: caller }), 404, "queue_empty");
      await eventually(async () => {
        expect(await waitingIn(teamId)).toEqual([]);
        expect(await assigneeOf(ids[0]!)).toBe(callerId);
      });
    });
  }

  it("takes from the caller's teams only, and across them by the order (higher inbox priority first)", async () => {
    const boss = await owner();
    const agent = await agentWithRole("agent");
    const low = await teamWithWaiting(boss, [agent.id], 1, 10);
    const high = await teamWithWaiting(boss, [agent.id], 1, 90);
    const elsewhere = await teamWithWaiting(boss, [], 1, 100);
    const got = [];
    for (let i = 0; i < 2; i++) got.push((await call("/api/v1/queue/next", { method: "POST", client: agent })).body.conversation.id);
    expect(got).toEqual([high.ids[0], low.ids[0]]);
    expectApiError(await call("/api/v1/queue/next", { method: "POST", client: agent }), 404, "queue_empty");
    expect((await waitingIn(elsewhere.teamId)).map((r) => r.id)).toEqual(elsewhere.ids);
  });

  it("20 agents pressing Next together on 10 waiting conversations: 10 distinct assignments, no conversation twice", async () => {
    const boss = await owner();
    const agents = await Promise.all(Array.from({ length: 20 }, () => agentWithRole("agent")));
    const { ids } = await teamWithWaiting(boss, agents.map((a) => a.id), 10);
    const answers = await Promise.all(agents.map((a) => call("/api/v1/queue/next", { method: "POST", client: a })));
    const won = answers.map((r, i) => ({ status: r.status, id: r.status === 200 ? (r.body.conversation.id as string) : null, agent: agents[i]!.id }));
    expect(won.filter((w) => w.status === 200)).toHaveLength(10);
    expect(won.filter((w) => w.status === 404)).toHaveLength(10);
    const taken = won.filter((w) => w.id !== null);
    expect(new Set(taken.map((w) => w.id)).size).toBe(10);
    expect([...taken.map((w) => w.id)].sort()).toEqual([...ids].sort());
    await eventually(async () => {
      for (const w of taken) expect(await assigneeOf(w.id!)).toBe(w.agent);
    });
  });
});

describe("GET /api/v1/queue/stats", () => {
  for (const role of ["owner", "admin", "agent"] as const) {
    it(`a member with role ${role} sees each of their teams' count, oldest wait and priority flag`, async () => {
      const boss = await owner();
      const caller = role === "owner" ? boss : await agentWithRole(role);
      const callerId = await meId(caller);
      const before = Date.now();
      const busy = await teamWithWaiting(boss, [callerId], 2);
      const quiet = await teamWithWaiting(boss, [callerId], 0);
      const res = await call("/api/v1/queue/stats", { client: caller });
      expect(res.status).toBe(200);
      const byTeam = new Map((res.body.teams as { teamId: string }[]).map((t) => [t.teamId, t]));
      expect(byTeam.get(busy.teamId)).toEqual({ teamId: busy.teamId, waiting: 2, oldestWaitMs: expect.any(Number), priorityWaiting: true });
      expect((byTeam.get(busy.teamId) as unknown as { oldestWaitMs: number }).oldestWaitMs).toBeLessThanOrEqual(Date.now() - before + 1000);
      expect(byTeam.get(quiet.teamId)).toEqual({ teamId: quiet.teamId, waiting: 0, oldestWaitMs: null, priorityWaiting: false });
    });
  }

  it("an agent sees exactly their own teams, not others'; signed out gets 401", async () => {
    const boss = await owner();
    const agent = await agentWithRole("agent");
    const other = await teamWithWaiting(boss, [], 1);
    const mine = (await call("/api/v1/me", { client: agent })).body.teamIds as string[];
    const res = await call("/api/v1/queue/stats", { client: agent });
    expect(res.status).toBe(200);
    const seen = (res.body.teams as { teamId: string }[]).map((t) => t.teamId);
    expect(seen.sort()).toEqual([...mine].sort());
    expect(seen).not.toContain(other.teamId);
    expectApiError(await call("/api/v1/queue/stats"), 401, "unauthenticated");
  });
});

describe("Next's assignment through the room", () => {
  const waiting: RoomState = {
    id: "c", inboxId: "i", channel: "webchat", contactId: "k", teamId: "t", assigneeId: null, status: "open", priority: 50,
    lastSeq: 3, lastMessagePreview: null, createdAt: 1, lastActivityAt: 2, firstResponseAt: null, resolvedAt: null, snoozedUntil: null, callbackAt: null,
  };
  const next = { type: "assign", actor: { type: "agent", id: "a2", name: "A2" }, assigneeId: "a2", assigneeName: "A2", onlyIfWaiting: true } as const;

  it("assigns a conversation that still waits", () => {
    expect(plan(waiting, next, 10)).toMatchObject([{ type: "assignment", assigneeId: "a2", teamId: "t" }]);
  });

  it("never overwrites an assignment made meanwhile, nor reopens a closed conversation", () => {
    expect(plan({ ...waiting, assigneeId: "a1" }, next, 10)).toEqual([]);
    expect(plan({ ...waiting, status: "resolved" }, next, 10)).toEqual([]);
  });
});
