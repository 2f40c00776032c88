/**
 * Contact priority moves waiting conversations in their team's queue (issue 14, rule 4),
 * on real D1 and the real TeamQueue: a contact given a VIP tag that a segment rule lifts
 * goes to the head, ahead of an older conversation of the same channel and inbox
 * priority; the rule's deletion puts it back in arrival order; an admin's own-priority
 * edit and the widget's setAttributes move it too. The route awaits the republish, so the
 * queue has changed by the time it answers.
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { agentWithRole, customerWrites, owner } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { newTeam, teamInbox, waitingIn } from "./queue-kit";

let boss: Client;
let admin: Client;
let agent: Client;

beforeAll(async () => {
  boss = await owner();
  admin = await agentWithRole("admin");
  agent = await agentWithRole("agent");
});

/** A team whose web chat inbox has two customers waiting, `first` before `second`. */
async function twoWaiting() {
  const teamId = await newTeam(boss);
  const inbox = await teamInbox(boss, teamId, 50);
  const first = await customerWrites(inbox.publicKey, "primeiro");
  const second = await customerWrites(inbox.publicKey, "segundo");
  await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([first.conversationId, second.conversationId]));
  return { teamId, first, second };
}

const headOf = async (teamId: string) => (await env.TEAM_QUEUE.getByName(teamId).head())?.summary.id ?? null;
const newTag = async () => (await call("/api/v1/tags", { method: "POST", json: { name: `VIP ${crypto.randomUUID().slice(0, 6)}` }, client: admin })).body.id as string;

describe("a waiting conversation's place follows its contact's priority", () => {
  it("moves to the head when its contact gets a VIP tag a rule lifts, and back when the rule goes", async () => {
    const { teamId, first, second } = await twoWaiting();
    const vip = await newTag();
    const rule = await call("/api/v1/priority-rules", { method: "POST", json: { kind: "tag", tagId: vip, priority: 90 }, client: admin });
    expect(rule.status).toBe(201);
    expect(await headOf(teamId)).toBe(first.conversationId);

    // An agent tags the contact: no priority field, so agents may.
    expect((await call(`/api/v1/contacts/${second.contactId}`, { method: "PATCH", json: { tagIds: [vip] }, client: agent })).status).toBe(200);
    const head = await env.TEAM_QUEUE.getByName(teamId).head();
    expect(head?.summary).toMatchObject({ id: second.conversationId, contactPriority: 90 });
    // Its place in time is kept: it moved for its priority, not as a new arrival.
    const waiting = await waitingIn(teamId);
    expect(waiting.map((r) => r.id)).toEqual([second.conversationId, first.conversationId]);
    expect(waiting[0]!.receivedAt).toBeGreaterThan(waiting[1]!.receivedAt);

    // The queue's storage, not its memory: still so after eviction.
    await evictDurableObject(env.TEAM_QUEUE.getByName(teamId));
    expect(await headOf(teamId)).toBe(second.conversationId);

    expect((await call(`/api/v1/priority-rules/${rule.body.id}`, { method: "DELETE", client: admin })).status).toBe(200);
    expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([first.conversationId, second.conversationId]);
  });

  it("moves when a rule is created for a tag the contact already carries, and when the tag is deleted", async () => {
    const { teamId, first, second } = await twoWaiting();
    const vip = await newTag();
    await call(`/api/v1/contacts/${second.contactId}`, { method: "PATCH", json: { tagIds: [vip] }, client: agent });
    expect(await headOf(teamId)).toBe(first.conversationId);
    expect((await call("/api/v1/priority-rules", { method: "POST", json: { kind: "tag", tagId: vip, priority: 10 }, client: admin })).status).toBe(201);
    expect(await headOf(teamId)).toBe(second.conversationId);
    expect((await call(`/api/v1/tags/${vip}`, { method: "DELETE", client: admin })).status).toBe(200);
    expect(await headOf(teamId)).toBe(first.conversationId);
  });

  it("moves when an admin sets the contact's own priority, and when the widget sets a matching attribute", async () => {
    const { teamId, first, second } = await twoWaiting();
    expect((await call(`/api/v1/contacts/${second.contactId}`, { method: "PATCH", json: { priority: 5 }, client: admin })).status).toBe(200);
    expect(await headOf(teamId)).toBe(second.conversationId);

    const plan = `gold-${crypto.randomUUID().slice(0, 6)}`;
    expect((await call("/api/v1/priority-rules", { method: "POST", json: { kind: "attribute", key: "plan", value: plan, priority: 20 }, client: admin })).status).toBe(201);
    const res = await call("/api/v1/widget/contact", { method: "PATCH", json: { attributes: { plan } }, headers: bearer(first.token) });
    expect(res.status).toBe(200);
    expect(await headOf(teamId)).toBe(first.conversationId);
    expect((await env.TEAM_QUEUE.getByName(teamId).head())?.summary.contactPriority).toBe(20);
  });

  it("leaves a conversation that is no longer waiting out of the queue", async () => {
    const { teamId, first, second } = await twoWaiting();
    const resolved = await call(`/api/v1/conversations/${second.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    expect(resolved.status).toBe(200);
    await eventually(async () => expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([first.conversationId]));
    expect((await call(`/api/v1/contacts/${second.contactId}`, { method: "PATCH", json: { priority: 100 }, client: admin })).status).toBe(200);
    expect((await waitingIn(teamId)).map((r) => r.id)).toEqual([first.conversationId]);
  });
});
