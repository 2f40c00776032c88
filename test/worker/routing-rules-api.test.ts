/**
 * The routing rules API (/api/v1/routing-rules): admins and owners create, list in
 * order, change, delete and reorder; agents get 403 and visitors 401, changing nothing;
 * a rule naming an unknown team, inbox or tag is refused with nothing written.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { agentWithRole, owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { unique } from "./route-table";

let boss: Client;
let teamId: string;
let otherTeamId: string;
let inboxId: string;
let tagId: string;

beforeAll(async () => {
  boss = await owner();
  teamId = (await call("/api/v1/teams", { method: "POST", json: { name: `Billing ${unique()}` }, client: boss })).body.id;
  otherTeamId = (await call("/api/v1/teams", { method: "POST", json: { name: `Sales ${unique()}` }, client: boss })).body.id;
  inboxId = (await webchatInbox(boss)).id;
  tagId = (await call("/api/v1/tags", { method: "POST", json: { name: `vip-${unique()}` }, client: boss })).body.id;
});

async function newRule(client: Client, extra: Record<string, unknown> = {}) {
  const res = await call("/api/v1/routing-rules", { method: "POST", json: { name: `Rule ${unique()}`, teamId, ...extra }, client });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; position: number; enabled: boolean; conditions: Record<string, unknown>; teamId: string };
}

const ids = async () => ((await call("/api/v1/routing-rules", { client: boss })).body.rules as Array<{ id: string }>).map((r) => r.id);
const storedCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM routing_rules").first<{ n: number }>())!.n;

describe("an admin manages rules", () => {
  it("creates a rule with every condition kind; it comes back as stored, last in the list", async () => {
    const admin = await agentWithRole("admin");
    const conditions = {
      inboxIds: [inboxId],
      channels: ["whatsapp", "email"],
      recipientAddresses: ["Billing@Acme.example"],
      keywords: ["reembolso", "nota fiscal"],
      contactTagIds: [tagId],
      contactAttribute: { key: "plan", value: "gold" },
      hours: "inside",
    };
    const before = await ids();
    const rule = await newRule(admin, { name: "Refunds", conditions });
    expect(rule).toEqual({ id: expect.any(String), name: "Refunds", position: expect.any(Number), enabled: true, teamId, conditions: { ...conditions, recipientAddresses: ["billing@acme.example"] } });
    expect(await ids()).toEqual([...before, rule.id]);
  });

  it("changes a rule: absent fields stay, conditions are replaced whole", async () => {
    const rule = await newRule(boss, { conditions: { keywords: ["boleto"], channels: ["telegram"] } });
    const res = await call(`/api/v1/routing-rules/${rule.id}`, { method: "PATCH", json: { enabled: false, teamId: otherTeamId, conditions: { keywords: ["fatura"] } }, client: boss });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...rule, enabled: false, teamId: otherTeamId, conditions: { keywords: ["fatura"] } });
    expect((await call("/api/v1/routing-rules", { client: boss })).body.rules).toContainEqual(res.body);
  });

  it("deletes a rule; a second delete is 404", async () => {
    const rule = await newRule(boss);
    expect(await call(`/api/v1/routing-rules/${rule.id}`, { method: "DELETE", client: boss })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await ids()).not.toContain(rule.id);
    expectApiError(await call(`/api/v1/routing-rules/${rule.id}`, { method: "DELETE", client: boss }), 404, "routing_rule_not_found");
  });

  it("reorders every rule in one request", async () => {
    await newRule(boss);
    await newRule(boss);
    const current = await ids();
    const reversed = [...current].reverse();
    const res = await call("/api/v1/routing-rules/order", { method: "PUT", json: { ids: reversed }, client: boss });
    expect(res.status).toBe(200);
    expect(res.body.rules.map((r: { id: string }) => r.id)).toEqual(reversed);
    expect(res.body.rules.map((r: { position: number }) => r.position)).toEqual(reversed.map((_, i) => i));
    expect(await ids()).toEqual(reversed);
    // A rule created after a reorder still goes last.
    const last = await newRule(boss);
    expect((await ids()).at(-1)).toBe(last.id);
  });

  it("refuses an order that leaves a rule out (409) or names an unknown one (404), changing nothing", async () => {
    await newRule(boss);
    const current = await ids();
    expectApiError(await call("/api/v1/routing-rules/order", { method: "PUT", json: { ids: current.slice(1) }, client: boss }), 409, "conflict");
    expectApiError(await call("/api/v1/routing-rules/order", { method: "PUT", json: { ids: [...current.slice(1), "no-such-rule"] }, client: boss }), 404, "routing_rule_not_found");
    expectApiError(await call("/api/v1/routing-rules/order", { method: "PUT", json: { ids: [current[0], ...current] }, client: boss }), 400, "validation_failed");
    expect(await ids()).toEqual(current);
  });
});

describe("references", () => {
  it.each([
    ["an unknown team", { teamId: "no-such-team" }, "team_not_found"],
    ["an unknown inbox", { conditions: { inboxIds: ["no-such-inbox"] } }, "inbox_not_found"],
    ["an unknown tag", { conditions: { contactTagIds: ["no-such-tag"] } }, "tag_not_found"],
  ] as const)("creating a rule naming %s is 404 and writes nothing", async (_, extra, code) => {
    const before = await storedCount();
    expectApiError(await call("/api/v1/routing-rules", { method: "POST", json: { name: "Broken", teamId, ...extra }, client: boss }), 404, code);
    expect(await storedCount()).toBe(before);
  });

  it("changing a rule to an unknown team or tag is 404 and leaves it as it was", async () => {
    const rule = await newRule(boss);
    expectApiError(await call(`/api/v1/routing-rules/${rule.id}`, { method: "PATCH", json: { teamId: "no-such-team", name: "Renamed" }, client: boss }), 404, "team_not_found");
    expectApiError(await call(`/api/v1/routing-rules/${rule.id}`, { method: "PATCH", json: { conditions: { contactTagIds: ["nope"] } }, client: boss }), 404, "tag_not_found");
    expect((await call("/api/v1/routing-rules", { client: boss })).body.rules).toContainEqual(rule);
  });

  it("changing an unknown rule is 404", async () => {
    expectApiError(await call("/api/v1/routing-rules/no-such-rule", { method: "PATCH", json: { enabled: false }, client: boss }), 404, "routing_rule_not_found");
  });

  it("a deleted inbox counts as unknown", async () => {
    const gone = await webchatInbox(boss, "Gone");
    expect((await call(`/api/v1/inboxes/${gone.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expectApiError(await call("/api/v1/routing-rules", { method: "POST", json: { name: "Old", teamId, conditions: { inboxIds: [gone.id] } }, client: boss }), 404, "inbox_not_found");
  });
});

describe("authorization", () => {
  it("an agent gets 403 on every route and changes nothing", async () => {
    const rule = await newRule(boss);
    const agent = await agentWithRole("agent");
    const before = await call("/api/v1/routing-rules", { client: boss });
    expectApiError(await call("/api/v1/routing-rules", { client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/routing-rules", { method: "POST", json: { name: "Mine", teamId }, client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/routing-rules/${rule.id}`, { method: "PATCH", json: { enabled: false }, client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/routing-rules/${rule.id}`, { method: "DELETE", client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/routing-rules/order", { method: "PUT", json: { ids: [...before.body.rules.map((r: { id: string }) => r.id)].reverse() }, client: agent }), 403, "forbidden");
    expect(await call("/api/v1/routing-rules", { client: boss })).toEqual(expect.objectContaining({ body: before.body }));
  });

  it("a visitor (or nobody) gets 401", async () => {
    const inbox = await webchatInbox(boss, "Visitors");
    const v = await visitor(inbox.publicKey);
    expectApiError(await call("/api/v1/routing-rules", { headers: bearer(v.token) }), 401, "unauthenticated");
    expectApiError(await call("/api/v1/routing-rules", { method: "POST", json: { name: "Visitor", teamId }, headers: bearer(v.token) }), 401, "unauthenticated");
    expectApiError(await call("/api/v1/routing-rules"), 401, "unauthenticated");
  });
});
