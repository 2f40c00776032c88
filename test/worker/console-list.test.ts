/**
 * The console's list and per-agent state: views and filters, each row as the calling
 * agent sees it (star, read mark, unread count, tags, type), read marks that only move
 * forward, and the same item from detail, assign and status.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationItem } from "../../worker/protocol";
import { eventually, expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { openSocket } from "./socket-harness";

type Agent = Client & { id: string };

let boss: Client;
let bossId: string;
let alice: Agent;
let bob: Agent;
let inbox: { id: string; publicKey: string };

const ids = (res: { body: { conversations: ConversationItem[] } }) => res.body.conversations.map((c) => c.id);
const list = (client: Client, query: string) => call(`/api/v1/conversations?inbox=${inbox.id}&${query}`, { client });
const pause = () => new Promise((r) => setTimeout(r, 3));

async function item(client: Client, conversationId: string): Promise<ConversationItem> {
  const res = await call(`/api/v1/conversations/${conversationId}`, { client });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.conversation;
}

/** The conversation's row in `client`'s list once D1 has `lastSeq` (the projection is asynchronous). */
async function listed(client: Client, conversationId: string, lastSeq: number): Promise<ConversationItem> {
  return eventually(async () => {
    const row = (await list(client, "limit=200")).body.conversations.find((c: ConversationItem) => c.id === conversationId);
    expect(row?.lastSeq).toBe(lastSeq);
    return row as ConversationItem;
  });
}

beforeAll(async () => {
  boss = await owner();
  bossId = (await call("/api/v1/me", { client: boss })).body.agent.id;
  alice = await agentWithRole("agent");
  bob = await agentWithRole("agent");
  inbox = await webchatInbox(boss);
});

describe("views", () => {
  const NAMES = ["alices", "waiting", "done", "bosses", "snoozed"] as const;
  const c = {} as Record<(typeof NAMES)[number], string>;

  beforeAll(async () => {
    for (const name of NAMES) {
      c[name] = (await customerWrites(inbox.publicKey, `hello from ${name}`)).conversationId;
      await pause();
    }
    // A visitor who opened the widget and wrote nothing is nobody's work.
    await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey } });
    expect((await call(`/api/v1/conversations/${c.alices}/assign`, { method: "POST", json: { assigneeId: alice.id }, client: boss })).status).toBe(200);
    expect((await call(`/api/v1/conversations/${c.bosses}/assign`, { method: "POST", json: { assigneeId: bossId }, client: boss })).status).toBe(200);
    expect((await call(`/api/v1/conversations/${c.done}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    expect((await call(`/api/v1/conversations/${c.snoozed}/status`, { method: "POST", json: { status: "snoozed", until: Date.now() + 3_600_000 }, client: boss })).status).toBe(200);
    await eventually(async () => expect(ids(await list(boss, "view=resolved"))).toEqual([c.done]));
    await eventually(async () => expect(ids(await list(boss, "status=snoozed"))).toEqual([c.snoozed]));
    await eventually(async () => expect(ids(await list(boss, "view=mine"))).toEqual([c.bosses]));
  });

  it("shows `mine` the caller's own open conversations", async () => {
    expect(ids(await list(alice, "view=mine"))).toEqual([c.alices]);
    expect(ids(await list(bob, "view=mine"))).toEqual([]);
    expect(ids(await list(boss, "view=mine"))).toEqual([c.bosses]);
  });

  it("shows `unassigned` open conversations nobody has, and never one without an event", async () => {
    expect(ids(await list(alice, "view=unassigned"))).toEqual([c.waiting]);
  });

  it("shows `all` open conversations by most recent activity, `snoozed` the snoozed and `resolved` the resolved", async () => {
    expect(new Set(ids(await list(alice, "view=all")))).toEqual(new Set([c.alices, c.waiting, c.bosses]));
    expect(ids(await list(alice, "view=snoozed"))).toEqual([c.snoozed]);
    expect(ids(await list(alice, "view=resolved"))).toEqual([c.done]);
  });

  it("lets a status filter override a view's default of open", async () => {
    expect(ids(await list(alice, "view=all&status=snoozed"))).toEqual([c.snoozed]);
    expect(ids(await list(alice, "view=unassigned&status=resolved"))).toEqual([c.done]);
    expect(ids(await list(alice, "view=mine&status=resolved"))).toEqual([]);
  });

  it("shows `starred` the caller's own stars in any status, and each agent only their own", async () => {
    for (const id of [c.done, c.waiting]) expect((await call(`/api/v1/conversations/${id}/star`, { method: "POST", json: { starred: true }, client: alice })).body).toEqual({ ok: true });
    expect(new Set(ids(await list(alice, "view=starred")))).toEqual(new Set([c.done, c.waiting]));
    expect(ids(await list(bob, "view=starred"))).toEqual([]);
    const rows = (await list(alice, "view=all")).body.conversations as ConversationItem[];
    expect(rows.find((r) => r.id === c.waiting)?.starred).toBe(true);
    expect(rows.find((r) => r.id === c.alices)?.starred).toBe(false);
    expect((await list(bob, "view=all")).body.conversations.every((r: ConversationItem) => !r.starred)).toBe(true);

    // Starring twice is still one star; unstarring removes it.
    await call(`/api/v1/conversations/${c.done}/star`, { method: "POST", json: { starred: true }, client: alice });
    await call(`/api/v1/conversations/${c.done}/star`, { method: "POST", json: { starred: false }, client: alice });
    expect(ids(await list(alice, "view=starred"))).toEqual([c.waiting]);
    expect((await item(alice, c.waiting)).starred).toBe(true);
  });

  it("pages the starred view with its cursor, without gaps or repeats", async () => {
    for (const id of Object.values(c)) await call(`/api/v1/conversations/${id}/star`, { method: "POST", json: { starred: true }, client: bob });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { conversations: ConversationItem[]; nextCursor: string | null } } = await list(bob, `view=starred&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.body.conversations.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = (await list(bob, "view=starred&limit=50")).body.conversations as ConversationItem[];
    expect(seen).toEqual(all.map((r) => r.id));
    expect(new Set(seen)).toEqual(new Set(Object.values(c)));
    const times = all.map((r) => r.lastActivityAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters by assignee (me, none, an id), channel, team and tag", async () => {
    expect(ids(await list(alice, "view=all&assignee=me"))).toEqual([c.alices]);
    expect(ids(await list(boss, `view=all&assignee=${alice.id}`))).toEqual([c.alices]);
    expect(ids(await list(boss, "view=all&assignee=none"))).toEqual([c.waiting]);
    expect(new Set(ids(await list(boss, "view=all&channel=webchat")))).toEqual(new Set([c.alices, c.waiting, c.bosses]));
    expect(ids(await list(boss, "view=all&channel=whatsapp"))).toEqual([]);
    const team = (await call("/api/v1/me", { client: boss })).body.teamIds[0];
    expect(new Set(ids(await list(boss, `view=all&team=${team}`)))).toEqual(new Set([c.alices, c.waiting, c.bosses]));
    expect(ids(await list(boss, "view=all&team=no-such-team"))).toEqual([]);

    const tag = (await call("/api/v1/tags", { method: "POST", json: { name: "vip-list" }, client: boss })).body;
    expect((await call(`/api/v1/conversations/${c.bosses}/tags`, { method: "PUT", json: { tagIds: [tag.id] }, client: alice })).body).toEqual({ tagIds: [tag.id] });
    expect(ids(await list(bob, `view=all&tag=${tag.id}`))).toEqual([c.bosses]);
    expect(ids(await list(bob, `view=resolved&tag=${tag.id}`))).toEqual([]);
    expect((await list(bob, `view=all&tag=${tag.id}`)).body.conversations[0].tagIds).toEqual([tag.id]);
  });

  it("lists every status when no view and no status are given", async () => {
    expect(new Set(ids(await list(boss, "limit=50")))).toEqual(new Set(Object.values(c)));
  });
});

describe("read marks and unread counts", () => {
  let conv: { token: string; conversationId: string; seq: number };
  const say = (body: string) => call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `u-${crypto.randomUUID()}` }, headers: bearer(conv.token) });

  beforeAll(async () => {
    conv = await customerWrites(inbox.publicKey, "one");
    await say("two");
    await say("three");
  });

  it("counts the customer's messages after the agent's read mark, per agent", async () => {
    const row = await listed(alice, conv.conversationId, 3);
    expect(row).toMatchObject({ readSeq: 0, unread: 3, starred: false, tagIds: [], typeId: null });
    expect((await call(`/api/v1/conversations/${conv.conversationId}/read`, { method: "POST", json: { seq: 2 }, client: alice })).body).toEqual({ ok: true });
    expect(await item(alice, conv.conversationId)).toMatchObject({ readSeq: 2, unread: 1 });
    expect(await item(bob, conv.conversationId)).toMatchObject({ readSeq: 0, unread: 3 });
  });

  it("never moves a read mark back", async () => {
    expect((await call(`/api/v1/conversations/${conv.conversationId}/read`, { method: "POST", json: { seq: 1 }, client: alice })).status).toBe(200);
    expect((await call(`/api/v1/conversations/${conv.conversationId}/read`, { method: "POST", json: { seq: 0 }, client: alice })).status).toBe(200);
    expect(await item(alice, conv.conversationId)).toMatchObject({ readSeq: 2, unread: 1 });
  });

  it("caps a read mark at the conversation's last seq, so later messages still count", async () => {
    await call(`/api/v1/conversations/${conv.conversationId}/read`, { method: "POST", json: { seq: 1_000_000 }, client: bob });
    expect(await item(bob, conv.conversationId)).toMatchObject({ readSeq: 3, unread: 0 });
    expect((await say("four")).status).toBe(201);
    await listed(bob, conv.conversationId, 4);
    expect(await item(bob, conv.conversationId)).toMatchObject({ readSeq: 3, unread: 1 });
  });

  it("moves the agent's read mark to the message they post, over HTTP and over the socket", async () => {
    const reply = await call(`/api/v1/conversations/${conv.conversationId}/messages`, { method: "POST", json: { body: "on it" }, client: alice });
    expect(reply.status).toBe(201);
    // Moved by the projection, which every send passes through (HTTP or socket).
    await eventually(async () => expect(await item(alice, conv.conversationId)).toMatchObject({ readSeq: reply.body.seq, unread: 0 }));
    expect((await item(bob, conv.conversationId)).readSeq).toBe(3);

    const ws = await openSocket(`/api/v1/conversations/${conv.conversationId}/ws?after=${reply.body.seq}`, bob);
    try {
      ws.send({ type: "send", clientId: "bob-1", body: "me too" });
      await ws.until((frames) => frames.some((f) => f.type === "ack"));
      const seq = ws.acks()[0]!.seq;
      await eventually(async () => expect(await item(bob, conv.conversationId)).toMatchObject({ readSeq: seq, unread: 0 }));
    } finally {
      ws.close();
    }
  });

  it("does not count notes, agent replies or status changes as unread", async () => {
    const fresh = await customerWrites(inbox.publicKey, "only one");
    await call(`/api/v1/conversations/${fresh.conversationId}/messages`, { method: "POST", json: { body: "a note", kind: "note" }, client: boss });
    await call(`/api/v1/conversations/${fresh.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    await eventually(async () => expect((await item(alice, fresh.conversationId)).status).toBe("resolved"));
    const row = await eventually(async () => {
      const r = (await list(alice, "view=resolved&limit=200")).body.conversations.find((x: ConversationItem) => x.id === fresh.conversationId);
      expect(r?.lastSeq).toBe(3);
      return r as ConversationItem;
    });
    expect(row.unread).toBe(1);
  });

  it("answers 404 conversation_not_found for an unknown conversation and stores nothing", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM conversation_reads").first<{ n: number }>())!.n;
    expectApiError(await call(`/api/v1/conversations/${crypto.randomUUID()}/read`, { method: "POST", json: { seq: 1 }, client: alice }), 404, "conversation_not_found");
    expectApiError(await call(`/api/v1/conversations/${crypto.randomUUID()}/star`, { method: "POST", json: { starred: true }, client: alice }), 404, "conversation_not_found");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM conversation_reads").first<{ n: number }>())!.n).toBe(before);
  });
});

describe("items from detail, assign and status", () => {
  it("answer with the caller's ConversationItem, the room's state over D1's labels", async () => {
    const conv = await customerWrites(inbox.publicKey, "need help");
    await call(`/api/v1/conversations/${conv.conversationId}/star`, { method: "POST", json: { starred: true }, client: alice });
    const assigned = await call(`/api/v1/conversations/${conv.conversationId}/assign`, { method: "POST", json: { assigneeId: alice.id }, client: alice });
    expect(assigned.body.conversation).toMatchObject({ id: conv.conversationId, assigneeId: alice.id, starred: true, readSeq: 0, tagIds: [], typeId: null });
    expect(assigned.body.conversation.lastSeq).toBe(2);
    const resolved = await call(`/api/v1/conversations/${conv.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: bob });
    expect(resolved.body.conversation).toMatchObject({ status: "resolved", starred: false, readSeq: 0 });
    expect(resolved.body.conversation.unread).toBeGreaterThanOrEqual(0);
  });
});
