/**
 * Who gets into the portal, and what they reach: one-time links (single use, 15 minutes,
 * stored hashed; an unknown address is answered alike and mailed nothing), portal
 * sessions kept apart from agents' both ways, another customer's conversation answering
 * 404 like a miss, passwords set after a link sign-in, CSRF on cookie writes, and the
 * rate limits on links and passwords.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { AGENT_PASSWORD, clientAddress, login, owner, OWNER } from "../fixtures";
import { call, type Client } from "../http-client";
import { mailStandIn } from "../channels/email-kit";
import { storedRows } from "../stored-rows";
import { LINKS_PER_ADDRESS } from "../../../worker/portal/limits";
import { LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT } from "../../../worker/auth/login-limits";
import { customerOnChannels, redeem, requestLink, setUpPortal, signedIn, unique, type Customer, type PortalSetup } from "./portal-kit";

let boss: Client;
let portal: PortalSetup;
let ana: Customer;
let bia: Customer;
let anaClient: Client;

beforeAll(async () => {
  boss = await owner();
  portal = await setUpPortal(boss);
  ana = await customerOnChannels(portal, "Ana: meu cartão final 4111");
  bia = await customerOnChannels(portal, "Bia: segredo BIA-7788");
  anaClient = await signedIn(ana.email);
});

describe("sign-in links", () => {
  it("work once: a second use is refused with 410 link_expired and opens no session", async () => {
    const { token } = await requestLink(ana.email);
    expect((await redeem(token)).status).toBe(200);
    const again: Client = {};
    const res = await redeem(token, again);
    expectApiError(res, 410, "link_expired");
    expect(again.cookie).toBeUndefined();
  });

  it("expire after 15 minutes", async () => {
    const { token } = await requestLink(ana.email);
    const row = await env.DB.prepare("SELECT token_hash, created_at, expires_at FROM portal_sign_in_links ORDER BY created_at DESC LIMIT 1").first<{ token_hash: string; created_at: number; expires_at: number }>();
    expect(row!.expires_at - row!.created_at).toBe(15 * 60_000);
    await env.DB.prepare("UPDATE portal_sign_in_links SET expires_at = ? WHERE token_hash = ?").bind(Date.now() - 1, row!.token_hash).run();
    expectApiError(await redeem(token), 410, "link_expired");
  });

  it("answer an unknown address exactly as a known one, mail nothing and store no link", async () => {
    const mail = mailStandIn();
    const before = await storedRows();
    const send = (email: string) => call("/api/v1/portal/sign-in/link", { method: "POST", json: { email }, headers: { "CF-Connecting-IP": clientAddress() } });
    const unknown = await send(`ninguem-${unique()}@example.net`);
    const known = await send(ana.email);
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: known.status, body: known.body });
    expect(unknown.body).toEqual({ sent: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(mail.sent.map((m) => m.to)).toEqual([ana.email]);
    const after = await storedRows();
    expect(after.portal_sign_in_links).toBe(before.portal_sign_in_links! + 1);
  });

  it("refuse a made-up token", async () => {
    expectApiError(await redeem("A".repeat(43)), 410, "link_expired");
  });

  it("limit links per address, for known and unknown addresses alike, with Retry-After", async () => {
    mailStandIn();
    for (const email of [`limite-${unique()}@example.net`, (await customerOnChannels(portal)).email]) {
      const send = () => call("/api/v1/portal/sign-in/link", { method: "POST", json: { email }, headers: { "CF-Connecting-IP": clientAddress() } });
      for (let i = 0; i < LINKS_PER_ADDRESS.limit; i++) expect((await send()).status).toBe(202);
      const refused = await send();
      expectApiError(refused, 429, "rate_limited");
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
  });
});

describe("portal sessions and agent sessions", () => {
  let agent: Client;
  beforeAll(async () => {
    agent = {};
    expect((await login(OWNER, agent)).status).toBe(200);
  });

  it("an agent's cookie opens no portal route or page", async () => {
    expectApiError(await call("/api/v1/portal/conversations", { client: agent }), 401, "unauthenticated");
    expectApiError(await call("/api/v1/portal/me", { client: agent }), 401, "unauthenticated");
    const value = agent.cookie!.split("=")[1];
    expectApiError(await call("/api/v1/portal/me", { client: { cookie: `sb_portal=${value}` } }), 401, "unauthenticated");
    const page = await call("/portal", { client: { cookie: `sb_portal=${value}` } });
    expect(page.body).toContain('data-form="link"');
  });

  it("a customer's cookie opens no console route", async () => {
    expectApiError(await call("/api/v1/me", { client: anaClient }), 401, "unauthenticated");
    expectApiError(await call("/api/v1/conversations", { client: anaClient }), 401, "unauthenticated");
    const value = anaClient.cookie!.split("=")[1];
    expectApiError(await call("/api/v1/me", { client: { cookie: `sb_session=${value}` } }), 401, "unauthenticated");
    expectApiError(await call("/api/v1/portal-settings", { client: anaClient }), 401, "unauthenticated");
  });

  it("a customer's cookie is refused once signed out", async () => {
    const c = await signedIn(ana.email);
    const cookie = c.cookie;
    expect((await call("/api/v1/portal/sign-out", { method: "POST", client: c })).status).toBe(200);
    expectApiError(await call("/api/v1/portal/me", { client: { cookie } }), 401, "unauthenticated");
  });
});

describe("isolation between customers", () => {
  it("another customer's conversation answers 404, on the API and the page, and its text never shows", async () => {
    for (const id of [bia.webchatConversationId, bia.whatsappConversationId, crypto.randomUUID()]) {
      expectApiError(await call(`/api/v1/portal/conversations/${id}`, { client: anaClient }), 404, "conversation_not_found");
      const write = await call(`/api/v1/portal/conversations/${id}/messages`, { method: "POST", json: { body: "intrusa", clientId: `i-${unique()}` }, client: anaClient });
      expectApiError(write, 404, "conversation_not_found");
      const page = await call(`/portal/conversations/${id}`, { client: anaClient });
      expect(page.status).toBe(404);
      expect(page.body).not.toContain("BIA-7788");
    }
    const list = await call("/api/v1/portal/conversations", { client: anaClient });
    expect(list.body.conversations.map((c: { id: string }) => c.id).sort()).toEqual([ana.webchatConversationId, ana.whatsappConversationId].sort());
    expect(JSON.stringify(list.body)).not.toContain("BIA-7788");
    expectApiError(await call(`/api/v1/portal/conversations/${bia.webchatConversationId}/uploads`, { method: "POST", body: "x", headers: { "Content-Type": "text/plain" }, client: anaClient }), 404, "conversation_not_found");
  });

  it("a private note in the customer's own conversation never reaches them", async () => {
    const note = await call(`/api/v1/conversations/${ana.webchatConversationId}/messages`, { method: "POST", json: { body: "NOTA-INTERNA: checar fraude", kind: "note" }, client: boss });
    expect(note.status).toBe(201);
    const detail = await call(`/api/v1/portal/conversations/${ana.webchatConversationId}`, { client: anaClient });
    expect(JSON.stringify(detail.body)).not.toContain("NOTA-INTERNA");
    expect((await call(`/portal/conversations/${ana.webchatConversationId}`, { client: anaClient })).body).not.toContain("NOTA-INTERNA");
  });
});

describe("passwords", () => {
  it("a customer signed in by link sets a password, then signs in with it; their other sessions end", async () => {
    const first = await signedIn(bia.email);
    const second = await signedIn(bia.email);
    const set = await call("/api/v1/portal/password", { method: "PUT", json: { password: AGENT_PASSWORD }, client: second });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.hasPassword).toBe(true);
    expectApiError(await call("/api/v1/portal/me", { client: first }), 401, "unauthenticated");
    expect((await call("/api/v1/portal/me", { client: second })).status).toBe(200);
    const stored = await env.DB.prepare("SELECT password_hash FROM portal_passwords WHERE contact_id = ?").bind(bia.contactId).first<{ password_hash: string }>();
    expect(stored!.password_hash).not.toContain(AGENT_PASSWORD);

    const c: Client = {};
    const ok = await call("/api/v1/portal/sign-in/password", { method: "POST", json: { email: bia.email, password: AGENT_PASSWORD }, client: c, headers: { "CF-Connecting-IP": clientAddress() } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(c.cookie).toMatch(/^sb_portal=/);

    // The audit log has each sign-in (how) and the password change, by the customer;
    // never the password.
    const { results } = await env.DB.prepare("SELECT action, actor_type, actor_id, target_id, details FROM audit_log WHERE actor_id = ? ORDER BY at, rowid").bind(bia.contactId).all<{ action: string; actor_type: string; actor_id: string; target_id: string; details: string }>();
    expect(results.map((r) => [r.action, r.actor_type, r.target_id, JSON.parse(r.details).method ?? null])).toEqual([
      ["portal.sign_in", "contact", bia.contactId, "link"],
      ["portal.sign_in", "contact", bia.contactId, "link"],
      ["portal.password_changed", "contact", bia.contactId, null],
      ["portal.sign_in", "contact", bia.contactId, "password"],
    ]);
    expect(JSON.stringify(results)).not.toContain(AGENT_PASSWORD);
  });

  it("a wrong password, an address without one and an unknown address get the same 401; failures are limited", async () => {
    const ip = clientAddress();
    const attempt = (email: string, password: string) => call("/api/v1/portal/sign-in/password", { method: "POST", json: { email, password }, headers: { "CF-Connecting-IP": ip } });
    expectApiError(await attempt(ana.email, AGENT_PASSWORD), 401, "invalid_credentials");
    expectApiError(await attempt(`ninguem-${unique()}@example.net`, AGENT_PASSWORD), 401, "invalid_credentials");
    for (let i = 1; i < LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++) expectApiError(await attempt(bia.email, "wrong password!"), 401, "invalid_credentials");
    // The fifth failure on Bia from this address spent the budget: even the right one waits.
    expectApiError(await attempt(bia.email, "wrong password!"), 401, "invalid_credentials");
    expectApiError(await attempt(bia.email, AGENT_PASSWORD), 429, "rate_limited");
    // An agent's sign-in with the same address is counted apart.
    expect((await login(OWNER, {}, ip)).status).toBe(200);
    // Audited once per address, account and window, with why; the refused (429) attempt
    // was never checked and adds nothing.
    const failed = await env.DB.prepare("SELECT target_id, details FROM audit_log WHERE action = 'portal.sign_in_failed' AND ip = ? ORDER BY at, rowid").bind(ip).all<{ target_id: string | null; details: string }>();
    expect(failed.results.map((r) => [r.target_id, JSON.parse(r.details).reason])).toEqual([
      [ana.contactId, "no_password"],
      [null, "unknown_account"],
      [bia.contactId, "wrong_password"],
    ]);
    expect(JSON.stringify(failed.results)).not.toContain("wrong password!");
    expect(JSON.stringify(failed.results)).not.toContain(bia.email);
  });
});

describe("cross-site requests", () => {
  it("refuses a customer's cookie writes from a foreign origin, and with no Origin, storing nothing", async () => {
    const before = await storedRows();
    const writes: Array<[string, string, unknown]> = [
      ["POST", `/api/v1/portal/conversations/${ana.webchatConversationId}/messages`, { body: "csrf", clientId: `x-${unique()}` }],
      ["POST", "/api/v1/portal/requests", { subject: "csrf", description: "csrf", clientId: `x-${unique()}` }],
      ["PUT", "/api/v1/portal/password", { password: "csrf password 123" }],
      ["POST", "/api/v1/portal/sign-out", undefined],
    ];
    for (const [method, path, json] of writes) {
      for (const origin of ["https://evil.example", null]) {
        expectApiError(await call(path, { method, json, client: { ...anaClient }, origin }), 403, "csrf_rejected");
      }
    }
    expect(await storedRows()).toEqual(before);
    expect((await call("/api/v1/portal/me", { client: anaClient })).status).toBe(200);
  });
});
