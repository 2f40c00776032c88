/**
 * Agent administration: the admins' list, role and capacity changes (only an owner makes
 * or unmakes an owner; the last active owner stays), deactivation (sessions revoked at
 * once, no sign-in, open conversations unassigned through the room) and reactivation.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, expectApiError } from "./assertions";
import { AGENT_PASSWORD, agentWithRole, customerWrites, login, owner, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";
import type { ManagedAgent } from "../../worker/protocol";

let boss: Client;
let ownerId: string;
let publicKey: string;
beforeAll(async () => {
  boss = await owner();
  ownerId = (await call("/api/v1/me", { client: boss })).body.agent.id;
  publicKey = (await webchatInbox(boss)).publicKey;
});

const patch = (id: string, json: unknown, client: Client = boss) => call(`/api/v1/agents/${id}`, { method: "PATCH", json, client });
const deactivate = (id: string, client: Client = boss) => call(`/api/v1/agents/${id}/deactivate`, { method: "POST", client });
const reactivate = (id: string, client: Client = boss) => call(`/api/v1/agents/${id}/reactivate`, { method: "POST", client });

async function managed(id: string): Promise<ManagedAgent | undefined> {
  const list = await call("/api/v1/agents/all", { client: boss });
  return (list.body.agents as ManagedAgent[]).find((a) => a.id === id);
}

describe("the admins' agent list", () => {
  it("shows role, capacity and status, deactivated agents included; agents get 403", async () => {
    const agent = await agentWithRole("agent");
    expect(await managed(agent.id)).toEqual({ id: agent.id, name: expect.any(String), email: agent.email, role: "agent", capacity: null, status: "active" });
    expectApiError(await call("/api/v1/agents/all", { client: agent }), 403, "forbidden");
    expect((await deactivate(agent.id)).status).toBe(200);
    expect((await managed(agent.id))?.status).toBe("deactivated");
  });
});

describe("changing a role", () => {
  it("lets an admin make an agent an admin and set their capacity, then clear it", async () => {
    const admin = await agentWithRole("admin");
    const agent = await agentWithRole("agent");
    const res = await patch(agent.id, { role: "admin", capacity: 4 }, admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: agent.id, role: "admin", capacity: 4, status: "active" });
    expect((await patch(agent.id, { role: "admin", capacity: null }, admin)).body.capacity).toBeNull();
    // Leaving capacity out keeps it.
    await patch(agent.id, { role: "admin", capacity: 3 }, admin);
    expect((await patch(agent.id, { role: "agent" }, admin)).body).toMatchObject({ role: "agent", capacity: 3 });
  });

  it("refuses an agent (403) and an unknown id (404), changing nothing", async () => {
    const agent = await agentWithRole("agent");
    const other = await agentWithRole("agent");
    expectApiError(await patch(other.id, { role: "admin" }, agent), 403, "forbidden");
    expectApiError(await patch("no-such-agent", { role: "admin" }), 404, "agent_not_found");
    expect((await managed(other.id))?.role).toBe("agent");
  });

  it("lets only an owner make or unmake an owner", async () => {
    const admin = await agentWithRole("admin");
    const agent = await agentWithRole("agent");
    expectApiError(await patch(agent.id, { role: "owner" }, admin), 403, "forbidden");
    expect((await patch(agent.id, { role: "owner" })).body.role).toBe("owner");
    expectApiError(await patch(agent.id, { role: "agent" }, admin), 403, "forbidden");
    expectApiError(await deactivate(agent.id, admin), 403, "forbidden");
    expect((await patch(agent.id, { role: "agent" })).body.role).toBe("agent");
  });

  it("never demotes the last active owner (409 last_owner); with a second owner it may", async () => {
    expectApiError(await patch(ownerId, { role: "admin" }), 409, "last_owner");
    expect((await managed(ownerId))?.role).toBe("owner");
    const second = await agentWithRole("admin");
    await patch(second.id, { role: "owner" });
    // A deactivated owner does not count.
    await deactivate(second.id);
    expectApiError(await patch(ownerId, { role: "admin" }), 409, "last_owner");
    await reactivate(second.id);
    expect((await patch(ownerId, { role: "admin" })).body.role).toBe("admin");
    // The second owner restores the first, and steps down again.
    const secondClient: Client = {};
    await login({ email: second.email, password: AGENT_PASSWORD }, secondClient);
    expect((await patch(ownerId, { role: "owner" }, secondClient)).body.role).toBe("owner");
    expect((await patch(second.id, { role: "agent" })).body.role).toBe("agent");
  });

  it("lets two owners demote each other at once only one way: one owner always stays", async () => {
    const second = await agentWithRole("admin");
    await patch(second.id, { role: "owner" });
    const secondClient: Client = {};
    await login({ email: second.email, password: AGENT_PASSWORD }, secondClient);
    const [a, b] = await Promise.all([patch(second.id, { role: "admin" }), patch(ownerId, { role: "admin" }, secondClient)]);
    // The loser is refused either by the last-owner rule (409) or, if the winner demoted
    // its caller first, by its now too low role (403).
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    expect([a.status, b.status].filter((s) => s === 409 || s === 403)).toHaveLength(1);
    const owners = ((await call("/api/v1/agents/all", { client: a.status === 200 ? boss : secondClient })).body.agents as Array<{ role: string; status: string }>).filter(
      (x) => x.role === "owner" && x.status === "active",
    );
    expect(owners).toHaveLength(1);
    // Back to one owner: the file's owner.
    if (b.status === 200) await patch(ownerId, { role: "owner" }, secondClient);
    await patch(second.id, { role: "agent" }, boss);
    expect((await managed(ownerId))?.role).toBe("owner");
  });
});

describe("deactivating", () => {
  it("revokes the agent's sessions at once, refuses their sign-in, and hides them from the assignable list", async () => {
    const agent = await agentWithRole("agent");
    expect((await call("/api/v1/me", { client: agent })).status).toBe(200);
    const res = await deactivate(agent.id);
    expect(res.status).toBe(200);
    expect(res.body.agent.status).toBe("deactivated");
    expectApiError(await call("/api/v1/me", { client: agent }), 401, "unauthenticated");
    expectApiError(await login({ email: agent.email, password: AGENT_PASSWORD }), 401, "invalid_credentials");
    const active = (await call("/api/v1/agents", { client: boss })).body.agents as Array<{ id: string }>;
    expect(active.map((a) => a.id)).not.toContain(agent.id);
  });

  it("unassigns their open conversations through the room, which logs it", async () => {
    const agent = await agentWithRole("agent");
    const mine = await customerWrites(publicKey, "Help with my order");
    const assigned = await call(`/api/v1/conversations/${mine.conversationId}/assign`, { method: "POST", json: { assigneeId: agent.id }, client: boss });
    expect(assigned.body.conversation.assigneeId).toBe(agent.id);
    // Deactivation finds the conversations through D1's projection, which trails the room.
    await eventually(async () => expect(await env.DB.prepare("SELECT assignee_id FROM conversations WHERE id = ?").bind(mine.conversationId).first("assignee_id")).toBe(agent.id));
    const res = await deactivate(agent.id);
    expect(res.body.unassigned).toEqual([mine.conversationId]);
    const detail = await call(`/api/v1/conversations/${mine.conversationId}`, { client: boss });
    expect(detail.body.conversation.assigneeId).toBeNull();
    const history = await call(`/api/v1/conversations/${mine.conversationId}/messages`, { client: boss });
    const assigns = (history.body.events as Array<{ type: string; assigneeId?: string | null }>).filter((e) => e.type === "assignment");
    expect(assigns.map((e) => e.assigneeId)).toEqual([agent.id, null]);
  });

  it("refuses an agent (403) and the last owner (409 last_owner), even by themself", async () => {
    const agent = await agentWithRole("agent");
    const other = await agentWithRole("agent");
    expectApiError(await deactivate(other.id, agent), 403, "forbidden");
    expectApiError(await deactivate(ownerId), 409, "last_owner");
    expect((await call("/api/v1/me", { client: boss })).status).toBe(200);
  });
});

describe("reactivating", () => {
  it("lets the agent sign in again with their own password; old sessions stay revoked", async () => {
    const agent = await agentWithRole("agent");
    await deactivate(agent.id);
    const res = await reactivate(agent.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("active");
    expectApiError(await call("/api/v1/me", { client: agent }), 401, "unauthenticated");
    expect((await login({ email: agent.email, password: AGENT_PASSWORD })).status).toBe(200);
  });

  it("refuses an agent (403)", async () => {
    const agent = await agentWithRole("agent");
    const other = await agentWithRole("agent");
    await deactivate(other.id);
    expectApiError(await reactivate(other.id, agent), 403, "forbidden");
    expect((await managed(other.id))?.status).toBe("deactivated");
  });
});
