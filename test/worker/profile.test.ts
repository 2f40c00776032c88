/**
 * Day one for a team: the seeded team is named in the owner's setup language and can be
 * renamed; each agent keeps a profile (name, avatar, language, alert preferences) and
 * changes their own password, which signs their other sessions out.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { AGENT_PASSWORD, agentWithRole, clientAddress, login, OWNER } from "./fixtures";
import { call, type Client } from "./http-client";
import { unique } from "./route-table";

const DEFAULT_PREFS = { sound: true, desktop: true, newMessage: true, newConversation: true };

let boss: Client;
beforeAll(async () => {
  // This file's database is fresh: the owner sets up in Brazilian Portuguese.
  boss = {};
  const setup = await call("/api/v1/setup", { method: "POST", json: { ...OWNER, locale: "pt-BR" }, client: boss });
  expect(setup.status).toBe(201);
  expect(setup.body.profile).toEqual({ avatarUrl: null, language: null, notifications: DEFAULT_PREFS });
});

describe("the seeded team", () => {
  it("is named in the owner's setup language (pt-BR: Geral)", async () => {
    const { body } = await call("/api/v1/teams", { client: boss });
    expect(body.teams.map((t: { name: string }) => t.name)).toEqual(["Geral"]);
  });

  it("can be renamed by an admin, and the new name is what everyone lists", async () => {
    const admin = await agentWithRole("admin");
    const [team] = (await call("/api/v1/teams", { client: boss })).body.teams;
    const res = await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: { name: "Suporte" }, client: admin });
    expect(res).toMatchObject({ status: 200, body: { id: team.id, name: "Suporte" } });
    const agent = await agentWithRole("agent");
    expect((await call("/api/v1/teams", { client: agent })).body.teams).toEqual([{ id: team.id, name: "Suporte" }]);
  });

  it("refuses an agent's rename with 403 and keeps the name", async () => {
    const agent = await agentWithRole("agent");
    const [team] = (await call("/api/v1/teams", { client: boss })).body.teams;
    expectApiError(await call(`/api/v1/teams/${team.id}`, { method: "PATCH", json: { name: "Mine now" }, client: agent }), 403, "forbidden");
    expect((await call("/api/v1/teams", { client: boss })).body.teams[0].name).toBe(team.name);
  });

  it("answers an unknown team with 404 team_not_found", async () => {
    expectApiError(await call("/api/v1/teams/no-such-team", { method: "PATCH", json: { name: "Ghost" }, client: boss }), 404, "team_not_found");
  });
});

describe("PATCH /api/v1/me", () => {
  it("saves name, avatar, language and alert preferences, and GET /me and a new login return them", async () => {
    const agent = await agentWithRole("agent");
    const changes = {
      name: "Bia Souza",
      avatarUrl: "https://images.example.com/bia.png",
      language: "es",
      notifications: { sound: false, desktop: true, newMessage: true, newConversation: false },
    };
    const res = await call("/api/v1/me", { method: "PATCH", json: changes, client: agent });
    expect(res.status).toBe(200);
    expect(res.body.agent.name).toBe("Bia Souza");
    expect(res.body.profile).toEqual({ avatarUrl: changes.avatarUrl, language: "es", notifications: changes.notifications });
    expect((await call("/api/v1/me", { client: agent })).body).toEqual(res.body);
    const again = await login({ email: agent.email, password: AGENT_PASSWORD });
    expect(again.body.profile).toEqual(res.body.profile);
    // Other agents see the new name.
    const names = (await call("/api/v1/agents", { client: boss })).body.agents.map((a: { name: string }) => a.name);
    expect(names).toContain("Bia Souza");
  });

  it("changes only what is sent, and null clears the avatar and the language", async () => {
    const agent = await agentWithRole("agent");
    await call("/api/v1/me", { method: "PATCH", json: { avatarUrl: "https://images.example.com/a.png", language: "pt-BR" }, client: agent });
    const res = await call("/api/v1/me", { method: "PATCH", json: { avatarUrl: null, language: null }, client: agent });
    expect(res.body.profile).toEqual({ avatarUrl: null, language: null, notifications: DEFAULT_PREFS });
    expect(res.body.agent.name).toMatch(/^agent \d+$/);
  });

  it.each([
    ["javascript:alert(1)"],
    ["http://images.example.com/plain-http.png"],
    ["data:image/svg+xml,<svg onload=alert(1)>"],
    ["file:///etc/passwd"],
  ])("refuses the avatar URL %s with 400 and stores nothing", async (avatarUrl) => {
    const agent = await agentWithRole("agent");
    expectApiError(await call("/api/v1/me", { method: "PATCH", json: { avatarUrl }, client: agent }), 400, "validation_failed");
    expect((await call("/api/v1/me", { client: agent })).body.profile.avatarUrl).toBeNull();
  });

  it("never lets an agent change their own role or e-mail through it", async () => {
    const agent = await agentWithRole("agent");
    expectApiError(await call("/api/v1/me", { method: "PATCH", json: { role: "owner" }, client: agent }), 400, "validation_failed");
    expectApiError(await call("/api/v1/me", { method: "PATCH", json: { email: "new@example.com" }, client: agent }), 400, "validation_failed");
    expect((await call("/api/v1/me", { client: agent })).body.agent).toMatchObject({ role: "agent", email: agent.email });
  });
});

describe("POST /api/v1/me/password", () => {
  it("with the current password: the new one signs in, the old one no longer does, other sessions end and this one stays", async () => {
    const agent = await agentWithRole("agent");
    const other: Client = {};
    expect((await login({ email: agent.email, password: AGENT_PASSWORD }, other)).status).toBe(200);
    const res = await call("/api/v1/me/password", { method: "POST", json: { currentPassword: AGENT_PASSWORD, newPassword: "a brand new passphrase" }, client: agent });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expect((await call("/api/v1/me", { client: agent })).status).toBe(200);
    expectApiError(await call("/api/v1/me", { client: other }), 401, "unauthenticated");
    expectApiError(await login({ email: agent.email, password: AGENT_PASSWORD }), 401, "invalid_credentials");
    expect((await login({ email: agent.email, password: "a brand new passphrase" })).status).toBe(200);
  });

  it("refuses a wrong current password with 403 invalid_credentials, keeps the password and every session", async () => {
    const agent = await agentWithRole("agent");
    const other: Client = {};
    await login({ email: agent.email, password: AGENT_PASSWORD }, other);
    const res = await call("/api/v1/me/password", { method: "POST", json: { currentPassword: "not my password", newPassword: "a brand new passphrase" }, client: agent });
    expectApiError(res, 403, "invalid_credentials");
    expect(res.body.error.issues[0].path).toEqual(["currentPassword"]);
    expect((await call("/api/v1/me", { client: other })).status).toBe(200);
    expect((await login({ email: agent.email, password: AGENT_PASSWORD })).status).toBe(200);
  });

  it("stops checking current passwords after 10 wrong ones (429), even the right one", async () => {
    const agent = await agentWithRole("agent");
    for (let i = 0; i < 10; i++) {
      expectApiError(await call("/api/v1/me/password", { method: "POST", json: { currentPassword: `guess ${i}`, newPassword: "a brand new passphrase" }, client: agent }), 403, "invalid_credentials");
    }
    const res = await call("/api/v1/me/password", { method: "POST", json: { currentPassword: AGENT_PASSWORD, newPassword: "a brand new passphrase" }, client: agent });
    expectApiError(res, 429, "rate_limited");
    expect((await login({ email: agent.email, password: AGENT_PASSWORD }, {}, clientAddress())).status).toBe(200);
  });

  it("refuses a new password under 10 characters with 400", async () => {
    const agent = await agentWithRole("agent");
    expectApiError(await call("/api/v1/me/password", { method: "POST", json: { currentPassword: AGENT_PASSWORD, newPassword: "short" }, client: agent }), 400, "validation_failed");
  });
});

describe("owner setup in other languages", () => {
  it("refuses an unknown setup locale with 400; a known one passes validation (409 here: the owner exists)", async () => {
    expectApiError(await call("/api/v1/setup", { method: "POST", json: { ...OWNER, email: `x-${unique()}@example.com`, locale: "fr" }, client: {} }), 400, "validation_failed");
    expectApiError(await call("/api/v1/setup", { method: "POST", json: { ...OWNER, email: `x-${unique()}@example.com`, locale: "es" }, client: {} }), 409, "setup_already_done");
  });
});
