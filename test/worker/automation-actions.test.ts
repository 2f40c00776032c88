/**
 * Each automation action's effect, in D1 and in the conversation's log: assign a team or
 * an agent, add a tag, set the type, send a canned response (the customer sees it, not the
 * run), send a private note, resolve, snooze, and call a webhook signed with the recipe
 * receivers verify. A failing action (a webhook answering 500, a tag deleted since) is
 * recorded on the rule and in the run's event, and stops the run.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { agentWithRole, owner, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { eventually } from "./assertions";
import { fakeProvider } from "./provider-fake";
import { verifySignature } from "../../worker/webhooks/signature";
import { AutomationWebhookPayload } from "../../worker/protocol";
import { conversationRow, customerWrites, deleteAllRules, logOf, makeRule, ruleRow, runsLogged } from "./automation-kit";

let boss: Client;
let publicKey: string;
const made = async (path: string, json: unknown) => {
  const res = await call(path, { method: "POST", json, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const u = () => crypto.randomUUID().slice(0, 6);

beforeAll(async () => {
  boss = await owner();
  publicKey = (await webchatInbox(boss, "Automation actions")).publicKey;
});

afterEach(async () => deleteAllRules(boss));

/** A rule with `actions` on customer messages, and a new customer who writes `text`. */
async function runOn(actions: unknown[], text = "Hello") {
  const rule = await makeRule(boss, { trigger: { type: "customer_message" }, actions });
  const c = await customerWrites(publicKey, text);
  const [run] = await runsLogged(boss, c.conversationId);
  return { rule, c, run: run! };
}

describe("actions", () => {
  it("assign_team moves the conversation to the team", async () => {
    const teamId = await made("/api/v1/teams", { name: `Billing ${u()}` });
    const { c, run } = await runOn([{ type: "assign_team", teamId }]);
    expect(run.actions).toEqual([{ type: "assign_team" }]);
    await eventually(async () => expect((await conversationRow(c.conversationId))!.team_id).toBe(teamId));
    expect((await logOf(boss, c.conversationId)).some((e) => e.type === "assignment" && e.teamId === teamId && e.actor.id?.startsWith("automation:"))).toBe(true);
  });

  it("assign_agent gives the conversation to the agent", async () => {
    const agent = await agentWithRole("agent");
    const { c } = await runOn([{ type: "assign_agent", agentId: agent.id }]);
    await eventually(async () => expect((await conversationRow(c.conversationId))!.assignee_id).toBe(agent.id));
  });

  it("add_tag tags the conversation; set_type sets its type", async () => {
    const tagId = await made("/api/v1/tags", { name: `auto-${u()}` });
    const typeId = await made("/api/v1/conversation-types", { name: `Refund ${u()}` });
    const { c, run } = await runOn([{ type: "add_tag", tagId }, { type: "set_type", typeId }]);
    expect(run.actions).toEqual([{ type: "add_tag" }, { type: "set_type" }]);
    const tags = await env.DB.prepare("SELECT tag_id FROM conversation_tags WHERE conversation_id = ?").bind(c.conversationId).all<{ tag_id: string }>();
    expect(tags.results.map((r) => r.tag_id)).toEqual([tagId]);
    expect((await conversationRow(c.conversationId))!.type_id).toBe(typeId);
  });

  it("set_priority sets the contact's own priority, and its effective priority follows", async () => {
    const { c, run } = await runOn([{ type: "set_priority", priority: 80 }]);
    expect(run.actions).toEqual([{ type: "set_priority" }]);
    await eventually(async () =>
      expect(await env.DB.prepare("SELECT priority, effective_priority FROM contacts WHERE id = ?").bind(c.contactId).first()).toEqual({ priority: 80, effective_priority: 80 }),
    );
  });

  it("send_canned_response writes the canned text to the customer, who does not see the run", async () => {
    const cannedId = await made("/api/v1/canned-responses", { shortcode: `ack-${u()}`, body: "Recebemos sua mensagem" });
    const { rule, c } = await runOn([{ type: "send_canned_response", cannedResponseId: cannedId }]);
    const reply = (await logOf(boss, c.conversationId)).find((e) => e.type === "message" && e.body === "Recebemos sua mensagem");
    expect(reply).toMatchObject({ kind: "text", actor: { type: "bot", id: `automation:${rule.id}` } });
    const seen = (await call("/api/v1/widget/messages", { headers: bearer(c.token) })).body.events as Array<{ type: string; body?: string }>;
    expect(seen.some((e) => e.body === "Recebemos sua mensagem")).toBe(true);
    expect(seen.some((e) => e.type === "automation")).toBe(false);
    // A bot's reply is not an agent's first response.
    const row = await env.DB.prepare("SELECT first_response_at FROM conversations WHERE id = ?").bind(c.conversationId).first<{ first_response_at: number | null }>();
    expect(row!.first_response_at).toBeNull();
  });

  it("send_note writes a private note", async () => {
    const { c } = await runOn([{ type: "send_note", body: "Check the order" }]);
    const notes = (await logOf(boss, c.conversationId)).filter((e) => e.type === "message" && e.kind === "note");
    expect(notes.map((n) => (n.type === "message" ? n.body : null))).toEqual(["Check the order"]);
    const seen = (await call("/api/v1/widget/messages", { headers: bearer(c.token) })).body.events as Array<{ body?: string }>;
    expect(seen.some((e) => e.body === "Check the order")).toBe(false);
  });

  it("resolve resolves; snooze snoozes for its minutes", async () => {
    const resolved = await runOn([{ type: "resolve" }]);
    await eventually(async () => expect((await conversationRow(resolved.c.conversationId))!.status).toBe("resolved"));
    const before = Date.now();
    const snoozed = await runOn([{ type: "snooze", minutes: 90 }]);
    await eventually(async () => {
      const row = await conversationRow(snoozed.c.conversationId);
      expect(row!.status).toBe("snoozed");
      expect(row!.snoozed_until).toBeGreaterThanOrEqual(before + 90 * 60_000);
      expect(row!.snoozed_until).toBeLessThanOrEqual(Date.now() + 90 * 60_000);
    });
  });

  it("call_webhook POSTs the run, signed with the rule's secret (shown once), with a delivery id", async () => {
    const hooks = fakeProvider("https://hooks.automation.test").on("POST", /^\/in$/, [], new Response("ok"));
    const { rule, c, run } = await runOn([{ type: "call_webhook", url: "https://hooks.automation.test/in" }]);
    expect(run.actions).toEqual([{ type: "call_webhook" }]);
    expect(rule.signingSecret).toMatch(/^whsec_/);
    const listed = (await call("/api/v1/automation-rules", { client: boss })).body.rules;
    expect(JSON.stringify(listed)).not.toContain(rule.signingSecret!);
    const [sent] = hooks.callsTo("POST", /^\/in$/);
    expect(sent).toBeDefined();
    expect(await verifySignature(rule.signingSecret!, sent!.body, sent!.headers.get("Switchboard-Signature"), Date.now())).toBe(true);
    expect(await verifySignature("whsec_wrong", sent!.body, sent!.headers.get("Switchboard-Signature"), Date.now())).toBe(false);
    expect(sent!.headers.get("Switchboard-Event")).toBe("automation.rule");
    expect(sent!.headers.get("Switchboard-Delivery")).toContain(rule.id);
    const payload = AutomationWebhookPayload.parse(JSON.parse(sent!.body));
    expect(payload).toMatchObject({ ruleId: rule.id, trigger: "customer_message", conversation: { id: c.conversationId } });
  });
});

describe("failures", () => {
  it("a webhook answering 500 records the error on the rule and in the run, and stops the run", async () => {
    fakeProvider("https://down.automation.test").on("POST", /.*/, [], new Response("boom", { status: 500 }));
    const { rule, c, run } = await runOn([{ type: "call_webhook", url: "https://down.automation.test/x" }, { type: "send_note", body: "after" }]);
    expect(run.error).toBe("webhook answered HTTP 500");
    expect(run.actions).toEqual([{ type: "call_webhook", error: "webhook answered HTTP 500" }]);
    expect((await logOf(boss, c.conversationId)).some((e) => e.type === "message" && e.body === "after")).toBe(false);
    await eventually(async () => expect(await ruleRow(rule.id)).toMatchObject({ last_error: "webhook answered HTTP 500", last_error_at: expect.any(Number) }));
    const listed = (await call("/api/v1/automation-rules", { client: boss })).body.rules.find((r: { id: string }) => r.id === rule.id);
    expect(listed.lastError).toBe("webhook answered HTTP 500");
  });

  it("a tag deleted after the rule was saved fails the run with the reason", async () => {
    const tagId = await made("/api/v1/tags", { name: `gone-${u()}` });
    const rule = await makeRule(boss, { trigger: { type: "customer_message" }, actions: [{ type: "add_tag", tagId }] });
    expect((await call(`/api/v1/tags/${tagId}`, { method: "DELETE", client: boss })).status).toBe(200);
    const c = await customerWrites(publicKey, "Hi");
    const [run] = await runsLogged(boss, c.conversationId);
    expect(run!.error).toBe(`tag ${tagId} no longer exists`);
    await eventually(async () => expect((await ruleRow(rule.id))!.last_error).toBe(`tag ${tagId} no longer exists`));
  });

  it("a webhook URL that became internal (stored before the check) is refused at run time, not called", async () => {
    const rule = await makeRule(boss, { trigger: { type: "customer_message" }, actions: [{ type: "call_webhook", url: "https://hooks.automation.test/in" }] });
    await env.DB.prepare("UPDATE automation_rules SET actions = ? WHERE id = ?").bind(JSON.stringify([{ type: "call_webhook", url: "https://169.254.169.254/latest" }]), rule.id).run();
    // The API forgets its cache on writes; this write went around it.
    await call(`/api/v1/automation-rules/${rule.id}`, { method: "PATCH", json: { name: "Internal" }, client: boss });
    const c = await customerWrites(publicKey, "Hi");
    const [run] = await runsLogged(boss, c.conversationId);
    expect(run!.error).toBe("webhook refused: private, loopback or reserved addresses are not accepted");
  });
});
