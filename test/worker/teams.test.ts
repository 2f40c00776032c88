/**
 * Team administration: creating a team with its settings, changing them, the overflow
 * rules, members in and out, per role (owner, admin, agent).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { agentWithRole, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { unique } from "./route-table";

const HOURS = { timezone: "America/Sao_Paulo", days: [[], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 720], [780, 1080]], []] };

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

async function newTeam(client: Client, extra: Record<string, unknown> = {}) {
  const res = await call("/api/v1/teams", { method: "POST", json: { name: `Team ${unique()}`, ...extra }, client });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; overflowTeamId: string | null; memberIds: string[] };
}

describe("creating a team", () => {
  it("an admin creates one with defaults; everyone lists it; the owner reads its settings", async () => {
    const admin = await agentWithRole("admin");
    const name = `Vendas ${unique()}`;
    const res = await call("/api/v1/teams", { method: "POST", json: { name }, client: admin });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name, distributionMode: "manual", defaultCapacity: 5, businessHours: null, awayMessage: "", overflowTeamId: null, unansweredTimeoutSeconds: null, memberIds: [] });
    const agent = await agentWithRole("agent");
    expect((await call("/api/v1/teams", { client: agent })).body.teams).toContainEqual({ id: res.body.id, name });
    expect(await call(`/api/v1/teams/${res.body.id}`, { client: boss })).toMatchObject({ status: 200, body: res.body });
  });

  it("stores every setting given", async () => {
    const other = await newTeam(boss);
    const settings = { distributionMode: "auto", defaultCapacity: 100, businessHours: HOURS, awayMessage: "Voltamos às 9h.", overflowTeamId: other.id, unansweredTimeoutSeconds: 120 };
    const team = await newTeam(boss, settings);
    expect(team).toMatchObject(settings);
    expect((await call(`/api/v1/teams/${team.id}`, { client: boss })).body).toMatchObject(settings);
  });

  it("refuses an agent (403) and creates nothing; refuses a duplicate name (409)", async () => {
    const agent = await agentWithRole("agent");
    const name = `Mine ${unique()}`;
    expectApiError(await call("/api/v1/teams", { method: "POST", json: { name }, client: agent }), 403, "forbidden");
    expect((await call("/api/v1/teams", { client: boss })).body.teams.map((t: { name: string }) => t.name)).not.toContain(name);
    const team = await newTeam(boss);
    expectApiError(await call("/api/v1/teams", { method: "POST", json: { name: team.name }, client: boss }), 409, "conflict");
  });

  it("an agent may not read a team's settings (403)", async () => {
    const team = await newTeam(boss);
    const agent = await agentWithRole("agent");
    expectApiError(await call(`/api/v1/teams/${team.id}`, { client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/teams/no-such-team", { client: boss }), 404, "team_not_found");
  });
});

describe("changing a team", () => {
  it("an admin changes some settings; the rest stay", async () => {
    const team = await newTeam(boss, { awayMessage: "Fora do horário" });
    const admin = await agentWithRole("admin");
    const res = await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: { distributionMode: "auto", defaultCapacity: 3, businessHours: HOURS }, client: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: team.name, distributionMode: "auto", defaultCapacity: 3, businessHours: HOURS, awayMessage: "Fora do horário" });
    const cleared = await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: { businessHours: null }, client: admin });
    expect(cleared.body.businessHours).toBeNull();
  });

  it("refuses an agent's change (403) and keeps the settings", async () => {
    const team = await newTeam(boss);
    const agent = await agentWithRole("agent");
    expectApiError(await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: { defaultCapacity: 50 }, client: agent }), 403, "forbidden");
    expect((await call(`/api/v1/teams/${team.id}`, { client: boss })).body.defaultCapacity).toBe(5);
  });

  it("refuses an empty change (400)", async () => {
    const team = await newTeam(boss);
    expectApiError(await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: {}, client: boss }), 400, "validation_failed");
  });
});

describe("the overflow team", () => {
  it("may not be the team itself (400), and nothing changes", async () => {
    const team = await newTeam(boss);
    const res = await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: { overflowTeamId: team.id, awayMessage: "x" }, client: boss });
    expectApiError(res, 400, "validation_failed");
    expect((await call(`/api/v1/teams/${team.id}`, { client: boss })).body).toMatchObject({ overflowTeamId: null, awayMessage: "" });
  });

  it("may not overflow back into the team (no cycle of two: 409), on create or change", async () => {
    const a = await newTeam(boss);
    const b = await newTeam(boss, { overflowTeamId: a.id });
    expectApiError(await call(`/api/v1/teams/${a.id}`, { method: "PATCH", json: { overflowTeamId: b.id }, client: boss }), 409, "conflict");
    expect((await call(`/api/v1/teams/${a.id}`, { client: boss })).body.overflowTeamId).toBeNull();
    // A chain is fine: c → a → (nothing), and a → c only after b stops pointing at a.
    const c = await newTeam(boss, { overflowTeamId: a.id });
    expect(c.overflowTeamId).toBe(a.id);
    await call(`/api/v1/teams/${b.id}`, { method: "PATCH", json: { overflowTeamId: null }, client: boss });
    expect((await call(`/api/v1/teams/${a.id}`, { method: "PATCH", json: { overflowTeamId: b.id }, client: boss })).body.overflowTeamId).toBe(b.id);
  });

  it("must exist (404 team_not_found)", async () => {
    const team = await newTeam(boss);
    expectApiError(await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: { overflowTeamId: "no-such-team" }, client: boss }), 404, "team_not_found");
  });
});

describe("members", () => {
  it("an admin adds an agent (twice is once) and removes them; the agent's own teams follow", async () => {
    const team = await newTeam(boss);
    const admin = await agentWithRole("admin");
    const agent = await agentWithRole("agent");
    const path = `/api/v1/teams/${team.id}/members/${agent.id}`;
    expect((await call(path, { method: "PUT", client: admin })).body.memberIds).toEqual([agent.id]);
    expect((await call(path, { method: "PUT", client: admin })).body.memberIds).toEqual([agent.id]);
    expect((await call("/api/v1/me", { client: agent })).body.teamIds).toContain(team.id);
    expect((await call(path, { method: "DELETE", client: admin })).body.memberIds).toEqual([]);
    expect((await call("/api/v1/me", { client: agent })).body.teamIds).not.toContain(team.id);
  });

  it("refuses an agent (403) either way, and changes nothing", async () => {
    const team = await newTeam(boss);
    const agent = await agentWithRole("agent");
    const path = `/api/v1/teams/${team.id}/members/${agent.id}`;
    expectApiError(await call(path, { method: "PUT", client: agent }), 403, "forbidden");
    expect((await call(`/api/v1/teams/${team.id}`, { client: boss })).body.memberIds).toEqual([]);
    await call(path, { method: "PUT", client: boss });
    expectApiError(await call(path, { method: "DELETE", client: agent }), 403, "forbidden");
    expect((await call(`/api/v1/teams/${team.id}`, { client: boss })).body.memberIds).toEqual([agent.id]);
  });

  it("answers an unknown team or agent with 404", async () => {
    const team = await newTeam(boss);
    const agent = await agentWithRole("agent");
    expectApiError(await call(`/api/v1/teams/no-such-team/members/${agent.id}`, { method: "PUT", client: boss }), 404, "team_not_found");
    expectApiError(await call(`/api/v1/teams/${team.id}/members/no-such-agent`, { method: "PUT", client: boss }), 404, "agent_not_found");
    expectApiError(await call(`/api/v1/teams/no-such-team/members/${agent.id}`, { method: "DELETE", client: boss }), 404, "team_not_found");
  });
});
