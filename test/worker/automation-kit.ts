/**
 * What the automation suites share: making rules through the API, a customer writing
 * through the widget, reading a conversation's log and its automation events, and a
 * clean slate of rules between tests (D1 is shared within a test file).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { AutomationEvent, ConversationEvent } from "../../worker/protocol";
import { eventually } from "./assertions";
import { customerWrites } from "./fixtures";
import { bearer, call, type Client } from "./http-client";

export async function makeRule(boss: Client, body: Record<string, unknown>): Promise<{ id: string; signingSecret?: string }> {
  const res = await call("/api/v1/automation-rules", { method: "POST", json: { name: `Rule ${crypto.randomUUID().slice(0, 6)}`, ...body }, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function deleteAllRules(boss: Client): Promise<void> {
  const rules = (await call("/api/v1/automation-rules", { client: boss })).body.rules as Array<{ id: string }>;
  for (const r of rules) await call(`/api/v1/automation-rules/${r.id}`, { method: "DELETE", client: boss });
}

/** The conversation's whole log, as agents see it. */
export async function logOf(boss: Client, conversationId: string): Promise<ConversationEvent[]> {
  const res = await call(`/api/v1/conversations/${conversationId}/messages`, { client: boss });
  expect(res.status).toBe(200);
  return res.body.events;
}

export async function automationEvents(boss: Client, conversationId: string): Promise<AutomationEvent[]> {
  return (await logOf(boss, conversationId)).filter((e): e is AutomationEvent => e.type === "automation");
}

/** Waits until the conversation's log holds `count` automation events, and returns them. */
export async function runsLogged(boss: Client, conversationId: string, count = 1): Promise<AutomationEvent[]> {
  return eventually(async () => {
    const runs = await automationEvents(boss, conversationId);
    if (runs.length < count) throw new Error(`${runs.length} automation events, waiting for ${count}`);
    return runs;
  });
}

/** Lets the pipeline and any run it started finish: the next write's projection passes
 * the same listener, and a run of a rule is made within a few hundred ms. */
export async function settle(ms = 600): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** The customer of an existing conversation writes again (through the widget). */
export async function writeAgain(token: string, body: string): Promise<number> {
  const res = await call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${crypto.randomUUID()}` }, headers: bearer(token) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.seq;
}

export { customerWrites };

/** A rule's row as D1 holds it (last run, last error). */
export async function ruleRow(id: string) {
  return env.DB.prepare("SELECT last_run_at, last_error, last_error_at FROM automation_rules WHERE id = ?").bind(id).first<{ last_run_at: number | null; last_error: string | null; last_error_at: number | null }>();
}

export async function conversationRow(id: string) {
  return env.DB.prepare("SELECT status, team_id, assignee_id, type_id, snoozed_until, last_activity_at FROM conversations WHERE id = ?")
    .bind(id)
    .first<{ status: string; team_id: string | null; assignee_id: string | null; type_id: string | null; snoozed_until: number | null; last_activity_at: number }>();
}
