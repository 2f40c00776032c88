/**
 * The contact's erasure leaves no trace (issue 16, LGPD art. 18 VI): after it, the
 * console search finds none of the contact's words, e-mail or phone; no D1 table holds
 * them (every table read from sqlite_master) and neither do the FTS indexes; a socket
 * joining any of the contact's rooms from seq 0 replays none of it; the files are gone
 * from R2; the webhook outbox holds no payload of theirs; a socket open during the
 * erasure is told and closed; and the audit log says it happened without saying what.
 * Then the hard cases: a handoff in flight when the erasure runs, a room evicted first,
 * and a run cut off halfway that the cron completes.
 */
import { env } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { findConversation } from "../../../worker/db/conversations";
import { seedOf } from "../../../worker/conversation/commands";
import { requestErasure } from "../../../worker/rights/erase-contact";
import { runRightsJobs } from "../../../worker/rights/cron";
import { REMOVED_TEXT, ERASED_CLOSE_CODE } from "../../../worker/protocol";
import { expectApiError } from "../assertions";
import { agentWithRole, owner, webchatInbox } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { openSocket } from "../socket-harness";
import { storedRows } from "../stored-rows";
import { outbox } from "../webhooks/webhook-kit";
import { d1Traces, ftsHits, richContact, secretsOf, type RichContact } from "./rights-kit";

let boss: Client;
let publicKey: string;

beforeAll(async () => {
  boss = await owner();
  publicKey = (await webchatInbox(boss, "Erasure shop")).publicKey;
});

const erase = (contactId: string, confirm = "ERASE", client: Client = boss) => call(`/api/v1/contacts/${contactId}/erase`, { method: "POST", json: { confirm }, client });

/** Everything a socket joining `conversationId` from seq 0 receives, as text. */
async function replayed(conversationId: string): Promise<string> {
  const ws = await openSocket(`/api/v1/conversations/${conversationId}/ws?after=0`, boss);
  const last = (await call(`/api/v1/conversations/${conversationId}/messages?limit=1`, { client: boss })).body.lastSeq;
  await ws.until((frames) => frames.some((f) => f.type === "event" && f.event.seq === last) || last === 0);
  ws.close();
  return JSON.stringify(ws.frames);
}

async function expectNoTrace(c: RichContact): Promise<void> {
  const secrets = secretsOf(c);
  for (const word of secrets) {
    const hits = await call(`/api/v1/search?q=${encodeURIComponent(word)}`, { client: boss });
    expect(hits.status).toBe(200);
    expect(hits.body.hits, `search for ${word}`).toEqual([]);
  }
  for (const word of Object.values(c.words)) expect(await ftsHits(word), `FTS for ${word}`).toBe(0);
  expect(await d1Traces(secrets)).toEqual([]);
  for (const id of [c.webConversationId, c.waConversationId]) {
    const text = (await replayed(id)).toLowerCase();
    for (const word of secrets) expect(text.includes(word.toLowerCase()), `room ${id} replays ${word}`).toBe(false);
  }
  for (const id of c.fileIds) expect(await env.FILES.head(`files/${id}`), `file ${id}`).toBeNull();
}

describe("POST /api/v1/contacts/{id}/erase", () => {
  let c: RichContact;
  beforeAll(async () => {
    c = await richContact(boss, publicKey);
  });

  it("finds every word before the erasure (the checks below can fail)", async () => {
    const secrets = secretsOf(c);
    expect((await d1Traces(secrets)).length).toBeGreaterThan(5);
    expect((await call(`/api/v1/search?q=${c.words.web}`, { client: boss })).body.hits.length).toBeGreaterThan(0);
    expect(await ftsHits(c.words.wa)).toBeGreaterThan(0);
    expect(await replayed(c.webConversationId)).toContain(c.words.note);
    for (const id of c.fileIds) expect(await env.FILES.head(`files/${id}`)).not.toBeNull();
    expect(await outbox(c.endpointId).pending()).toBeGreaterThan(0);
  });

  it("refuses without the typed confirmation, and agents, and erases nothing", async () => {
    const agent = await agentWithRole("agent");
    const before = await storedRows();
    expectApiError(await erase(c.contactId, "erase"), 422, "confirmation_required");
    expectApiError(await erase(c.contactId, "ERASE", agent), 403, "forbidden");
    expectApiError(await erase(c.contactId, "ERASE", {}), 401, "unauthenticated");
    expect(await storedRows()).toEqual(before);
    expect((await d1Traces([c.words.web])).length).toBeGreaterThan(0);
  });

  it("erases everywhere; an open socket is told and closed; the audit log records it without the data", async () => {
    const live = await openSocket(`/api/v1/conversations/${c.webConversationId}/ws?after=0`, boss);
    const res = await erase(c.contactId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ contactId: c.contactId, completedAt: expect.any(Number) });
    expect(res.body.counts.conversations).toBe(2);
    expect(res.body.counts.files).toBe(2);
    expect(res.body.counts.webhookDeliveries).toBeGreaterThan(0);
    await live.until(() => live.closed);
    expect(live.frames.some((f) => f.type === "erased")).toBe(true);
    expect(live.closeCode).toBe(ERASED_CLOSE_CODE);

    await expectNoTrace(c);
    expect(await outbox(c.endpointId).pending()).toBe(0);
    // The conversations keep their shape: same seqs, statuses, authors' types; text removed.
    const history = await call(`/api/v1/conversations/${c.webConversationId}/messages?limit=50`, { client: boss });
    const message = history.body.events.find((e: any) => e.type === "message" && e.actor.type === "contact");
    expect(message).toMatchObject({ body: REMOVED_TEXT, actor: { type: "contact", name: null } });
    expect(message.attachments).toBeUndefined();
    expect(history.body.events.some((e: any) => e.type === "status" && e.to === "resolved")).toBe(true);
    expect(history.body.events.find((e: any) => e.type === "csat")).toMatchObject({ rating: 4, comment: REMOVED_TEXT });
    // The visitor's token is revoked with the contact.
    expectApiError(await call("/api/v1/widget/messages", { headers: bearer(c.visitorToken) }), 401, "invalid_token");

    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE action = 'contact.erased' AND target_id = ?").bind(c.contactId).all();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({ actor_type: "agent", target_type: "contact" });
    const text = JSON.stringify(audit.results).toLowerCase();
    for (const word of secretsOf(c)) expect(text.includes(word.toLowerCase())).toBe(false);
  });

  it("answers a second erasure of the same contact the same way (idempotent)", async () => {
    const again = await erase(c.contactId);
    expect(again.status).toBe(200);
    expect(again.body.counts).toMatchObject({ conversations: 2, files: 0 });
    await expectNoTrace(c);
  });

  it("answers an unknown contact with 404 and an id over 64 characters with 400", async () => {
    expectApiError(await erase(crypto.randomUUID()), 404, "contact_not_found");
    expectApiError(await erase("x".repeat(65)), 400, "validation_failed");
  });
});

describe("erasure races", () => {
  it("a handoff still in the Projector when the erasure runs never lands its text after it", async () => {
    const c = await richContact(boss, publicKey);
    const late = `tardio${crypto.randomUUID().replace(/[^a-f]/g, "").slice(0, 6)}`;
    const db = database(env.DB);
    const seed = seedOf((await findConversation(db, c.webConversationId))!);
    const state = await env.CONVERSATION_ROOM.getByName(c.webConversationId).snapshot(seed);
    // A room instance stored a note and handed it over, then died (eviction, a crash): the
    // handoff waits in the Projector, held here, with its text; the room that answers the
    // erasure next has no handoff of its own to wait for. Only the Projector's fence keeps
    // this batch ahead of the D1 rewrite.
    const heldUntil = Date.now() + 1500;
    const projector = env.PROJECTOR.getByName("projector-0");
    await projector.holdFlushesUntil(heldUntil);
    const seq = state.lastSeq + 1;
    const note = { type: "message", kind: "note", body: `Mais uma ${late}`, seq, id: crypto.randomUUID(), conversationId: c.webConversationId, at: Date.now(), actor: { type: "agent", id: "a-late", name: "Late" }, clientId: null, providerMessageId: null, delivery: null } as const;
    const handoff = projector.accept({ ...state, lastSeq: seq, lastMessagePreview: note.body } as any, [note as any]);
    const res = await erase(c.contactId);
    expect(res.status).toBe(200);
    await handoff;
    await new Promise((r) => setTimeout(r, Math.max(0, heldUntil - Date.now()) + 300));
    // The held batch did land (the race was real), and what it held is erased.
    const row = await env.DB.prepare("SELECT body FROM messages WHERE conversation_id = ? AND seq = ?").bind(c.webConversationId, seq).first<{ body: string }>();
    expect(row?.body).toBe(REMOVED_TEXT);
    expect(await d1Traces([late, ...secretsOf(c)])).toEqual([]);
    expect(await ftsHits(late)).toBe(0);
    await expectNoTrace(c);
  });

  it("erases a room that was evicted with its outbox unsent", async () => {
    const c = await richContact(boss, publicKey);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(c.waConversationId));
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(c.webConversationId));
    expect((await erase(c.contactId)).status).toBe(200);
    await expectNoTrace(c);
  });

  it("a run cut off after the rooms is completed by the cron, and only then audited", async () => {
    const c = await richContact(boss, publicKey);
    const db = database(env.DB);
    const now = Date.now();
    await requestErasure(db, c.contactId, { type: "agent", id: "a-test", name: "Test" }, null, now);
    // As if the Worker died after step 1: the rooms are erased, D1 and the outbox are not.
    for (const id of [c.webConversationId, c.waConversationId]) {
      const row = await env.DB.prepare("SELECT * FROM conversations WHERE id = ?").bind(id).first<any>();
      const seed = { id, inboxId: row.inbox_id, channel: id === c.waConversationId ? "whatsapp" : "webchat", contactId: c.contactId, teamId: null, assigneeId: null, status: row.status, priority: 0, createdAt: row.created_at, lastActivityAt: row.last_activity_at } as const;
      await env.CONVERSATION_ROOM.getByName(id).erase(seed, "contact");
    }
    expect((await d1Traces([c.words.web])).length).toBeGreaterThan(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'contact.erased' AND target_id = ?").bind(c.contactId).first("n")).toBe(0);
    await runRightsJobs(env, now + 120_000);
    await expectNoTrace(c);
    expect(await outbox(c.endpointId).pending()).toBe(0);
    const row = await env.DB.prepare("SELECT completed_at, attempts FROM contact_erasures WHERE contact_id = ?").bind(c.contactId).first<any>();
    expect(row.completed_at).not.toBeNull();
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'contact.erased' AND target_id = ?").bind(c.contactId).first("n")).toBe(1);
  });
});
