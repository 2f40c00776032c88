/**
 * The segment-rule API per role (admins and owners manage rules; agents get 403 and
 * change nothing), its answers (list order, kinds, 404/409 refusals) and its limit.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PRIORITY_RULES } from "../../worker/protocol";
import { expectApiError } from "./assertions";
import { agentWithRole, owner } from "./fixtures";
import { call, type Client } from "./http-client";
import { storedRows } from "./stored-rows";

let boss: Client;
let admin: Client;
let agent: Client;

beforeAll(async () => {
  boss = await owner();
  admin = await agentWithRole("admin");
  agent = await agentWithRole("agent");
});

const rules = async (client: Client = admin) => (await call("/api/v1/priority-rules", { client })).body.rules as Array<Record<string, unknown>>;
const uniqueValue = () => `v-${crypto.randomUUID().slice(0, 8)}`;

describe("per role", () => {
  for (const [role, client] of [["admin", () => admin], ["owner", () => boss]] as const) {
    it(`an ${role} lists, creates, changes and deletes rules`, async () => {
      const tag = (await call("/api/v1/tags", { method: "POST", json: { name: `t-${uniqueValue()}` }, client: client() })).body.id;
      const byTag = await call("/api/v1/priority-rules", { method: "POST", json: { kind: "tag", tagId: tag, priority: 70 }, client: client() });
      expect(byTag.status).toBe(201);
      expect(byTag.body).toEqual({ id: expect.any(String), kind: "tag", tagId: tag, priority: 70 });
      const value = uniqueValue();
      const byAttribute = await call("/api/v1/priority-rules", { method: "POST", json: { kind: "attribute", key: "segment", value, priority: 20 }, client: client() });
      expect(byAttribute.body).toEqual({ id: expect.any(String), kind: "attribute", key: "segment", value, priority: 20 });
      const listed = await rules(client());
      expect(listed).toEqual(expect.arrayContaining([byTag.body, byAttribute.body]));
      // Highest priority first.
      const priorities = listed.map((r) => r.priority as number);
      expect(priorities).toEqual([...priorities].sort((a, b) => b - a));

      const changed = await call(`/api/v1/priority-rules/${byAttribute.body.id}`, { method: "PATCH", json: { key: "segment2", priority: 99 }, client: client() });
      expect(changed.body).toEqual({ ...byAttribute.body, key: "segment2", priority: 99 });
      for (const r of [byTag.body, byAttribute.body]) expect((await call(`/api/v1/priority-rules/${r.id}`, { method: "DELETE", client: client() })).body).toEqual({ ok: true });
      expect((await rules(client())).map((r) => r.id)).not.toEqual(expect.arrayContaining([byTag.body.id]));
    });
  }

  it("an agent gets 403 on every rule route and changes nothing", async () => {
    const rule = (await call("/api/v1/priority-rules", { method: "POST", json: { kind: "attribute", key: "plan", value: uniqueValue(), priority: 10 }, client: admin })).body;
    const before = await storedRows();
    const listBefore = await rules();
    expectApiError(await call("/api/v1/priority-rules", { client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/priority-rules", { method: "POST", json: { kind: "attribute", key: "plan", value: "x", priority: 10 }, client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/priority-rules/${rule.id}`, { method: "PATCH", json: { priority: 100 }, client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/priority-rules/${rule.id}`, { method: "DELETE", client: agent }), 403, "forbidden");
    expect(await storedRows()).toEqual(before);
    expect(await rules()).toEqual(listBefore);
  });

  it("an anonymous caller gets 401", async () => {
    expectApiError(await call("/api/v1/priority-rules"), 401, "unauthenticated");
  });
});

describe("refusals", () => {
  it("a second rule on the same tag or attribute value is 409; a tag rule on a missing tag is 404; both store nothing", async () => {
    const tag = (await call("/api/v1/tags", { method: "POST", json: { name: `dup-${uniqueValue()}` }, client: admin })).body.id;
    expect((await call("/api/v1/priority-rules", { method: "POST", json: { kind: "tag", tagId: tag, priority: 10 }, client: admin })).status).toBe(201);
    const before = await storedRows();
    expectApiError(await call("/api/v1/priority-rules", { method: "POST", json: { kind: "tag", tagId: tag, priority: 90 }, client: admin }), 409, "conflict");
    expectApiError(await call("/api/v1/priority-rules", { method: "POST", json: { kind: "tag", tagId: "no-such-tag", priority: 90 }, client: admin }), 404, "tag_not_found");
    expect(await storedRows()).toEqual(before);
  });

  it("changing a tag rule's key, or moving it to a missing tag, is refused and changes nothing", async () => {
    const tag = (await call("/api/v1/tags", { method: "POST", json: { name: `mv-${uniqueValue()}` }, client: admin })).body.id;
    const rule = (await call("/api/v1/priority-rules", { method: "POST", json: { kind: "tag", tagId: tag, priority: 10 }, client: admin })).body;
    const res = await call(`/api/v1/priority-rules/${rule.id}`, { method: "PATCH", json: { key: "plan" }, client: admin });
    expectApiError(res, 400, "validation_failed");
    expect(res.body.error.issues[0].path).toEqual(["key"]);
    expectApiError(await call(`/api/v1/priority-rules/${rule.id}`, { method: "PATCH", json: { tagId: "no-such-tag", priority: 50 }, client: admin }), 404, "tag_not_found");
    expect((await rules()).find((r) => r.id === rule.id)).toEqual(rule);
  });

  it(`holds at most ${MAX_PRIORITY_RULES} rules: one more is 409 and stores nothing`, async () => {
    const have = (await rules()).length;
    const statements = [];
    for (let i = have; i < MAX_PRIORITY_RULES; i++) {
      const key = `attribute:${JSON.stringify(["filler", String(i)])}`;
      statements.push(env.DB.prepare("INSERT INTO priority_rules (id, kind, attr_key, attr_value, match_key, priority, created_at) VALUES (?, 'attribute', 'filler', ?, ?, 1, 0)").bind(`filler-${i}`, String(i), key));
    }
    await env.DB.batch(statements);
    const before = await storedRows();
    const res = await call("/api/v1/priority-rules", { method: "POST", json: { kind: "attribute", key: "plan", value: uniqueValue(), priority: 10 }, client: admin });
    expectApiError(res, 409, "conflict");
    expect(res.body.error.message).toContain(String(MAX_PRIORITY_RULES));
    expect(await storedRows()).toEqual(before);
    // Deleting one makes room again.
    expect((await call("/api/v1/priority-rules/filler-199", { method: "DELETE", client: admin })).status).toBe(200);
    expect((await call("/api/v1/priority-rules", { method: "POST", json: { kind: "attribute", key: "plan", value: uniqueValue(), priority: 10 }, client: admin })).status).toBe(201);
  });
});
