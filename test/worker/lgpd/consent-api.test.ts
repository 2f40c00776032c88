/**
 * The consent ledger's API (issue 16) on real D1: admins configure purposes (unique keys,
 * archived never deleted, each change audited in the same batch); agents and tokens read
 * a contact's ledger and record grants and revocations with who, when, how, evidence and
 * IP, each audited; records are never edited or deleted through the API (405); the
 * states follow the latest record covering each channel.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, ConsentPurpose, ContactConsent } from "../../../worker/protocol";
import { listAudit } from "../../../worker/db/audit-log";
import { database } from "../../../worker/db/client";
import { expectApiError } from "../assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "../fixtures";
import { call, type Client } from "../http-client";
import { asToken, makeToken } from "../token-kit";

let boss: Client;
let agent: Client & { id: string };
let publicKey: string;
const db = () => database(env.DB);
const unique = () => crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  boss = await owner();
  agent = await agentWithRole("agent");
  publicKey = (await webchatInbox(boss, "Consent shop")).publicKey;
});

const newContact = async () => (await customerWrites(publicKey, "oi")).contactId;
const ledger = async (contactId: string, client: Client = boss) => (await call(`/api/v1/contacts/${contactId}/consent`, { client })).body as ContactConsent;
const audits = async (action: AuditEntry["action"], targetId: string) => (await listAudit(db(), { action, targetId, limit: 50 })).reverse();

describe("purposes", () => {
  it("lists the three seeded purposes to any agent, marketing marked", async () => {
    const res = await call("/api/v1/consent/purposes", { client: agent });
    expect(res.status).toBe(200);
    const seeded = (res.body.purposes as ConsentPurpose[]).filter((p) => p.id.startsWith("purpose_"));
    expect(seeded.map((p) => [p.key, p.marketing])).toEqual([
      ["atendimento", false],
      ["avisos-de-pedido", false],
      ["marketing", true],
    ]);
  });

  it("an admin creates one (201), a duplicate key is 409 and writes nothing, each change is audited with its author", async () => {
    const key = `news-${unique()}`;
    const made = await call("/api/v1/consent/purposes", { method: "POST", json: { key, name: "Newsletter", description: "Novidades por e-mail", marketing: true }, client: boss });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ key, name: "Newsletter", description: "Novidades por e-mail", marketing: true, archivedAt: null });
    const before = await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>();
    expectApiError(await call("/api/v1/consent/purposes", { method: "POST", json: { key, name: "Other" }, client: boss }), 409, "conflict");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>()).toEqual(before);
    const entries = await audits("consent.purpose_changed", made.body.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { type: "agent", name: "Olivia Owner" }, targetType: "purpose", details: { change: "created" } });
  });

  it("PATCH renames, archives (kept, listed with its date) and restores; a key taken by another is 409", async () => {
    const a = (await call("/api/v1/consent/purposes", { method: "POST", json: { key: `a-${unique()}`, name: "A" }, client: boss })).body as ConsentPurpose;
    const b = (await call("/api/v1/consent/purposes", { method: "POST", json: { key: `b-${unique()}`, name: "B" }, client: boss })).body as ConsentPurpose;
    const renamed = await call(`/api/v1/consent/purposes/${a.id}`, { method: "PATCH", json: { name: "A renomeada", marketing: true }, client: boss });
    expect(renamed).toMatchObject({ status: 200, body: { name: "A renomeada", marketing: true, key: a.key } });
    const archived = await call(`/api/v1/consent/purposes/${a.id}`, { method: "PATCH", json: { archived: true }, client: boss });
    expect(archived.body.archivedAt).toEqual(expect.any(Number));
    const listed = (await call("/api/v1/consent/purposes", { client: agent })).body.purposes as ConsentPurpose[];
    expect(listed.find((p) => p.id === a.id)?.archivedAt).toBe(archived.body.archivedAt);
    // Archiving again keeps the first date and writes nothing.
    expect((await call(`/api/v1/consent/purposes/${a.id}`, { method: "PATCH", json: { archived: true }, client: boss })).body.archivedAt).toBe(archived.body.archivedAt);
    expect((await call(`/api/v1/consent/purposes/${a.id}`, { method: "PATCH", json: { archived: false }, client: boss })).body.archivedAt).toBeNull();
    expectApiError(await call(`/api/v1/consent/purposes/${b.id}`, { method: "PATCH", json: { key: a.key }, client: boss }), 409, "conflict");
    expect((await audits("consent.purpose_changed", a.id)).map((e) => e.details.change)).toEqual(["created", "updated", "archived", "restored"]);
    expect(await audits("consent.purpose_changed", b.id)).toHaveLength(1);
  });

  it("a purpose cannot be deleted (405), nor changed by an agent (403)", async () => {
    const res = await call("/api/v1/consent/purposes/purpose_marketing", { method: "DELETE", client: boss });
    expectApiError(res, 405, "method_not_allowed");
    expectApiError(await call("/api/v1/consent/purposes/purpose_marketing", { method: "PATCH", json: { name: "x" }, client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/consent/purposes/no-such", { method: "PATCH", json: { name: "x" }, client: boss }), 404, "purpose_not_found");
  });
});

describe("a contact's ledger", () => {
  it("an agent records a grant with its evidence and text; the ledger shows it, who, the IP, and an audit entry", async () => {
    const contactId = await newContact();
    expect(await ledger(contactId)).toMatchObject({ states: [], records: [] });
    const res = await call(`/api/v1/contacts/${contactId}/consent`, {
      method: "POST",
      client: agent,
      headers: { "CF-Connecting-IP": "203.0.113.7" },
      json: { channel: "whatsapp", purposeId: "purpose_marketing", action: "grant", source: "web_form", textShown: "Quero receber ofertas pelo WhatsApp", evidence: "form-2026-991" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contactId,
      channel: "whatsapp",
      purposeId: "purpose_marketing",
      action: "grant",
      source: "web_form",
      recordedBy: { type: "agent", id: agent.id },
      textShown: "Quero receber ofertas pelo WhatsApp",
      evidence: "form-2026-991",
      ip: "203.0.113.7",
    });
    const l = await ledger(contactId, agent);
    expect(l.records).toEqual([res.body]);
    expect(l.states).toEqual([{ channel: "whatsapp", purposeId: "purpose_marketing", granted: true, recordId: res.body.id, at: res.body.at }]);
    expect(l.purposes.map((p) => p.id)).toContain("purpose_marketing");
    const [entry] = await audits("consent.recorded", contactId);
    expect(entry).toMatchObject({ actor: { type: "agent", id: agent.id }, targetType: "contact", ip: "203.0.113.7", details: { recordId: res.body.id, action: "grant", channel: "whatsapp" } });
  });

  it("a token records as itself; a later 'any' revocation shows WhatsApp revoked too", async () => {
    const contactId = await newContact();
    const token = await makeToken(boss, { scopes: ["contacts:manage"] });
    const grant = await call(`/api/v1/contacts/${contactId}/consent`, { method: "POST", headers: asToken(token), origin: null, json: { channel: "whatsapp", purposeId: "purpose_marketing", action: "grant", source: "import", evidence: "crm.csv:12" } });
    expect(grant.status).toBe(201);
    expect(grant.body.recordedBy).toMatchObject({ type: "token", id: token.id });
    const revoke = await call(`/api/v1/contacts/${contactId}/consent`, { method: "POST", client: agent, json: { channel: "any", purposeId: "purpose_marketing", action: "revoke", source: "agent", evidence: "ligação 06/12" } });
    expect(revoke.status).toBe(201);
    const l = await ledger(contactId);
    expect(l.records.map((r) => r.action)).toEqual(["revoke", "grant"]);
    expect(l.states.find((s) => s.channel === "whatsapp")).toMatchObject({ granted: false, recordId: revoke.body.id });
    expect(l.states.find((s) => s.channel === "any")).toMatchObject({ granted: false });
    expect((await audits("consent.recorded", contactId)).map((e) => e.actor.type)).toEqual(["token", "agent"]);
  });

  it("refuses sources only the system records, unknown contacts and purposes, grants for archived purposes; records cannot be edited or deleted", async () => {
    const contactId = await newContact();
    const post = (json: Record<string, unknown>, id = contactId) => call(`/api/v1/contacts/${id}/consent`, { method: "POST", client: agent, json: { channel: "sms", purposeId: "purpose_avisos", action: "grant", source: "api", ...json } });
    for (const source of ["keyword", "widget_checkbox", "template_button", "list_unsubscribe"]) expectApiError(await post({ source }), 400, "validation_failed");
    expectApiError(await post({}, "no-such-contact"), 404, "contact_not_found");
    expectApiError(await post({ purposeId: "no-such-purpose" }), 404, "purpose_not_found");
    const archived = (await call("/api/v1/consent/purposes", { method: "POST", json: { key: `old-${unique()}`, name: "Old" }, client: boss })).body as ConsentPurpose;
    await call(`/api/v1/consent/purposes/${archived.id}`, { method: "PATCH", json: { archived: true }, client: boss });
    expectApiError(await post({ purposeId: archived.id }), 409, "conflict");
    // Withdrawing stays possible.
    expect((await post({ purposeId: archived.id, action: "revoke" })).status).toBe(201);
    for (const method of ["PUT", "PATCH", "DELETE"]) expectApiError(await call(`/api/v1/contacts/${contactId}/consent`, { method, client: boss, json: {} }), 405, "method_not_allowed");
    expect((await ledger(contactId)).records).toHaveLength(1);
  });

  it("a token limited to other inboxes sees no such contact", async () => {
    const contactId = await newContact();
    const elsewhere = await webchatInbox(boss, "Another shop");
    const limited = await makeToken(boss, { scopes: ["contacts:manage"], inboxIds: [elsewhere.id] });
    expectApiError(await call(`/api/v1/contacts/${contactId}/consent`, { headers: asToken(limited) }), 404, "contact_not_found");
    expectApiError(
      await call(`/api/v1/contacts/${contactId}/consent`, { method: "POST", headers: asToken(limited), origin: null, json: { channel: "any", purposeId: "purpose_marketing", action: "grant", source: "api" } }),
      404,
      "contact_not_found",
    );
  });
});
