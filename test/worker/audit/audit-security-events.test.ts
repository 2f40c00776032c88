/**
 * Security events in the audit log (issue 16), on real D1 through the real routes: each
 * is recorded once, with the right actor (the agent, the token, or anonymous), target and
 * client address, and no secret — a last test scans every stored entry for each password
 * and secret these tests used.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AGENT_PASSWORD, agentWithRole, login, owner, OWNER } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { makeToken } from "../token-kit";
import { auditCount, auditEntries, onlyEntry, storedAuditText } from "./audit-kit";

let boss: Client & { id?: string };
let bossId: string;
/** Every password and secret seen: none may appear in the log. */
const secrets: string[] = [OWNER.password, AGENT_PASSWORD];

beforeAll(async () => {
  boss = await owner();
  bossId = (await call("/api/v1/me", { client: boss })).body.agent.id;
});

const unique = () => crypto.randomUUID().slice(0, 8);
const IP = "203.0.113.7";

async function newAgent(role: "agent" | "admin" = "agent") {
  const email = `audited-${unique()}@example.com`;
  const res = await call("/api/v1/agents", { method: "POST", json: { name: "Audited Agent", email, password: AGENT_PASSWORD, role }, client: boss, headers: { "CF-Connecting-IP": IP } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, email };
}

describe("setup and sign-in", () => {
  it("records the owner's creation at setup, by the owner", async () => {
    const [made] = await auditEntries(boss, { action: "agent.created", targetId: bossId });
    expect(made).toMatchObject({ actor: { type: "agent", id: bossId, name: OWNER.name }, targetType: "agent", details: { role: "owner", via: "setup" } });
  });

  it("records a sign-in by the agent, with the client's address", async () => {
    const a = await newAgent();
    const client: Client = {};
    expect((await login({ email: a.email, password: AGENT_PASSWORD }, client, "198.51.100.4")).status).toBe(200);
    const entry = await onlyEntry(boss, "auth.sign_in", a.id);
    expect(entry).toMatchObject({ actor: { type: "agent", id: a.id }, targetType: "agent", ip: "198.51.100.4" });
  });

  it("records a failed sign-in as anonymous, with the e-mail tried and why, never the password — once per address, account and window", async () => {
    const a = await newAgent();
    const wrong = `wrong-${unique()}-password`;
    secrets.push(wrong);
    for (let i = 0; i < 3; i++) expect((await login({ email: a.email, password: wrong }, {}, "198.51.100.9")).status).toBe(401);
    const entry = await onlyEntry(boss, "auth.sign_in_failed", a.id);
    expect(entry).toMatchObject({ actor: { type: "anonymous", id: null }, ip: "198.51.100.9", details: { email: a.email, reason: "wrong_password" } });
    // Another address is another entry.
    expect((await login({ email: a.email, password: wrong }, {}, "198.51.100.10")).status).toBe(401);
    expect(await auditEntries(boss, { action: "auth.sign_in_failed", targetId: a.id })).toHaveLength(2);
  });

  it("records a failure on an unknown account with no target, and one on a deactivated agent", async () => {
    const email = `nobody-${unique()}@example.com`;
    expect((await login({ email, password: "whatever it is" })).status).toBe(401);
    const failures = await auditEntries(boss, { action: "auth.sign_in_failed" });
    expect(failures.find((e) => e.details.email === email)).toMatchObject({ targetId: null, details: { reason: "unknown_account" } });
    const a = await newAgent();
    expect((await call(`/api/v1/agents/${a.id}/deactivate`, { method: "POST", client: boss })).status).toBe(200);
    expect((await login({ email: a.email, password: AGENT_PASSWORD })).status).toBe(401);
    expect((await onlyEntry(boss, "auth.sign_in_failed", a.id)).details.reason).toBe("deactivated");
  });

  it("records nothing for a refused (rate-limited) attempt or a malformed one", async () => {
    const a = await newAgent();
    const address = "198.51.100.77";
    for (let i = 0; i < 5; i++) await login({ email: a.email, password: "not it at all" }, {}, address);
    const before = await auditCount();
    expect((await login({ email: a.email, password: "not it at all" }, {}, address)).status).toBe(429);
    expect((await call("/api/v1/auth/login", { method: "POST", json: { email: "not an e-mail", password: "x" } })).status).toBe(400);
    expect(await auditCount()).toBe(before);
  });

  it("records a sign-out of a live session only", async () => {
    const a = await newAgent();
    const client: Client = {};
    await login({ email: a.email, password: AGENT_PASSWORD }, client);
    const cookie = client.cookie;
    expect((await call("/api/v1/auth/logout", { method: "POST", client })).status).toBe(200);
    expect((await call("/api/v1/auth/logout", { method: "POST", client: { cookie } })).status).toBe(200);
    expect((await call("/api/v1/auth/logout", { method: "POST" })).status).toBe(200);
    expect(await onlyEntry(boss, "auth.sign_out", a.id)).toMatchObject({ actor: { type: "agent", id: a.id } });
  });
});

describe("agents", () => {
  it("records an agent made by an owner, with who made it and from where", async () => {
    const a = await newAgent("admin");
    expect(await onlyEntry(boss, "agent.created", a.id)).toMatchObject({ actor: { type: "agent", id: bossId }, ip: IP, details: { email: a.email, role: "admin" } });
  });

  it("records an invite and its acceptance (by the new agent), and the sign-in that follows", async () => {
    const email = `invited-${unique()}@example.com`;
    const invite = await call("/api/v1/agents/invites", { method: "POST", json: { email, role: "agent" }, client: boss });
    expect(invite.status).toBe(201);
    secrets.push(invite.body.token);
    const invited = (await auditEntries(boss, { action: "agent.invited", actorId: bossId })).find((e) => e.details.email === email);
    expect(invited).toMatchObject({ targetType: "invite", details: { role: "agent" } });
    const accepted = await call(`/api/v1/invites/${invite.body.token}/accept`, { method: "POST", json: { name: "Invited Ivo", password: AGENT_PASSWORD } });
    expect(accepted.status).toBe(201);
    const id = accepted.body.agent.id;
    expect(await onlyEntry(boss, "agent.invite_accepted", id)).toMatchObject({ actor: { type: "agent", id, name: "Invited Ivo" }, details: { email, invitedBy: bossId } });
    expect((await onlyEntry(boss, "auth.sign_in", id)).details).toEqual({ via: "invite" });
  });

  it("records a role change with from and to, a capacity change as a setting, and nothing for a refused one", async () => {
    const a = await newAgent();
    expect((await call(`/api/v1/agents/${a.id}`, { method: "PATCH", json: { role: "admin" }, client: boss })).status).toBe(200);
    expect(await onlyEntry(boss, "agent.role_changed", a.id)).toMatchObject({ actor: { id: bossId }, details: { from: "agent", to: "admin" } });
    expect((await call(`/api/v1/agents/${a.id}`, { method: "PATCH", json: { role: "admin", capacity: 3 }, client: boss })).status).toBe(200);
    expect((await onlyEntry(boss, "settings.changed", a.id)).details).toMatchObject({ area: "agents", op: "updated", fields: ["capacity", "role"] });
    // The last active owner cannot be demoted: refused, nothing recorded.
    const before = await auditCount();
    expect((await call(`/api/v1/agents/${bossId}`, { method: "PATCH", json: { role: "admin" }, client: boss })).status).toBe(409);
    expect(await auditCount()).toBe(before);
  });

  it("records deactivation and reactivation once each", async () => {
    const a = await newAgent();
    for (let i = 0; i < 2; i++) expect((await call(`/api/v1/agents/${a.id}/deactivate`, { method: "POST", client: boss })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await call(`/api/v1/agents/${a.id}/reactivate`, { method: "POST", client: boss })).status).toBe(200);
    expect(await onlyEntry(boss, "agent.disabled", a.id)).toMatchObject({ actor: { id: bossId } });
    expect(await onlyEntry(boss, "agent.enabled", a.id)).toMatchObject({ actor: { id: bossId } });
  });

  it("records a password change by the agent, never either password; a wrong current password records nothing", async () => {
    const agent = await agentWithRole("agent");
    const fresh = `fresh-${unique()}-passphrase`;
    secrets.push(fresh);
    const before = await auditCount();
    expect((await call("/api/v1/me/password", { method: "POST", json: { currentPassword: "not the one", newPassword: fresh }, client: agent })).status).toBe(403);
    expect(await auditCount()).toBe(before);
    expect((await call("/api/v1/me/password", { method: "POST", json: { currentPassword: AGENT_PASSWORD, newPassword: fresh }, client: agent })).status).toBe(200);
    expect(await onlyEntry(boss, "auth.password_changed", agent.id)).toMatchObject({ actor: { type: "agent", id: agent.id }, details: {} });
  });
});

describe("tokens and credentials", () => {
  it("records a token's creation (name and scopes, not the secret) and its revocation once", async () => {
    const t = await makeToken(boss, { name: "Zapier bridge", scopes: ["conversations:read"] });
    secrets.push(t.secret);
    expect(await onlyEntry(boss, "token.created", t.id)).toMatchObject({ actor: { id: bossId }, details: { name: "Zapier bridge", scopes: ["conversations:read"] } });
    for (let i = 0; i < 2; i++) expect((await call(`/api/v1/tokens/${t.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expect(await onlyEntry(boss, "token.revoked", t.id)).toMatchObject({ actor: { id: bossId } });
  });

  it("names an API token as the actor of what it changes", async () => {
    const t = await makeToken(boss, { name: "Provisioning", scopes: ["admin"] });
    secrets.push(t.secret);
    const team = await call("/api/v1/teams", { method: "POST", json: { name: `Token team ${unique()}` }, headers: bearer(t.secret) });
    expect(team.status).toBe(201);
    expect(await onlyEntry(boss, "settings.changed", team.body.id)).toMatchObject({ actor: { type: "token", id: t.id, name: "Provisioning" }, targetType: "team" });
  });

  it("records each new secret as credentials.changed (which one, never its value)", async () => {
    const web = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: `Site ${unique()}` }, client: boss });
    const rotated = await call(`/api/v1/inboxes/${web.body.id}/identity-secret`, { method: "POST", client: boss });
    expect(rotated.status).toBe(201);
    secrets.push(rotated.body.secret);
    expect((await onlyEntry(boss, "credentials.changed", web.body.id)).details).toMatchObject({ credentials: ["identitySecret"] });

    const api = await call("/api/v1/inboxes", { method: "POST", json: { kind: "api", name: `API ${unique()}`, settings: { url: "https://receiver.audit.test/replies" } }, client: boss });
    expect(api.status, JSON.stringify(api.body)).toBe(201);
    const rolled = await call(`/api/v1/inboxes/${api.body.id}/api-secret`, { method: "POST", client: boss });
    secrets.push(rolled.body.secret);
    expect((await onlyEntry(boss, "credentials.changed", api.body.id)).details).toMatchObject({ credentials: ["secret"] });

    const bot = await call(`/api/v1/inboxes/${web.body.id}/agent-bot`, { method: "PUT", json: { enabled: false, name: "Bot", url: "https://bot.audit.test/in?key=bot-url-key", handoffWords: ["atendente"], handoffText: null }, client: boss });
    expect(bot.status, JSON.stringify(bot.body)).toBe(200);
    secrets.push(bot.body.secret, "bot-url-key");
    expect(await auditEntries(boss, { action: "credentials.changed", targetId: web.body.id })).toHaveLength(2);

    const hook = await call("/api/v1/webhooks", { method: "POST", json: { url: "https://hooks.audit.test/in?key=hook-url-key", events: ["csat.received"] }, client: boss });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    secrets.push(hook.body.secret, "hook-url-key");
    const roll = await call(`/api/v1/webhooks/${hook.body.endpoint.id}/roll-secret`, { method: "POST", client: boss });
    secrets.push(roll.body.secret);
    expect((await onlyEntry(boss, "credentials.changed", hook.body.endpoint.id)).details).toMatchObject({ host: "hooks.audit.test", credentials: ["signingSecret"] });
  });
});

describe("what the log never holds", () => {
  it("has no password, token, invite or secret, nor a URL's key, in any stored entry", async () => {
    const text = await storedAuditText();
    expect(secrets.length).toBeGreaterThan(8);
    for (const secret of secrets) expect(text.includes(secret), `a secret ending …${secret.slice(-4)} is in the audit log`).toBe(false);
    expect(text).not.toMatch(/sb_live_|password_hash|secret_sealed/i);
  });
});
