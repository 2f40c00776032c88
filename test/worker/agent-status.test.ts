/**
 * Agent status (issue 14): the availability an agent sets, the effective status the team
 * sees (offline only after the grace, driven by the TeamQueue's alarm), the live frames,
 * and `availableAgents()` for distribution.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { agentWithRole, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { eventually, expectApiError } from "./assertions";
import { openSocket, type TestSocket } from "./socket-harness";
import type { QueueFrame } from "../../worker/protocol";

async function defaultTeamId(client: Client): Promise<string> {
  const res = await call("/api/v1/teams", { client });
  return res.body.teams[0].id;
}

const queueOf = (teamId: string) => env.TEAM_QUEUE.getByName(teamId);

async function statusOf(client: Client, agentId: string): Promise<string | undefined> {
  const res = await call("/api/v1/agents/status", { client });
  expect(res.status).toBe(200);
  return res.body.agents.find((a: { id: string }) => a.id === agentId)?.status;
}

/** Whether the queue has started the agent's grace (its socket close was handled). */
async function graceRunning(teamId: string, agentId: string): Promise<boolean> {
  return runInDurableObject(queueOf(teamId), (_q, state) => {
    const row = state.storage.sql.exec<{ offline_after: number | null }>("SELECT offline_after FROM presence WHERE agent_id = ?", agentId).toArray()[0];
    return row?.offline_after != null;
  });
}

const statusFrames = (s: TestSocket, agentId: string) =>
  (s.frames as unknown as QueueFrame[]).flatMap((f) => (f.type === "agentStatus" && f.agentId === agentId ? [f.status] : []));

/** Runs the queue's alarm (each run is the time of the earliest grace ending) until the
 * agent is offline; returns how many runs it took, 0 when there was no alarm to run. */
async function alarmsUntilOffline(client: Client & { id: string }, teamId: string): Promise<number> {
  for (let runs = 1; runs <= 10; runs++) {
    if (!(await runDurableObjectAlarm(queueOf(teamId)))) return 0;
    if ((await statusOf(client, client.id)) === "offline") return runs;
  }
  return 0;
}

async function storedAvailability(agentId: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT availability FROM agents WHERE id = ?").bind(agentId).first<{ availability: string }>())?.availability;
}

describe("PUT /api/v1/me/status", () => {
  for (const role of ["owner", "admin", "agent"] as const) {
    it(`lets an ${role} set away and back to online, stored in D1 and seen by the team`, async () => {
      const client = role === "owner" ? await owner() : await agentWithRole(role);
      const me = (await call("/api/v1/me", { client })).body.agent.id as string;
      const socket = await openSocket("/api/v1/queue/ws", client);
      await eventually(async () => expect(await statusOf(client, me)).toBe("online"));

      const away = await call("/api/v1/me/status", { method: "PUT", json: { status: "away" }, client });
      expect(away.status).toBe(200);
      expect(away.body).toEqual({ status: "away" });
      expect(await storedAvailability(me)).toBe("away");
      expect((await call("/api/v1/me/status", { client })).body).toEqual({ status: "away" });
      expect(await statusOf(client, me)).toBe("away");
      await socket.until(() => statusFrames(socket, me).includes("away"));

      const back = await call("/api/v1/me/status", { method: "PUT", json: { status: "online" }, client });
      expect(back.body).toEqual({ status: "online" });
      expect(await storedAvailability(me)).toBe("online");
      expect(await statusOf(client, me)).toBe("online");
      await socket.until(() => statusFrames(socket, me).at(-1) === "online");
      socket.close();
    });
  }

  it("refuses offline: only the sockets make an agent offline", async () => {
    const client = await agentWithRole("agent");
    expectApiError(await call("/api/v1/me/status", { method: "PUT", json: { status: "offline" }, client }), 400, "validation_failed");
  });

  it("keeps away across a reconnect: the queue reads D1 when the console connects", async () => {
    const client = await agentWithRole("agent");
    const teamId = await defaultTeamId(client);
    await call("/api/v1/me/status", { method: "PUT", json: { status: "away" }, client });
    const socket = await openSocket("/api/v1/queue/ws", client);
    expect(await statusOf(client, client.id)).toBe("away");
    expect(await queueOf(teamId).availableAgents()).not.toContain(client.id);
    socket.close();
  });
});

describe("GET /api/v1/agents/status", () => {
  it("lists every active member of the caller's team, offline when never connected", async () => {
    const boss = await owner();
    const idle = await agentWithRole("agent");
    const res = await call("/api/v1/agents/status", { client: boss });
    expect(res.status).toBe(200);
    expect(res.body.teamId).toBe(await defaultTeamId(boss));
    expect(res.body.agents).toContainEqual({ id: idle.id, name: expect.any(String), status: "offline" });
  });

  it("refuses a team the agent is not in, but lets an admin look", async () => {
    const boss = await owner();
    const other = await call("/api/v1/teams", { method: "POST", json: { name: `Status ${crypto.randomUUID().slice(0, 6)}` }, client: boss });
    expect(other.status).toBe(201);
    const agent = await agentWithRole("agent");
    expectApiError(await call(`/api/v1/agents/status?team=${other.body.id}`, { client: agent }), 403, "forbidden");
    const admin = await agentWithRole("admin");
    const seen = await call(`/api/v1/agents/status?team=${other.body.id}`, { client: admin });
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ teamId: other.body.id, agents: [] });
  });
});

describe("presence from console sockets", () => {
  it("a socket closing and reconnecting within the grace stays online, and the alarm changes nothing", async () => {
    const client = await agentWithRole("agent");
    const teamId = await defaultTeamId(client);
    const watcher = await openSocket("/api/v1/queue/ws", await owner());
    const first = await openSocket("/api/v1/queue/ws", client);
    await eventually(async () => expect(await statusOf(client, client.id)).toBe("online"));
    first.close();
    await eventually(async () => expect(await graceRunning(teamId, client.id)).toBe(true));
    expect(await statusOf(client, client.id)).toBe("online");

    const second = await openSocket("/api/v1/queue/ws", client);
    await eventually(async () => expect(await graceRunning(teamId, client.id)).toBe(false));
    await runDurableObjectAlarm(queueOf(teamId));
    expect(await statusOf(client, client.id)).toBe("online");
    expect(await queueOf(teamId).availableAgents()).toContain(client.id);
    expect(statusFrames(watcher, client.id)).not.toContain("offline");
    second.close();
    watcher.close();
  });

  it("a second tab keeps the agent present when the first closes", async () => {
    const client = await agentWithRole("agent");
    const teamId = await defaultTeamId(client);
    const tabA = await openSocket("/api/v1/queue/ws", client);
    const tabB = await openSocket("/api/v1/queue/ws", client);
    await eventually(async () => expect(await statusOf(client, client.id)).toBe("online"));
    tabA.close();
    await tabB.until(() => (tabB.frames as unknown as QueueFrame[]).some((f) => f.type === "presence" && f.agentIds.includes(client.id)));
    await runDurableObjectAlarm(queueOf(teamId));
    expect(await graceRunning(teamId, client.id)).toBe(false);
    expect(await statusOf(client, client.id)).toBe("online");
    tabB.close();
  });

  it("gone past the grace: the alarm publishes offline, and availableAgents leaves them out", async () => {
    const client = await agentWithRole("agent");
    const teamId = await defaultTeamId(client);
    const watcher = await openSocket("/api/v1/queue/ws", await owner());
    const socket = await openSocket("/api/v1/queue/ws", client);
    await eventually(async () => expect(await queueOf(teamId).availableAgents()).toContain(client.id));
    socket.close();
    await eventually(async () => expect(await graceRunning(teamId, client.id)).toBe(true));
    // Inside the grace the agent is still available (a reload is not leaving).
    expect(await queueOf(teamId).availableAgents()).toContain(client.id);

    // Earlier tests' agents may have graces ending first: each alarm ends the earliest.
    expect(await alarmsUntilOffline(client, teamId)).toBeGreaterThan(0);
    expect(await statusOf(client, client.id)).toBe("offline");
    expect(await queueOf(teamId).availableAgents()).not.toContain(client.id);
    await watcher.until(() => statusFrames(watcher, client.id).includes("offline"));
    // Online when the console first connected, then nothing during the grace, then offline.
    expect(statusFrames(watcher, client.id)).toEqual(["online", "offline"]);

    // Coming back publishes online again.
    const again = await openSocket("/api/v1/queue/ws", client);
    await watcher.until(() => statusFrames(watcher, client.id).at(-1) === "online");
    expect(await statusOf(client, client.id)).toBe("online");
    again.close();
    watcher.close();
  });
});

describe("availableAgents()", () => {
  it("holds online agents and leaves away ones out (they keep their conversations)", async () => {
    const online = await agentWithRole("agent");
    const away = await agentWithRole("agent");
    const teamId = await defaultTeamId(online);
    const a = await openSocket("/api/v1/queue/ws", online);
    const b = await openSocket("/api/v1/queue/ws", away);
    await eventually(async () => expect(await queueOf(teamId).availableAgents()).toEqual(expect.arrayContaining([online.id, away.id])));
    await call("/api/v1/me/status", { method: "PUT", json: { status: "away" }, client: away });
    const available = await queueOf(teamId).availableAgents();
    expect(available).toContain(online.id);
    expect(available).not.toContain(away.id);
    await call("/api/v1/me/status", { method: "PUT", json: { status: "online" }, client: away });
    expect(await queueOf(teamId).availableAgents()).toContain(away.id);
    a.close();
    b.close();
  });
});
