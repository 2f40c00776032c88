/**
 * Admin configuration changes in the audit log (issue 16): every admin-only write of the
 * route table records one `settings.changed` entry with its area, operation, target and
 * the names of the fields sent — and a change refused for bad input, a missing id or a
 * conflict records nothing. Table-driven: one row per write.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { agentWithRole, owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { defaultMenuBot } from "../../../worker/protocol";
import { auditCount, auditEntries } from "./audit-kit";

let boss: Client;
let bossId: string;
const unique = () => crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  boss = await owner();
  bossId = (await call("/api/v1/me", { client: boss })).body.agent.id;
});

async function ok(method: string, path: string, json?: unknown, status = 200) {
  const res = await call(path, { method, json, client: boss });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

const created = (path: string, json: unknown) => ok("POST", path, json, 201);
const team = async () => (await created("/api/v1/teams", { name: `Team ${unique()}` })).id as string;

/** A write, what it must record, and a refused variant that must record nothing. */
interface Row {
  name: string;
  /** Makes the change; returns the target id the entry must name (null: no single target). */
  change: () => Promise<string | null>;
  area: string;
  op: string;
  targetType: string;
  fields?: string[];
  /** What the refused request needs first (made before the log is counted). */
  prepare?: () => Promise<Record<string, string>>;
  /** A request refused with 4xx. */
  refused?: (prepared: Record<string, string>) => Promise<{ status: number }>;
}

const missing = () => `missing-${unique()}`;
const req = (method: string, path: string, json?: unknown) => call(path, { method, json, client: boss });

const ROWS: Row[] = [
  { name: "inbox created", area: "inboxes", op: "created", targetType: "inbox", change: async () => (await created("/api/v1/inboxes", { kind: "webchat", name: `Site ${unique()}` })).id, refused: () => req("POST", "/api/v1/inboxes", { kind: "webchat", name: "" }) },
  {
    name: "inbox updated", area: "inboxes", op: "updated", targetType: "inbox", fields: ["name"],
    change: async () => { const { id } = await created("/api/v1/inboxes", { kind: "webchat", name: `Site ${unique()}` }); await ok("PATCH", `/api/v1/inboxes/${id}`, { name: "Renamed" }); return id; },
    refused: () => req("PATCH", `/api/v1/inboxes/${missing()}`, { name: "Renamed" }),
  },
  { name: "inbox deleted", area: "inboxes", op: "deleted", targetType: "inbox", change: async () => { const { id } = await created("/api/v1/inboxes", { kind: "webchat", name: `Site ${unique()}` }); await ok("DELETE", `/api/v1/inboxes/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/inboxes/${missing()}`) },
  { name: "menu bot saved", area: "inbox_bot", op: "updated", targetType: "inbox", change: async () => { const { id } = await created("/api/v1/inboxes", { kind: "webchat", name: `Site ${unique()}` }); await ok("PUT", `/api/v1/inboxes/${id}/bot`, defaultMenuBot("pt-BR")); return id; }, refused: () => req("PUT", `/api/v1/inboxes/${missing()}/bot`, defaultMenuBot("pt-BR")) },
  { name: "team created", area: "teams", op: "created", targetType: "team", change: team, refused: () => req("POST", "/api/v1/teams", { name: "" }) },
  { name: "team updated", area: "teams", op: "updated", targetType: "team", fields: ["distributionMode", "name"], change: async () => { const id = await team(); await ok("PATCH", `/api/v1/teams/${id}`, { name: `Renamed ${unique()}`, distributionMode: "auto" }); return id; }, refused: () => req("PATCH", `/api/v1/teams/${missing()}`, { name: "x" }) },
  { name: "team deleted", area: "teams", op: "deleted", targetType: "team", change: async () => { const id = await team(); await ok("DELETE", `/api/v1/teams/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/teams/${missing()}`) },
  { name: "team member added", area: "team_members", op: "added", targetType: "team", change: async () => { const id = await team(); await ok("PUT", `/api/v1/teams/${id}/members/${bossId}`); return id; }, refused: () => req("PUT", `/api/v1/teams/${missing()}/members/${bossId}`) },
  { name: "team member removed", area: "team_members", op: "removed", targetType: "team", change: async () => { const id = await team(); await ok("PUT", `/api/v1/teams/${id}/members/${bossId}`); await ok("DELETE", `/api/v1/teams/${id}/members/${bossId}`); return id; } },
  { name: "routing rule created", area: "routing_rules", op: "created", targetType: "routing_rule", change: async () => (await created("/api/v1/routing-rules", { name: `r-${unique()}`, teamId: await team() })).id, refused: () => req("POST", "/api/v1/routing-rules", { name: "r", teamId: missing() }) },
  { name: "routing rule updated", area: "routing_rules", op: "updated", targetType: "routing_rule", fields: ["enabled"], change: async () => { const { id } = await created("/api/v1/routing-rules", { name: `r-${unique()}`, teamId: await team() }); await ok("PATCH", `/api/v1/routing-rules/${id}`, { enabled: false }); return id; }, refused: () => req("PATCH", `/api/v1/routing-rules/${missing()}`, { enabled: false }) },
  { name: "routing rule deleted", area: "routing_rules", op: "deleted", targetType: "routing_rule", change: async () => { const { id } = await created("/api/v1/routing-rules", { name: `r-${unique()}`, teamId: await team() }); await ok("DELETE", `/api/v1/routing-rules/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/routing-rules/${missing()}`) },
  { name: "routing rules reordered", area: "routing_rules", op: "reordered", targetType: "routing_rule", change: async () => { const rules = (await ok("GET", "/api/v1/routing-rules")).rules as Array<{ id: string }>; await ok("PUT", "/api/v1/routing-rules/order", { ids: rules.map((r) => r.id).reverse() }); return null; }, refused: () => req("PUT", "/api/v1/routing-rules/order", { ids: [missing()] }) },
  { name: "priority rule created", area: "priority_rules", op: "created", targetType: "priority_rule", change: async () => (await created("/api/v1/priority-rules", { kind: "attribute", key: "plan", value: unique(), priority: 5 })).id, refused: () => req("POST", "/api/v1/priority-rules", { kind: "tag", tagId: missing(), priority: 5 }) },
  { name: "priority rule updated", area: "priority_rules", op: "updated", targetType: "priority_rule", fields: ["priority"], change: async () => { const { id } = await created("/api/v1/priority-rules", { kind: "attribute", key: "plan", value: unique(), priority: 5 }); await ok("PATCH", `/api/v1/priority-rules/${id}`, { priority: 9 }); return id; }, refused: () => req("PATCH", `/api/v1/priority-rules/${missing()}`, { priority: 9 }) },
  { name: "priority rule deleted", area: "priority_rules", op: "deleted", targetType: "priority_rule", change: async () => { const { id } = await created("/api/v1/priority-rules", { kind: "attribute", key: "plan", value: unique(), priority: 5 }); await ok("DELETE", `/api/v1/priority-rules/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/priority-rules/${missing()}`) },
  { name: "automation rule created", area: "automation_rules", op: "created", targetType: "automation_rule", change: async () => (await created("/api/v1/automation-rules", { name: `a-${unique()}`, trigger: { type: "customer_message" }, actions: [{ type: "resolve" }] })).id, refused: () => req("POST", "/api/v1/automation-rules", { name: "a", trigger: { type: "customer_message" }, actions: [] }) },
  { name: "automation rule updated", area: "automation_rules", op: "updated", targetType: "automation_rule", fields: ["enabled"], change: async () => { const { id } = await created("/api/v1/automation-rules", { name: `a-${unique()}`, trigger: { type: "customer_message" }, actions: [{ type: "resolve" }] }); await ok("PATCH", `/api/v1/automation-rules/${id}`, { enabled: false }); return id; }, refused: () => req("PATCH", `/api/v1/automation-rules/${missing()}`, { enabled: false }) },
  { name: "automation rule deleted", area: "automation_rules", op: "deleted", targetType: "automation_rule", change: async () => { const { id } = await created("/api/v1/automation-rules", { name: `a-${unique()}`, trigger: { type: "customer_message" }, actions: [{ type: "resolve" }] }); await ok("DELETE", `/api/v1/automation-rules/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/automation-rules/${missing()}`) },
  { name: "automation rules reordered", area: "automation_rules", op: "reordered", targetType: "automation_rule", change: async () => { const rules = (await ok("GET", "/api/v1/automation-rules")).rules as Array<{ id: string }>; await ok("PUT", "/api/v1/automation-rules/order", { ids: rules.map((r) => r.id).reverse() }); return null; }, refused: () => req("PUT", "/api/v1/automation-rules/order", { ids: [missing()] }) },
  { name: "webhook endpoint created", area: "webhooks", op: "created", targetType: "webhook_endpoint", change: async () => (await created("/api/v1/webhooks", { url: `https://h-${unique()}.audit.test/in`, events: ["csat.received"] })).endpoint.id, refused: () => req("POST", "/api/v1/webhooks", { url: "not a url", events: ["csat.received"] }) },
  { name: "webhook endpoint updated", area: "webhooks", op: "updated", targetType: "webhook_endpoint", fields: ["includeNotes"], change: async () => { const { endpoint } = await created("/api/v1/webhooks", { url: `https://h-${unique()}.audit.test/in`, events: ["csat.received"] }); await ok("PATCH", `/api/v1/webhooks/${endpoint.id}`, { includeNotes: true }); return endpoint.id; }, refused: () => req("PATCH", `/api/v1/webhooks/${missing()}`, { includeNotes: true }) },
  { name: "webhook endpoint enabled", area: "webhooks", op: "enabled", targetType: "webhook_endpoint", change: async () => { const { endpoint } = await created("/api/v1/webhooks", { url: `https://h-${unique()}.audit.test/in`, events: ["csat.received"] }); await ok("POST", `/api/v1/webhooks/${endpoint.id}/enable`); return endpoint.id; }, refused: () => req("POST", `/api/v1/webhooks/${missing()}/enable`) },
  { name: "webhook endpoint deleted", area: "webhooks", op: "deleted", targetType: "webhook_endpoint", change: async () => { const { endpoint } = await created("/api/v1/webhooks", { url: `https://h-${unique()}.audit.test/in`, events: ["csat.received"] }); await ok("DELETE", `/api/v1/webhooks/${endpoint.id}`); return endpoint.id; }, refused: () => req("DELETE", `/api/v1/webhooks/${missing()}`) },
  { name: "tag created", area: "tags", op: "created", targetType: "tag", change: async () => (await created("/api/v1/tags", { name: `t-${unique()}` })).id, refused: () => req("POST", "/api/v1/tags", { name: "" }) },
  {
    name: "tag updated", area: "tags", op: "updated", targetType: "tag", fields: ["color"],
    change: async () => { const { id } = await created("/api/v1/tags", { name: `t-${unique()}` }); await ok("PATCH", `/api/v1/tags/${id}`, { color: "#123456" }); return id; },
    // A name another tag has: refused by the unique index, the batch (and its entry) rolled back.
    prepare: async () => ({ taken: (await created("/api/v1/tags", { name: `dup-${unique()}` })).name, id: (await created("/api/v1/tags", { name: `t-${unique()}` })).id }),
    refused: (p) => req("PATCH", `/api/v1/tags/${p.id}`, { name: p.taken!.toUpperCase() }),
  },
  { name: "tag deleted", area: "tags", op: "deleted", targetType: "tag", change: async () => { const { id } = await created("/api/v1/tags", { name: `t-${unique()}` }); await ok("DELETE", `/api/v1/tags/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/tags/${missing()}`) },
  { name: "conversation type created", area: "conversation_types", op: "created", targetType: "conversation_type", change: async () => (await created("/api/v1/conversation-types", { name: `c-${unique()}` })).id, refused: () => req("POST", "/api/v1/conversation-types", { name: "" }) },
  { name: "conversation type renamed", area: "conversation_types", op: "updated", targetType: "conversation_type", fields: ["name"], change: async () => { const { id } = await created("/api/v1/conversation-types", { name: `c-${unique()}` }); await ok("PATCH", `/api/v1/conversation-types/${id}`, { name: `c-${unique()}` }); return id; }, refused: () => req("PATCH", `/api/v1/conversation-types/${missing()}`, { name: "x" }) },
  { name: "conversation type deleted", area: "conversation_types", op: "deleted", targetType: "conversation_type", change: async () => { const { id } = await created("/api/v1/conversation-types", { name: `c-${unique()}` }); await ok("DELETE", `/api/v1/conversation-types/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/conversation-types/${missing()}`) },
  { name: "canned response created", area: "canned_responses", op: "created", targetType: "canned_response", change: async () => (await created("/api/v1/canned-responses", { shortcode: `s-${unique()}`, body: "Olá!" })).id, refused: () => req("POST", "/api/v1/canned-responses", { shortcode: "", body: "Olá!" }) },
  { name: "canned response updated", area: "canned_responses", op: "updated", targetType: "canned_response", fields: ["body"], change: async () => { const { id } = await created("/api/v1/canned-responses", { shortcode: `s-${unique()}`, body: "Olá!" }); await ok("PATCH", `/api/v1/canned-responses/${id}`, { body: "Oi!" }); return id; }, refused: () => req("PATCH", `/api/v1/canned-responses/${missing()}`, { body: "Oi!" }) },
  { name: "canned response deleted", area: "canned_responses", op: "deleted", targetType: "canned_response", change: async () => { const { id } = await created("/api/v1/canned-responses", { shortcode: `s-${unique()}`, body: "Olá!" }); await ok("DELETE", `/api/v1/canned-responses/${id}`); return id; }, refused: () => req("DELETE", `/api/v1/canned-responses/${missing()}`) },
];

describe("settings changes", () => {
  it.each(ROWS.map((r) => [r.name, r] as const))("%s: one settings.changed entry, by the admin, naming the area, operation and target", async (_, row) => {
    const since = Date.now();
    const target = await row.change();
    const entries = (await auditEntries(boss, { action: "settings.changed", from: since })).filter((e) => e.details.area === row.area && e.details.op === row.op && (target === null || e.targetId === target));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { type: "agent", id: bossId }, targetType: row.targetType, targetId: target });
    if (row.fields) expect(entries[0]!.details.fields).toEqual(row.fields);
  });

  it.each(ROWS.filter((r) => r.refused).map((r) => [r.name, r] as const))("%s, refused (bad input, no such id or a conflict): 4xx and nothing recorded", async (_, row) => {
    const prepared = (await row.prepare?.()) ?? {};
    const before = await auditCount();
    const res = await row.refused!(prepared);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await auditCount()).toBe(before);
  });

  it("records nothing for an agent refused with 403", async () => {
    const agent = await agentWithRole("agent");
    const before = await auditCount();
    expect((await call("/api/v1/tags", { method: "POST", json: { name: `t-${unique()}` }, client: agent })).status).toBe(403);
    expect(await auditCount()).toBe(before);
  });

  it("keeps the text an admin wrote for customers out of the log (canned bodies, away messages)", async () => {
    const body = `Texto para clientes ${unique()}`;
    await created("/api/v1/canned-responses", { shortcode: `s-${unique()}`, body });
    const entries = await auditEntries(boss, { action: "settings.changed" });
    expect(JSON.stringify(entries)).not.toContain(body);
  });
});
