/**
 * Automation rules, end to end through the pipeline: each event trigger (conversation
 * created, customer message, status changed) runs its rule and logs the run; rules run in
 * their order; disabled rules are skipped; and a rule that would loop (its own reply or
 * resolve setting it off again) runs once.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { owner, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";
import { automationEvents, customerWrites, deleteAllRules, logOf, makeRule, ruleRow, runsLogged, settle, writeAgain } from "./automation-kit";

let boss: Client;
let publicKey: string;

beforeAll(async () => {
  boss = await owner();
  publicKey = (await webchatInbox(boss, "Automation triggers")).publicKey;
});

afterEach(async () => deleteAllRules(boss));

const note = (body: string) => ({ type: "send_note", body });
const notesOf = async (conversationId: string) => (await logOf(boss, conversationId)).flatMap((e) => (e.type === "message" && e.kind === "note" ? [e] : []));

describe("triggers", () => {
  it("customer message: the rule runs on each customer message, writes as the rule and logs the run", async () => {
    const rule = await makeRule(boss, { name: "Tell the team", trigger: { type: "customer_message" }, actions: [note("A customer wrote")] });
    const c = await customerWrites(publicKey, "Olá");
    const [run] = await runsLogged(boss, c.conversationId);
    expect(run).toMatchObject({ type: "automation", ruleId: rule.id, ruleName: "Tell the team", trigger: "customer_message", actions: [{ type: "send_note" }], actor: { type: "system", id: `automation:${rule.id}`, name: "Tell the team" } });
    expect(run!.error).toBeUndefined();
    const notes = await notesOf(c.conversationId);
    expect(notes.map((n) => [n.body, n.actor.id])).toEqual([["A customer wrote", `automation:${rule.id}`]]);
    expect((await ruleRow(rule.id))!.last_run_at).toBeGreaterThan(0);
    await writeAgain(c.token, "Again");
    expect(await runsLogged(boss, c.conversationId, 2)).toHaveLength(2);
  });

  it("conversation created: runs on the first message only", async () => {
    const rule = await makeRule(boss, { trigger: { type: "conversation_created" }, actions: [note("New conversation")] });
    const c = await customerWrites(publicKey, "First");
    expect((await runsLogged(boss, c.conversationId)).map((r) => [r.ruleId, r.trigger])).toEqual([[rule.id, "conversation_created"]]);
    await writeAgain(c.token, "Second");
    await settle();
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(1);
  });

  it("status changed: runs when an agent changes the status, with the status it changed to", async () => {
    await makeRule(boss, { trigger: { type: "status_changed" }, conditions: { statuses: ["resolved"] }, actions: [note("Resolved")] });
    const c = await customerWrites(publicKey, "Help");
    await settle();
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(0);
    const snooze = await call(`/api/v1/conversations/${c.conversationId}/status`, { method: "POST", json: { status: "snoozed", until: Date.now() + 3_600_000 }, client: boss });
    expect(snooze.status).toBe(200);
    await settle();
    // Snoozed is not the status the rule waits for.
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(0);
    expect((await call(`/api/v1/conversations/${c.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    const [run] = await runsLogged(boss, c.conversationId);
    expect(run!.trigger).toBe("status_changed");
    expect((await notesOf(c.conversationId)).map((n) => n.body)).toEqual(["Resolved"]);
  });
});

describe("order and enabling", () => {
  it("runs matching rules in their order, and in the new order after a reorder", async () => {
    const first = await makeRule(boss, { trigger: { type: "customer_message" }, actions: [note("one")] });
    const second = await makeRule(boss, { trigger: { type: "customer_message" }, actions: [note("two")] });
    const a = await customerWrites(publicKey, "Hi");
    await runsLogged(boss, a.conversationId, 2);
    expect((await notesOf(a.conversationId)).map((n) => n.body)).toEqual(["one", "two"]);
    expect((await automationEvents(boss, a.conversationId)).map((r) => r.ruleId)).toEqual([first.id, second.id]);
    expect((await call("/api/v1/automation-rules/order", { method: "PUT", json: { ids: [second.id, first.id] }, client: boss })).status).toBe(200);
    const b = await customerWrites(publicKey, "Hi");
    await runsLogged(boss, b.conversationId, 2);
    expect((await notesOf(b.conversationId)).map((n) => n.body)).toEqual(["two", "one"]);
  });

  it("skips a disabled rule, and runs it once enabled", async () => {
    const rule = await makeRule(boss, { enabled: false, trigger: { type: "customer_message" }, actions: [note("on")] });
    const c = await customerWrites(publicKey, "Hi");
    await settle();
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(0);
    expect((await ruleRow(rule.id))!.last_run_at).toBeNull();
    expect((await call(`/api/v1/automation-rules/${rule.id}`, { method: "PATCH", json: { enabled: true }, client: boss })).status).toBe(200);
    await writeAgain(c.token, "Again");
    expect((await runsLogged(boss, c.conversationId)).map((r) => r.ruleId)).toEqual([rule.id]);
  });
});

describe("no loops", () => {
  it("customer message → canned response: the rule's own reply does not set it off again", async () => {
    const canned = (await call("/api/v1/canned-responses", { method: "POST", json: { shortcode: `hi-${crypto.randomUUID().slice(0, 6)}`, body: "We got your message" }, client: boss })).body;
    await makeRule(boss, { trigger: { type: "customer_message" }, actions: [{ type: "send_canned_response", cannedResponseId: canned.id }] });
    const c = await customerWrites(publicKey, "Hello");
    await runsLogged(boss, c.conversationId);
    await settle(1_000);
    const replies = (await logOf(boss, c.conversationId)).filter((e) => e.type === "message" && e.body === "We got your message");
    expect(replies).toHaveLength(1);
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(1);
  });

  it("status changed → resolve: runs once, and no other status rule reacts to it", async () => {
    const resolve = await makeRule(boss, { trigger: { type: "status_changed" }, actions: [{ type: "resolve" }] });
    const watcher = await makeRule(boss, { trigger: { type: "status_changed" }, actions: [note("status changed")] });
    const c = await customerWrites(publicKey, "Hello");
    expect((await call(`/api/v1/conversations/${c.conversationId}/status`, { method: "POST", json: { status: "snoozed", until: Date.now() + 3_600_000 }, client: boss })).status).toBe(200);
    await runsLogged(boss, c.conversationId, 2);
    await settle(1_000);
    const runs = await automationEvents(boss, c.conversationId);
    expect(runs.map((r) => r.ruleId)).toEqual([resolve.id, watcher.id]);
    const statuses = (await logOf(boss, c.conversationId)).flatMap((e) => (e.type === "status" ? [[e.from, e.to, e.actor.id]] : []));
    expect(statuses).toEqual([
      ["open", "snoozed", expect.any(String)],
      ["snoozed", "resolved", `automation:${resolve.id}`],
    ]);
  });
});
