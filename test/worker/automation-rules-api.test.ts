/**
 * The automation rules API (/api/v1/automation-rules): owners and admins create, list in
 * order, change, reorder and delete; agents get 403 and visitors 401, changing nothing.
 * The webhook URL check (url-guard.ts) on its own, and the listener's run claims: a batch the
 * pipeline delivers again does not run a rule twice.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { agentWithRole, owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { urlRefusal } from "../../worker/webhooks/url-guard";
import { automationRules } from "../../worker/pipeline/listeners/automation";
import { findConversation } from "../../worker/db/conversations";
import { database } from "../../worker/db/client";
import type { RoomState } from "../../worker/conversation/commands";
import { automationEvents, customerWrites, deleteAllRules, logOf, makeRule, runsLogged, settle } from "./automation-kit";

let boss: Client;
let publicKey: string;
const body = { name: "Close", trigger: { type: "idle", minutes: 60 }, conditions: { statuses: ["open"] }, actions: [{ type: "resolve" }] };
const ids = async () => ((await call("/api/v1/automation-rules", { client: boss })).body.rules as Array<{ id: string }>).map((r) => r.id);

beforeAll(async () => {
  boss = await owner();
  publicKey = (await webchatInbox(boss, "Automation API")).publicKey;
});

describe("admins manage rules", () => {
  it("an admin creates a rule; it comes back as stored, last, with no run yet and no secret", async () => {
    const admin = await agentWithRole("admin");
    const res = await call("/api/v1/automation-rules", { method: "POST", json: body, client: admin });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), position: expect.any(Number), enabled: true, ...body, lastRunAt: null, lastError: null, lastErrorAt: null });
    expect((await ids()).at(-1)).toBe(res.body.id);
  });

  it("changes a rule (absent fields stay), reorders, deletes", async () => {
    const a = await makeRule(boss, body);
    const b = await makeRule(boss, body);
    const changed = await call(`/api/v1/automation-rules/${a.id}`, { method: "PATCH", json: { enabled: false, actions: [{ type: "snooze", minutes: 60 }] }, client: boss });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ enabled: false, trigger: body.trigger, actions: [{ type: "snooze", minutes: 60 }] });
    const reversed = [...(await ids())].reverse();
    expect((await call("/api/v1/automation-rules/order", { method: "PUT", json: { ids: reversed }, client: boss })).status).toBe(200);
    expect(await ids()).toEqual(reversed);
    expect((await call(`/api/v1/automation-rules/${b.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expect(await ids()).not.toContain(b.id);
    expectApiError(await call(`/api/v1/automation-rules/${b.id}`, { method: "DELETE", client: boss }), 404, "automation_rule_not_found");
  });

  it("adding a webhook to a rule without one gives it a secret, shown in that answer only", async () => {
    const rule = await makeRule(boss, body);
    const res = await call(`/api/v1/automation-rules/${rule.id}`, { method: "PATCH", json: { actions: [{ type: "call_webhook", url: "https://hooks.example.com/a" }] }, client: boss });
    expect(res.body.signingSecret).toMatch(/^whsec_/);
    const again = await call(`/api/v1/automation-rules/${rule.id}`, { method: "PATCH", json: { actions: [{ type: "call_webhook", url: "https://hooks.example.com/b" }] }, client: boss });
    expect(again.body.signingSecret).toBeUndefined();
    const stored = await env.DB.prepare("SELECT signing_secret FROM automation_rules WHERE id = ?").bind(rule.id).first<{ signing_secret: string }>();
    expect(stored!.signing_secret).not.toContain(res.body.signingSecret.slice(6));
  });
});

describe("who may", () => {
  it("agents get 403 and visitors 401 on every route, and nothing changes", async () => {
    const rule = await makeRule(boss, body);
    const before = await call("/api/v1/automation-rules", { client: boss });
    const agent = await agentWithRole("agent");
    const v = await visitor(publicKey);
    const requests = [
      ["GET", "/api/v1/automation-rules", undefined],
      ["POST", "/api/v1/automation-rules", body],
      ["PATCH", `/api/v1/automation-rules/${rule.id}`, { enabled: false }],
      ["DELETE", `/api/v1/automation-rules/${rule.id}`, undefined],
      ["PUT", "/api/v1/automation-rules/order", { ids: [rule.id] }],
    ] as const;
    for (const [method, path, json] of requests) {
      expectApiError(await call(path, { method, json, client: agent }), 403, "forbidden");
      expectApiError(await call(path, { method, json, headers: bearer(v.token) }), 401, "unauthenticated");
    }
    expect(await call("/api/v1/automation-rules", { client: boss })).toEqual(before);
  });
});

describe("webhook URLs", () => {
  it.each([
    ["https://hooks.example.com/x", null],
    ["https://93.184.216.34/x", null],
    ["http://hooks.example.com/x", "only https URLs may be called"],
    ["https://127.0.0.1/x", "loopback addresses may not be called"],
    ["https://2130706433/x", "loopback addresses may not be called"],
    ["https://0x7f.1/x", "loopback addresses may not be called"],
    ["https://localhost/x", "loopback addresses may not be called"],
    ["https://api.localhost/x", "loopback addresses may not be called"],
    ["https://[::1]/x", "loopback addresses may not be called"],
    ["https://[::ffff:10.0.0.1]/x", "private addresses may not be called"],
    ["https://10.1.2.3/x", "private addresses may not be called"],
    ["https://172.20.0.1/x", "private addresses may not be called"],
    ["https://192.168.0.10/x", "private addresses may not be called"],
    ["https://169.254.169.254/x", "link-local addresses may not be called"],
    ["https://100.64.0.1/x", "shared (carrier-grade NAT) addresses may not be called"],
    ["https://[fd00::1]/x", "private addresses may not be called"],
    ["https://[fe80::1]/x", "link-local addresses may not be called"],
    ["https://metadata/x", "internal host names may not be called"],
    ["https://db.internal/x", "internal host names may not be called"],
    ["https://user:pw@hooks.example.com/x", "URLs with credentials may not be called"],
  ])("%s → %s", (url, refusal) => {
    // One guard for every URL an admin names (worker/webhooks/url-guard.ts): refused or
    // not is what matters here; its own tests pin the reasons.
    expect(urlRefusal(url) === null).toBe(refusal === null);
  });
});

describe("a batch delivered again", () => {
  it("runs each rule once: the run is claimed in D1 before it is made", async () => {
    await deleteAllRules(boss);
    await makeRule(boss, { trigger: { type: "customer_message" }, actions: [{ type: "send_note", body: "once" }] });
    const c = await customerWrites(publicKey, "Hi");
    await runsLogged(boss, c.conversationId);
    // The pipeline hands the same events to its listeners again (a retry after a failure).
    const events = await logOf(boss, c.conversationId);
    const conversation = (await findConversation(database(env.DB), c.conversationId))!;
    const batch = { conversations: [{ state: conversation as unknown as RoomState, events }], at: Date.now(), projected: [conversation] };
    await automationRules.handle(batch, env);
    await automationRules.handle(batch, env);
    await settle();
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(1);
    const notes = (await logOf(boss, c.conversationId)).filter((e) => e.type === "message" && e.body === "once");
    expect(notes).toHaveLength(1);
    await deleteAllRules(boss);
  });
});
