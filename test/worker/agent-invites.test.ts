/**
 * Invites: an admin makes a one-time link (its token shown once, only its hash stored);
 * accepting it makes the agent with their own password and signs them in; a used,
 * expired or unknown link is refused clearly and makes nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { AGENT_PASSWORD, agentWithRole, login, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { unique } from "./route-table";
import { INVITE_TTL_MS } from "../../worker/protocol";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

async function invite(role: "owner" | "admin" | "agent" = "agent", client: Client = boss) {
  const email = `invitee-${unique()}@example.com`;
  const res = await call("/api/v1/agents/invites", { method: "POST", json: { email, role }, client });
  return { res, email, token: res.body?.token as string };
}

const accept = (token: string, client: Client = {}, name = "Ines Invited") =>
  call(`/api/v1/invites/${token}/accept`, { method: "POST", json: { name, password: AGENT_PASSWORD }, client });

async function agentCount(): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM agents").first<{ n: number }>())!.n;
}

describe("creating an invite", () => {
  it("answers 201 with a console link carrying the token in its fragment and a 7-day expiry; D1 keeps only the token's hash", async () => {
    const before = Date.now();
    const { res, email, token } = await invite("admin");
    expect(res.status).toBe(201);
    expect(res.body.email).toBe(email);
    expect(res.body.role).toBe("admin");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.url).toBe(`http://localhost/console/invite#${token}`);
    expect(res.body.expiresAt).toBeGreaterThanOrEqual(before + INVITE_TTL_MS);
    expect(res.body.expiresAt).toBeLessThanOrEqual(Date.now() + INVITE_TTL_MS);
    const rows = await env.DB.prepare("SELECT * FROM agent_invites WHERE email = ?").bind(email).all();
    expect(rows.results).toHaveLength(1);
    expect(JSON.stringify(rows.results)).not.toContain(token);
  });

  it("lets an admin invite an agent or an admin, not an owner (403); an owner may invite an owner", async () => {
    const admin = await agentWithRole("admin");
    expect((await invite("agent", admin)).res.status).toBe(201);
    expect((await invite("admin", admin)).res.status).toBe(201);
    expectApiError((await invite("owner", admin)).res, 403, "forbidden");
    expect((await invite("owner", boss)).res.status).toBe(201);
  });

  it("refuses an agent (403) and a stranger (401)", async () => {
    const agent = await agentWithRole("agent");
    expectApiError((await invite("agent", agent)).res, 403, "forbidden");
    expectApiError((await invite("agent", {})).res, 401, "unauthenticated");
  });

  it("refuses an e-mail that already has an agent with 409", async () => {
    const agent = await agentWithRole("agent");
    const res = await call("/api/v1/agents/invites", { method: "POST", json: { email: agent.email, role: "agent" }, client: boss });
    expectApiError(res, 409, "conflict");
  });
});

describe("accepting an invite", () => {
  it("makes the agent with the invited e-mail and role, in the default team, and signs them in", async () => {
    const { email, token } = await invite("admin");
    const client: Client = {};
    const res = await accept(token, client);
    expect(res.status).toBe(201);
    expect(res.body.agent).toMatchObject({ name: "Ines Invited", email, role: "admin" });
    expect(res.body.teamIds).toHaveLength(1);
    const me = await call("/api/v1/me", { client });
    expect(me.status).toBe(200);
    expect(me.body.agent.email).toBe(email);
    // Their own password works from now on.
    expect((await login({ email, password: AGENT_PASSWORD })).status).toBe(200);
  });

  it("works once: a second accept answers 410 invite_used and makes no agent", async () => {
    const { token } = await invite();
    expect((await accept(token)).status).toBe(201);
    const count = await agentCount();
    const again = await accept(token, {}, "Someone Else");
    expectApiError(again, 410, "invite_used");
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(await agentCount()).toBe(count);
  });

  it("makes one agent when two accepts race", async () => {
    const { token } = await invite();
    const count = await agentCount();
    const [a, b] = await Promise.all([accept(token, {}, "Racer A"), accept(token, {}, "Racer B")]);
    expect([a.status, b.status].sort()).toEqual([201, 410]);
    expect(await agentCount()).toBe(count + 1);
  });

  it("answers an expired invite with 410 invite_expired and makes no agent", async () => {
    const { email, token } = await invite();
    await env.DB.prepare("UPDATE agent_invites SET expires_at = ? WHERE email = ?").bind(Date.now() - 1, email).run();
    const count = await agentCount();
    expectApiError(await accept(token), 410, "invite_expired");
    expect(await agentCount()).toBe(count);
  });

  it("answers an unknown token with 404 invite_not_found", async () => {
    expectApiError(await accept("z".repeat(43)), 404, "invite_not_found");
  });

  it("answers 409 when the e-mail got an agent after the invite, and leaves the invite usable for nobody else", async () => {
    const { email, token } = await invite();
    // The e-mail is taken by a second invite accepted first.
    const other = await call("/api/v1/agents/invites", { method: "POST", json: { email, role: "agent" }, client: boss });
    expect((await accept(other.body.token)).status).toBe(201);
    const count = await agentCount();
    expectApiError(await accept(token), 409, "conflict");
    expect(await agentCount()).toBe(count);
    const row = await env.DB.prepare("SELECT accepted_at FROM agent_invites WHERE email = ? AND agent_id IS NULL").bind(email).first();
    expect(row).toEqual({ accepted_at: null });
  });
});
