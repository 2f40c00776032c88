import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";
import { openSocket } from "./socket-harness";
import { plan, reduce } from "../../worker/conversation/status-machine";
import type { CommandResult, RoomState } from "../../worker/conversation/commands";
import { MAX_SNOOZE_MS, type ConversationEvent } from "../../worker/protocol";
import { database } from "../../worker/db/client";
import { createConversation, findConversation } from "../../worker/db/conversations";
import { seedOf } from "../../worker/conversation/commands";

const base: RoomState = {
  id: "c",
  inboxId: "i",
  channel: "webchat",
  contactId: "k",
  teamId: null,
  assigneeId: null,
  status: "bot",
  priority: 50,
  lastSeq: 0,
  lastMessagePreview: null,
  createdAt: 0,
  lastActivityAt: 0,
  firstResponseAt: null,
  resolvedAt: null,
  snoozedUntil: null, callbackAt: null,
};
const agent = { type: "agent" as const, id: "a1", name: "Ana" };
const contact = { type: "contact" as const, id: "k", name: null };

function statuses(state: RoomState, cmd: Parameters<typeof plan>[1]) {
  return plan(state, cmd, 1).flatMap((d) => (d.type === "status" ? [`${d.from}->${d.to}`] : []));
}

describe("status machine (pure)", () => {
  it("opens a bot conversation on assign, on an agent message and on handoff", () => {
    expect(statuses(base, { type: "assign", actor: agent, assigneeId: "a1", assigneeName: "Ana" })).toEqual(["bot->open"]);
    expect(statuses(base, { type: "message", actor: agent, kind: "text", body: "hi" })).toEqual(["bot->open"]);
    expect(statuses(base, { type: "handoff", actor: contact })).toEqual(["bot->open"]);
  });
  it("keeps a bot conversation with the bot when the customer writes, and notes move nothing", () => {
    expect(statuses(base, { type: "message", actor: contact, kind: "text", body: "hi" })).toEqual([]);
    expect(statuses({ ...base, status: "resolved" }, { type: "message", actor: agent, kind: "note", body: "fyi" })).toEqual([]);
  });
  it("reopens a resolved or snoozed conversation when the customer writes", () => {
    expect(statuses({ ...base, status: "resolved" }, { type: "message", actor: contact, kind: "text", body: "again" })).toEqual(["resolved->open"]);
    expect(statuses({ ...base, status: "snoozed", snoozedUntil: 9 }, { type: "message", actor: contact, kind: "text", body: "again" })).toEqual(["snoozed->open"]);
  });
  it("snoozes a conversation a campaign's message starts until the customer answers, and only such a one", () => {
    const system = { type: "system" as const, id: "campaign-1", name: "Natal" };
    const campaign = { type: "message" as const, actor: system, kind: "text" as const, body: "Cupom!", snoozeUntilReply: true };
    const fresh = { ...base, status: "open" as const };
    const drafts = plan(fresh, campaign, 1);
    expect(drafts.map((d) => (d.type === "status" ? `${d.from}->${d.to} until ${d.snoozedUntil}` : d.type))).toEqual(["message", "open->snoozed until null"]);
    // The customer wrote before (an earlier conversation reused), an agent has it, or it
    // is already resolved: left as it is.
    expect(statuses({ ...fresh, lastSeq: 3 }, campaign)).toEqual([]);
    expect(statuses({ ...fresh, assigneeId: "a1" }, campaign)).toEqual([]);
    expect(statuses({ ...base, status: "resolved" }, campaign)).toEqual([]);
    expect(statuses(fresh, { ...campaign, snoozeUntilReply: undefined })).toEqual([]);
  });
  it("unassign-and-resolve stores the unassignment then the resolution; resolving twice stores nothing", () => {
    const drafts = plan({ ...base, status: "open", assigneeId: "a1" }, { type: "status", actor: agent, to: "resolved", unassign: true }, 1);
    expect(drafts.map((d) => d.type)).toEqual(["assignment", "status"]);
    expect(plan({ ...base, status: "resolved" }, { type: "status", actor: agent, to: "resolved" }, 1)).toEqual([]);
  });
  it("folds events into state: first response time, resolved time, snooze deadline", () => {
    let s = base;
    const ev = (e: Partial<ConversationEvent> & { type: ConversationEvent["type"] }, seq: number) =>
      ({ id: String(seq), conversationId: "c", seq, at: seq * 10, actor: agent, ...e }) as ConversationEvent;
    s = reduce(s, ev({ type: "message", kind: "text", body: "hello", clientId: null, providerMessageId: null, delivery: "sent" }, 1));
    expect(s).toMatchObject({ lastSeq: 1, firstResponseAt: 10, lastMessagePreview: "hello" });
    s = reduce(s, ev({ type: "status", from: "open", to: "resolved", snoozedUntil: null }, 2));
    expect(s).toMatchObject({ status: "resolved", resolvedAt: 20 });
    s = reduce(s, ev({ type: "status", from: "resolved", to: "snoozed", snoozedUntil: 99 }, 3));
    expect(s).toMatchObject({ status: "snoozed", snoozedUntil: 99 });
  });
});

async function statusOf(client: Client, id: string) {
  return (await call(`/api/v1/conversations/${id}`, { client })).body.conversation.status as string;
}

describe("status changes through the API are stored events", () => {
  it("resolve, customer reopens, assign, unassign-and-resolve, reopen — each an event in the log", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const auth = { Authorization: `Bearer ${v.token}` };
    const id = v.conversationId;
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "help", clientId: "h1" }, headers: auth });

    const resolved = await call(`/api/v1/conversations/${id}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    expect(resolved.body.conversation.status).toBe("resolved");
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "still broken", clientId: "h2" }, headers: auth });
    expect(await statusOf(boss, id)).toBe("open");

    const me = (await call("/api/v1/me", { client: boss })).body.agent;
    const assigned = await call(`/api/v1/conversations/${id}/assign`, { method: "POST", json: { assigneeId: me.id }, client: boss });
    expect(assigned.body.conversation).toMatchObject({ assigneeId: me.id, status: "open" });
    const closed = await call(`/api/v1/conversations/${id}/status`, { method: "POST", json: { status: "resolved", unassign: true }, client: boss });
    expect(closed.body.conversation).toMatchObject({ assigneeId: null, status: "resolved" });
    const reopened = await call(`/api/v1/conversations/${id}/status`, { method: "POST", json: { status: "open" }, client: boss });
    expect(reopened.body.conversation.status).toBe("open");

    const log = (await call(`/api/v1/conversations/${id}/messages?after=0`, { client: boss })).body.events as ConversationEvent[];
    const summary = log.map((e) => (e.type === "status" ? `${e.from}->${e.to}` : e.type === "assignment" ? `assign:${e.assigneeId ? "me" : "none"}` : "msg"));
    expect(summary).toEqual(["msg", "open->resolved", "msg", "resolved->open", "assign:me", "assign:none", "open->resolved", "resolved->open"]);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("a snoozed conversation opens again when its time comes (the room's alarm)", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const until = Date.now() + 150;
    const snoozed = await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "snoozed", until }, client: boss });
    expect(snoozed.body.conversation).toMatchObject({ status: "snoozed", snoozedUntil: until });
    await new Promise((r) => setTimeout(r, 200));
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    await runDurableObjectAlarm(stub);
    const conv = (await findConversation(database(env.DB), v.conversationId))!;
    const state = await stub.snapshot(seedOf(conv));
    expect(state).toMatchObject({ status: "open", snoozedUntil: null });
    const log = (await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss })).body.events;
    expect(log.at(-1)).toMatchObject({ type: "status", from: "snoozed", to: "open", actor: { type: "system" } });
  });

  it("refuses a snooze in the past with 400 and stores nothing", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const res = await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "snoozed", until: Date.now() - 1000 }, client: boss });
    expect(res.status).toBe(400);
    const log = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss });
    expect(log.body.lastSeq).toBe(0);
  });

  it("refuses a snooze beyond MAX_SNOOZE_MS with 400 validation_failed and stores nothing", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    for (const until of [Number.MAX_SAFE_INTEGER, Date.now() + MAX_SNOOZE_MS + 60_000]) {
      const res = await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "snoozed", until }, client: boss });
      expectApiError(res, 400, "validation_failed");
      expect(res.body.error.issues[0].path).toEqual(["until"]);
    }
    expect((await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss })).body.lastSeq).toBe(0);
    const ok = await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "snoozed", until: Date.now() + MAX_SNOOZE_MS - 60_000 }, client: boss });
    expect(ok.status).toBe(200);
  });

  it("a room that already stores an absurd snooze keeps working: its alarm stays within the horizon and it reopens", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const conv = (await findConversation(database(env.DB), v.conversationId))!;
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    // Straight to the room, as a value stored before the route checked the bound.
    const agentActor = { type: "agent" as const, id: "a-test", name: "Ana" };
    await stub.command(seedOf(conv), { type: "status", actor: agentActor, to: "snoozed", until: Number.MAX_SAFE_INTEGER });
    const alarm = await runInDurableObject(stub, (_room, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(Date.now() + MAX_SNOOZE_MS);
    // The alarm wakes early, finds the time has not come, and does not throw.
    await runDurableObjectAlarm(stub);
    expect(await stub.snapshot(seedOf(conv))).toMatchObject({ status: "snoozed" });
    const reopened = await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "open" }, client: boss });
    expect(reopened.status).toBe(200);
    expect(reopened.body.conversation.status).toBe("open");
  });

  it("a bot conversation opens when the customer asks for a human", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    // A conversation a bot answers: its D1 row starts in `bot`, and its room has never run.
    const db = database(env.DB);
    const botId = crypto.randomUUID();
    await createConversation(db, botId, v.contactId, { id: inbox.id, teamId: null, priority: 50 }, Date.now());
    await env.DB.prepare("UPDATE conversations SET status = 'bot' WHERE id = ?").bind(botId).run();
    const conv = (await findConversation(db, botId))!;
    const stub = env.CONVERSATION_ROOM.getByName(botId);
    const r = (await stub.command(seedOf(conv), { type: "handoff", actor: { type: "contact", id: v.contactId, name: null } })) as CommandResult;
    expect(r.state.status).toBe("open");
    const ws = await openSocket(`/api/v1/conversations/${botId}/ws?after=0`, boss);
    await ws.until(() => ws.eventSeqs().length === 1);
    expect(ws.frames.find((f) => f.type === "event")).toMatchObject({ event: { type: "status", from: "bot", to: "open" } });
    ws.close();
  });
});
