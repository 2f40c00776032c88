/**
 * The idle trigger, through the Worker's `scheduled()` handler (the cron) called as the
 * platform would: an open conversation with no message for the rule's minutes gets the
 * rule once per idle period, not on every tick; the rule's own reply does not start a new
 * period, the customer's does; conversations idle for less, or not open, are left alone.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { owner, projected, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";
import { eventually } from "./assertions";
import { automationEvents, conversationRow, customerWrites, deleteAllRules, logOf, makeRule, writeAgain } from "./automation-kit";

let boss: Client;
let publicKey: string;
const MINUTE = 60_000;

beforeAll(async () => {
  boss = await owner();
  publicKey = (await webchatInbox(boss, "Automation idle")).publicKey;
});

afterEach(async () => deleteAllRules(boss));

/** One cron tick at `at` (epoch ms), waited for to the end. */
async function tick(at: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("idle rules", () => {
  it("run once on an open conversation idle for their minutes, and not again on the next ticks", async () => {
    const rule = await makeRule(boss, { trigger: { type: "idle", minutes: 30 }, actions: [{ type: "send_note", body: "Still waiting?" }] });
    const c = await customerWrites(publicKey, "Hello?");
    const last = (await conversationRow(c.conversationId))!.last_activity_at;
    await tick(last + 29 * MINUTE);
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(0);
    await tick(last + 31 * MINUTE);
    const runs = await automationEvents(boss, c.conversationId);
    expect(runs.map((r) => [r.ruleId, r.trigger, r.actions])).toEqual([[rule.id, "idle", [{ type: "send_note" }]]]);
    await tick(last + 32 * MINUTE);
    await tick(last + 90 * MINUTE);
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(1);
  });

  it("the rule's own reply starts no new idle period; the customer's message does", async () => {
    const canned = (await call("/api/v1/canned-responses", { method: "POST", json: { shortcode: `idle-${crypto.randomUUID().slice(0, 6)}`, body: "Are you still there?" }, client: boss })).body;
    await makeRule(boss, { trigger: { type: "idle", minutes: 10 }, actions: [{ type: "send_canned_response", cannedResponseId: canned.id }] });
    const c = await customerWrites(publicKey, "Hi");
    const last = (await conversationRow(c.conversationId))!.last_activity_at;
    await tick(last + 11 * MINUTE);
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(1);
    // The reply moved the last activity; wait until D1 has it, then tick far later.
    const afterReply = (await logOf(boss, c.conversationId)).at(-1)!.seq;
    await projected(c.conversationId, afterReply);
    expect((await conversationRow(c.conversationId))!.last_activity_at).toBeGreaterThan(last);
    await tick(Date.now() + 60 * MINUTE);
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(1);
    // The customer writes: a new idle period, and the rule runs again after it.
    const seq = await writeAgain(c.token, "Yes, still here");
    await projected(c.conversationId, seq);
    await tick(Date.now() + 11 * MINUTE);
    expect(await automationEvents(boss, c.conversationId)).toHaveLength(2);
    const replies = (await logOf(boss, c.conversationId)).filter((e) => e.type === "message" && e.body === "Are you still there?");
    expect(replies).toHaveLength(2);
  });

  it("leave alone a conversation that is not open, and skip disabled idle rules", async () => {
    await makeRule(boss, { trigger: { type: "idle", minutes: 5 }, actions: [{ type: "send_note", body: "idle" }] });
    await makeRule(boss, { enabled: false, trigger: { type: "idle", minutes: 1 }, actions: [{ type: "send_note", body: "disabled" }] });
    const resolved = await customerWrites(publicKey, "Done");
    expect((await call(`/api/v1/conversations/${resolved.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    await eventually(async () => expect((await conversationRow(resolved.conversationId))!.status).toBe("resolved"));
    const open = await customerWrites(publicKey, "Waiting");
    await tick(Date.now() + 6 * MINUTE);
    expect(await automationEvents(boss, resolved.conversationId)).toHaveLength(0);
    const runs = await automationEvents(boss, open.conversationId);
    expect(runs).toHaveLength(1);
    const notes = (await logOf(boss, open.conversationId)).flatMap((e) => (e.type === "message" && e.kind === "note" ? [e.body] : []));
    expect(notes).toEqual(["idle"]);
  });
});
