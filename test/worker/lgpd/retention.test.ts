/**
 * Per-inbox retention (issue 16): the cron erases the text and files of resolved
 * conversations once their resolution is older than the inbox's period — and nothing
 * else: not before the period, not an open conversation, not another inbox's. The contact
 * stays; the conversation keeps its shape; one audit entry per run with counts. A
 * conversation reopened after being erased is erased again once resolved again and old.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runRetention } from "../../../worker/rights/retention";
import { REMOVED_TEXT } from "../../../worker/protocol";
import { expectApiError } from "../assertions";
import { agentWithRole, customerWrites, lastSeq, owner, projected, webchatInbox } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { d1Traces, PNG, upload } from "./rights-kit";

const DAY = 24 * 3600_000;
let boss: Client;
let kept: { id: string; publicKey: string };
let short: { id: string; publicKey: string };

beforeAll(async () => {
  boss = await owner();
  short = await webchatInbox(boss, "Retention 30 days");
  kept = await webchatInbox(boss, "No retention");
  const res = await call(`/api/v1/inboxes/${short.id}/retention`, { method: "PUT", json: { retentionDays: 30 }, client: boss });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ retentionDays: 30 });
});

/** A visitor's conversation with a word and a file, resolved (or not). */
async function conversation(publicKey: string, resolve: boolean) {
  const word = `reter${crypto.randomUUID().replace(/[^a-f]/g, "").slice(0, 8)}`;
  const c = await customerWrites(publicKey, `Texto ${word}`);
  const up = await upload("/api/v1/widget/uploads", PNG, "image/png", c.token, "nota.png");
  const file = ((await up.json()) as { id: string }).id;
  const sent = await call("/api/v1/widget/messages", { method: "POST", json: { body: "", clientId: `f-${crypto.randomUUID()}`, attachmentIds: [file] }, headers: bearer(c.token) });
  expect(sent.status).toBe(201);
  if (resolve) expect((await call(`/api/v1/conversations/${c.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
  await projected(c.conversationId, await lastSeq(boss, c.conversationId));
  return { ...c, word, file };
}

const history = async (id: string) => (await call(`/api/v1/conversations/${id}/messages?limit=50`, { client: boss })).body.events;

describe("the retention cron", () => {
  it("erases only resolved conversations past their inbox's period, keeps the shape and the contact, and audits the run", async () => {
    const old = await conversation(short.publicKey, true);
    const open = await conversation(short.publicKey, false);
    const elsewhere = await conversation(kept.publicKey, true);

    // 29 days on: within the period, nothing happens.
    expect(await runRetention(env, Date.now() + 29 * DAY)).toEqual({ conversations: 0, events: 0, files: 0 });
    expect((await d1Traces([old.word])).length).toBeGreaterThan(0);

    const run = await runRetention(env, Date.now() + 31 * DAY);
    expect(run.conversations).toBe(1);
    expect(run.files).toBe(1);
    expect(await d1Traces([old.word])).toEqual([]);
    expect(await env.FILES.head(`files/${old.file}`)).toBeNull();
    const events = await history(old.conversationId);
    expect(events.find((e: any) => e.type === "message")).toMatchObject({ body: REMOVED_TEXT, actor: { type: "contact" } });
    expect(events.some((e: any) => e.type === "status" && e.to === "resolved")).toBe(true);
    // The contact is not erased by retention.
    expect((await call(`/api/v1/contacts/${old.contactId}`, { client: boss })).status).toBe(200);

    // Untouched: the open one, and the other inbox's resolved one.
    for (const other of [open, elsewhere]) {
      expect((await d1Traces([other.word])).length).toBeGreaterThan(0);
      expect(await env.FILES.head(`files/${other.file}`)).not.toBeNull();
      expect(JSON.stringify(await history(other.conversationId))).toContain(other.word);
    }
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE action = 'retention.erased'").all<any>();
    expect(audit.results).toHaveLength(1);
    expect(JSON.parse(audit.results[0].details)).toMatchObject({ conversations: 1, files: 1, inboxIds: [short.id] });

    // The next run finds nothing more to do (and writes no entry).
    expect(await runRetention(env, Date.now() + 31 * DAY)).toEqual({ conversations: 0, events: 0, files: 0 });
    expect((await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'retention.erased'").first<{ n: number }>())!.n).toBe(1);
  });

  it("erases a conversation reopened after its erasure once it is resolved again and old", async () => {
    const c = await conversation(short.publicKey, true);
    await runRetention(env, Date.now() + 31 * DAY);
    const again = `denovo${crypto.randomUUID().replace(/[^a-f]/g, "").slice(0, 8)}`;
    const sent = await call("/api/v1/widget/messages", { method: "POST", json: { body: `Voltei ${again}`, clientId: `r-${crypto.randomUUID()}` }, headers: bearer(c.token) });
    expect(sent.status).toBe(201);
    expect((await call(`/api/v1/conversations/${c.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    await projected(c.conversationId, await lastSeq(boss, c.conversationId));
    expect((await d1Traces([again])).length).toBeGreaterThan(0);
    await runRetention(env, Date.now() + 31 * DAY);
    expect(await d1Traces([again])).toEqual([]);
  });

  it("leaves a conversation the customer reopened after the cron read D1, and erases it once resolved again", async () => {
    const c = await conversation(short.publicKey, true);
    const back = `volta${crypto.randomUUID().replace(/[^a-f]/g, "").slice(0, 8)}`;
    // D1 still says resolved while the room has it open again: the projection is held.
    const heldUntil = Date.now() + 1500;
    await env.PROJECTOR.getByName("projector-0").holdFlushesUntil(heldUntil);
    expect((await call("/api/v1/widget/messages", { method: "POST", json: { body: `Voltei ${back}`, clientId: `v-${crypto.randomUUID()}` }, headers: bearer(c.token) })).status).toBe(201);
    expect((await runRetention(env, Date.now() + 31 * DAY)).conversations).toBe(0);
    expect(JSON.stringify(await history(c.conversationId))).toContain(c.word);
    await projected(c.conversationId, await lastSeq(boss, c.conversationId));
    expect((await call(`/api/v1/conversations/${c.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    await projected(c.conversationId, await lastSeq(boss, c.conversationId));
    expect((await runRetention(env, Date.now() + 31 * DAY)).conversations).toBe(1);
    expect(await d1Traces([c.word, back])).toEqual([]);
  });
});

describe("/api/v1/inboxes/{id}/retention", () => {
  it("reads and clears the period; admins only; bad values are 400; unknown inboxes 404", async () => {
    expect((await call(`/api/v1/inboxes/${kept.id}/retention`, { client: boss })).body).toEqual({ retentionDays: null });
    const agent = await agentWithRole("agent");
    expectApiError(await call(`/api/v1/inboxes/${kept.id}/retention`, { method: "PUT", json: { retentionDays: 7 }, client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/inboxes/${kept.id}/retention`, { method: "PUT", json: { retentionDays: 0 }, client: boss }), 400, "validation_failed");
    expectApiError(await call(`/api/v1/inboxes/${crypto.randomUUID()}/retention`, { method: "PUT", json: { retentionDays: 7 }, client: boss }), 404, "inbox_not_found");
    expect((await call(`/api/v1/inboxes/${kept.id}/retention`, { method: "PUT", json: { retentionDays: 7 }, client: boss })).body).toEqual({ retentionDays: 7 });
    expect((await call(`/api/v1/inboxes/${kept.id}/retention`, { method: "PUT", json: { retentionDays: null }, client: boss })).body).toEqual({ retentionDays: null });
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.changed' AND target_id = ? AND json_extract(details, '$.setting') = 'retentionDays'").bind(kept.id).first<{ n: number }>();
    expect(audit!.n).toBe(2);
  });
});
