/**
 * Callback scheduling (issue 14): `PUT /api/v1/conversations/{id}/callback` per role, the
 * CallbackEvent in the log, D1's callback_at set then cleared, the assignee dropped with
 * reason "callback", out-of-range times refused with nothing written, `DELETE` idempotent.
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_CALLBACK_AHEAD_MS } from "../../worker/protocol";
import { eventually, expectApiError } from "./assertions";
import { agentWithRole, customerWrites, lastSeq, owner, projected, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { storedRows } from "./stored-rows";

const HOUR = 3_600_000;

/** A customer's conversation in a fresh web chat inbox, projected into D1. */
async function waiting(boss: Client) {
  const inbox = await webchatInbox(boss, `Callbacks ${crypto.randomUUID().slice(0, 6)}`);
  const customer = await customerWrites(inbox.publicKey, "Please call me back");
  await projected(customer.conversationId, customer.seq);
  return customer;
}

async function callbackRow(conversationId: string) {
  return env.DB.prepare("SELECT callback_at, assignee_id, last_seq FROM conversations WHERE id = ?")
    .bind(conversationId)
    .first<{ callback_at: number | null; assignee_id: string | null; last_seq: number }>();
}

async function eventsAfter(client: Client, conversationId: string, after: number) {
  const res = await call(`/api/v1/conversations/${conversationId}/messages?after=${after}`, { client });
  expect(res.status).toBe(200);
  return res.body.events as Array<Record<string, unknown>>;
}

const schedule = (client: Client, id: string, at: number) => call(`/api/v1/conversations/${id}/callback`, { method: "PUT", json: { at }, client });
const cancel = (client: Client, id: string) => call(`/api/v1/conversations/${id}/callback`, { method: "DELETE", client });

describe("PUT and DELETE /api/v1/conversations/{id}/callback", () => {
  for (const role of ["owner", "admin", "agent"] as const) {
    it(`as ${role}: schedules a callback (event logged, D1 set), then cancels it (event logged, D1 cleared)`, async () => {
      const boss = await owner();
      const caller = role === "owner" ? boss : await agentWithRole(role);
      const me = (await call("/api/v1/me", { client: caller })).body.agent as { id: string; name: string };
      const c = await waiting(boss);
      const at = Date.now() + 2 * HOUR;

      const put = await schedule(caller, c.conversationId, at);
      expect(put.status).toBe(200);
      expect(put.body.conversation).toMatchObject({ id: c.conversationId, callbackAt: at, assigneeId: null, status: "open" });
      const scheduled = await eventsAfter(boss, c.conversationId, c.seq);
      expect(scheduled).toEqual([expect.objectContaining({ seq: c.seq + 1, type: "callback", callbackAt: at, actor: { type: "agent", id: me.id, name: me.name } })]);
      await projected(c.conversationId, c.seq + 1);
      expect((await callbackRow(c.conversationId))!.callback_at).toBe(at);

      const del = await cancel(caller, c.conversationId);
      expect(del.status).toBe(200);
      expect(del.body.conversation).toMatchObject({ id: c.conversationId, callbackAt: null });
      expect(await eventsAfter(boss, c.conversationId, c.seq + 1)).toEqual([expect.objectContaining({ seq: c.seq + 2, type: "callback", callbackAt: null })]);
      await projected(c.conversationId, c.seq + 2);
      expect((await callbackRow(c.conversationId))!.callback_at).toBeNull();
    });
  }

  it("drops the assignee with an assignment event of reason callback, after the callback event", async () => {
    const boss = await owner();
    const agent = await agentWithRole("agent");
    const c = await waiting(boss);
    expect((await call(`/api/v1/conversations/${c.conversationId}/assign`, { method: "POST", json: { assigneeId: agent.id }, client: boss })).status).toBe(200);
    const before = await lastSeq(boss, c.conversationId);
    await projected(c.conversationId, before);
    expect((await callbackRow(c.conversationId))!.assignee_id).toBe(agent.id);

    const at = Date.now() + HOUR;
    const put = await schedule(agent, c.conversationId, at);
    expect(put.status).toBe(200);
    expect(put.body.conversation).toMatchObject({ assigneeId: null, callbackAt: at });
    const events = await eventsAfter(boss, c.conversationId, before);
    expect(events.map((e) => [e.type, e.callbackAt ?? e.reason])).toEqual([
      ["callback", at],
      ["assignment", "callback"],
    ]);
    expect(events[1]).toMatchObject({ assigneeId: null, assigneeName: null });
    await projected(c.conversationId, before + 2);
    expect(await callbackRow(c.conversationId)).toMatchObject({ callback_at: at, assignee_id: null });
  });

  it("cancelling when no callback is set answers 200 and logs nothing (idempotent)", async () => {
    const boss = await owner();
    const c = await waiting(boss);
    const first = await cancel(boss, c.conversationId);
    expect(first.status).toBe(200);
    expect(first.body.conversation.callbackAt).toBeNull();
    expect(await lastSeq(boss, c.conversationId)).toBe(c.seq);

    expect((await schedule(boss, c.conversationId, Date.now() + HOUR)).status).toBe(200);
    expect((await cancel(boss, c.conversationId)).status).toBe(200);
    expect((await cancel(boss, c.conversationId)).status).toBe(200);
    expect(await lastSeq(boss, c.conversationId)).toBe(c.seq + 2);
  });

  it("rescheduling replaces the time", async () => {
    const boss = await owner();
    const c = await waiting(boss);
    const first = Date.now() + HOUR;
    const second = first + HOUR;
    await schedule(boss, c.conversationId, first);
    const res = await schedule(boss, c.conversationId, second);
    expect(res.body.conversation.callbackAt).toBe(second);
    await eventually(async () => expect((await callbackRow(c.conversationId))!.callback_at).toBe(second));
  });

  it.each([
    ["a past time", () => Date.now() - 60_000],
    ["now", () => Date.now()],
    ["more than 366 days ahead", () => Date.now() + MAX_CALLBACK_AHEAD_MS + HOUR],
  ])("refuses %s with 422 callback_time_out_of_range and writes nothing", async (_, at) => {
    const boss = await owner();
    const agent = await agentWithRole("agent");
    const c = await waiting(boss);
    await call(`/api/v1/conversations/${c.conversationId}/assign`, { method: "POST", json: { assigneeId: agent.id }, client: boss });
    const seq = await lastSeq(boss, c.conversationId);
    await projected(c.conversationId, seq);
    const rows = await storedRows();
    const row = await callbackRow(c.conversationId);

    const res = await schedule(agent, c.conversationId, at());
    expectApiError(res, 422, "callback_time_out_of_range");
    expect(res.body.error.issues[0].path).toEqual(["at"]);

    expect(await lastSeq(boss, c.conversationId)).toBe(seq);
    expect(await storedRows()).toEqual(rows);
    expect(await callbackRow(c.conversationId)).toEqual(row);
    expect(row).toMatchObject({ callback_at: null, assignee_id: agent.id });
  });

  it("accepts a time just inside 366 days", async () => {
    const boss = await owner();
    const c = await waiting(boss);
    const at = Date.now() + MAX_CALLBACK_AHEAD_MS - HOUR;
    expect((await schedule(boss, c.conversationId, at)).body.conversation.callbackAt).toBe(at);
  });

  it("answers an unknown conversation with 404 conversation_not_found, on both methods", async () => {
    const boss = await owner();
    const rows = await storedRows();
    expectApiError(await schedule(boss, crypto.randomUUID(), Date.now() + HOUR), 404, "conversation_not_found");
    expectApiError(await cancel(boss, crypto.randomUUID()), 404, "conversation_not_found");
    expect(await storedRows()).toEqual(rows);
  });

  it("refuses a visitor's token and no session with 401, writing nothing", async () => {
    const boss = await owner();
    const c = await waiting(boss);
    for (const headers of [bearer(c.token), {}]) {
      expectApiError(await call(`/api/v1/conversations/${c.conversationId}/callback`, { method: "PUT", json: { at: Date.now() + HOUR }, headers }), 401, "unauthenticated");
      expectApiError(await call(`/api/v1/conversations/${c.conversationId}/callback`, { method: "DELETE", headers }), 401, "unauthenticated");
    }
    expect(await lastSeq(boss, c.conversationId)).toBe(c.seq);
  });

  it("keeps the callback across the room's eviction", async () => {
    const boss = await owner();
    const c = await waiting(boss);
    const at = Date.now() + HOUR;
    await schedule(boss, c.conversationId, at);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(c.conversationId));
    const got = await call(`/api/v1/conversations/${c.conversationId}`, { client: boss });
    expect(got.body.conversation.callbackAt).toBe(at);
    // Cancelling after the eviction still finds the callback to cancel (one event, not none).
    await cancel(boss, c.conversationId);
    expect(await lastSeq(boss, c.conversationId)).toBe(c.seq + 2);
  });
});
