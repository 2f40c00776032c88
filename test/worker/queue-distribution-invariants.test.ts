/**
 * Automatic distribution under random interleavings (issue 14, "Concurrency"): two auto
 * teams sharing agents, agents going away and back online, customers arriving and
 * conversations being resolved, all at random and concurrently. After every step, and at
 * the end: no agent carries more open conversations than their capacity, and no
 * conversation was ever handed by the queue to an agent while another agent had it.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { eventually } from "./assertions";
import { agentWithRole, customerWrites, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { openSocket } from "./socket-harness";
import { autoTeam, openLoads, teamInbox, waitingIn } from "./queue-kit";

const CAPACITY = 2;

const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant("arrive" as const), team: fc.nat(1), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("presence" as const), agent: fc.nat(3), status: fc.constantFrom("online" as const, "away" as const) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("resolve" as const), agent: fc.nat(3) }) },
);

/** Every assignment event of every conversation, in log order. */
async function assignmentLogs(): Promise<Map<string, Array<{ assigneeId: string | null; reason?: string }>>> {
  const { results } = await env.DB.prepare("SELECT conversation_id, event FROM messages WHERE kind = 'event' ORDER BY conversation_id, seq").all<{ conversation_id: string; event: string }>();
  const logs = new Map<string, Array<{ assigneeId: string | null; reason?: string }>>();
  for (const r of results) {
    const e = JSON.parse(r.event) as { type: string; assigneeId: string | null; reason?: string };
    if (e.type !== "assignment") continue;
    logs.set(r.conversation_id, [...(logs.get(r.conversation_id) ?? []), e]);
  }
  return logs;
}

describe("automatic distribution under random presence changes", () => {
  it("never exceeds capacity and never gives one conversation to two agents", async () => {
    const boss = await owner();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 25 }), async (steps) => {
        const agents: Array<Client & { id: string }> = [];
        for (let i = 0; i < 4; i++) agents.push(await agentWithRole("agent"));
        for (const a of agents) expect((await call(`/api/v1/agents/${a.id}`, { method: "PATCH", json: { role: "agent", capacity: CAPACITY }, client: boss })).status).toBe(200);
        // Agents 0–2 in team A, 1–3 in team B: 1 and 2 are in both.
        const teams = [await autoTeam(boss, agents.slice(0, 3).map((a) => a.id), 10), await autoTeam(boss, agents.slice(1).map((a) => a.id), 10)];
        const inboxes = await Promise.all(teams.map((t) => teamInbox(boss, t)));
        const sockets = [];
        for (const [i, a] of agents.entries()) for (const t of teams.filter((_, k) => (k === 0 ? i <= 2 : i >= 1))) sockets.push(await openSocket(`/api/v1/queue/ws?team=${t}`, a));
        const ids = agents.map((a) => a.id);

        for (const s of steps) {
          if (s.type === "arrive") await Promise.all(Array.from({ length: s.count }, (_, k) => customerWrites(inboxes[s.team]!.publicKey, `oi ${k}`)));
          else if (s.type === "presence") expect((await call("/api/v1/me/status", { method: "PUT", json: { status: s.status }, client: agents[s.agent]! })).status).toBe(200);
          else {
            const mine = await env.DB.prepare("SELECT id FROM conversations WHERE assignee_id = ? AND status = 'open' LIMIT 1").bind(agents[s.agent]!.id).first<{ id: string }>();
            if (mine) expect((await call(`/api/v1/conversations/${mine.id}/status`, { method: "POST", json: { status: "resolved" }, client: agents[s.agent]! })).status).toBe(200);
          }
          for (const load of Object.values(await openLoads(ids))) expect(load).toBeLessThanOrEqual(CAPACITY);
        }
        // Everyone online: the queues settle with every agent full or nothing waiting.
        for (const a of agents) await call("/api/v1/me/status", { method: "PUT", json: { status: "online" }, client: a });
        await eventually(async () => {
          const loads = await openLoads(ids);
          const waiting = (await waitingIn(teams[0]!)).length + (await waitingIn(teams[1]!)).length;
          for (const load of Object.values(loads)) expect(load).toBeLessThanOrEqual(CAPACITY);
          // Team A can still take work if agent 0, 1 or 2 has room, team B if 1, 2 or 3 has.
          const roomIn = (members: number[]) => members.some((m) => loads[ids[m]!]! < CAPACITY);
          if ((await waitingIn(teams[0]!)).length > 0) expect(roomIn([0, 1, 2])).toBe(false);
          if ((await waitingIn(teams[1]!)).length > 0) expect(roomIn([1, 2, 3])).toBe(false);
          expect(waiting).toBeGreaterThanOrEqual(0);
        }, 15_000);
        // No conversation was handed over by the queue while someone had it.
        for (const [, log] of await assignmentLogs()) {
          log.forEach((e, i) => {
            if (e.reason === "auto") expect(i === 0 ? null : log[i - 1]!.assigneeId).toBeNull();
          });
        }
        for (const s of sockets) s.close();
      }),
      { numRuns: 2 },
    );
  });
});
