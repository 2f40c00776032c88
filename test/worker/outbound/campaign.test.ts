/**
 * Campaigns (issue 16): a segment split by consent, paced sends through the rooms'
 * delivery queues, resumable after a crash without sending anyone twice, and the report.
 * Real D1, rooms and runner; only the Graph API is faked, at the fetch boundary.
 */
import { env } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { fakeProvider, type ProviderCall } from "../provider-fake";
import { GRAPH, graphError, sentAnswer } from "../channels/whatsapp-kit";
import { waInbox } from "../channels/whatsapp-webhook-kit";
import { consentRecordStatement } from "../../../worker/db/consent";
import { contacts } from "../../../worker/db/schema";
import { MARKETING, TEMPLATE, db, newPhone } from "./outbound-kit";

/** `n` contacts carrying attribute campanha=`mark`, with phones; the first `consenting`
 * of them consent to marketing on WhatsApp. Written in batches, as an import would. */
async function segmentOf(mark: string, n: number, consenting: number) {
  const people = Array.from({ length: n }, (_, i) => ({ id: crypto.randomUUID(), phone: `${newPhone().slice(0, 9)}${String(i).padStart(4, "0")}`, consents: i < consenting }));
  const now = Date.now();
  for (let i = 0; i < people.length; i += 40) {
    const chunk = people.slice(i, i + 40);
    const statements = [
      ...chunk.map((p) => db.insert(contacts).values({ id: p.id, name: `Cliente ${p.phone.slice(-4)}`, phone: p.phone, attributes: { campanha: mark }, createdAt: now })),
      ...chunk
        .filter((p) => p.consents)
        .map((p) => consentRecordStatement(db, { contactId: p.id, channel: "whatsapp", purposeId: MARKETING, action: "grant", source: "import", recordedBy: { type: "system", id: null, name: null }, at: now - 1000 })),
    ];
    await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  }
  return people;
}

function campaignBody(inboxId: string, mark: string) {
  return { name: `Natal ${mark}`, inboxId, purposeId: MARKETING, message: { template: TEMPLATE }, segment: { all: [{ kind: "attribute", key: "campanha", value: mark }] } };
}

async function detail(boss: Client, id: string) {
  const res = await call(`/api/v1/campaigns/${id}`, { client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function allRecipients(boss: Client, id: string, state: string) {
  const out: any[] = [];
  for (let after = ""; ; ) {
    const res = await call(`/api/v1/campaigns/${id}/recipients?state=${state}&limit=200${after ? `&after=${after}` : ""}`, { client: boss });
    expect(res.status).toBe(200);
    out.push(...res.body.recipients);
    if (!res.body.nextAfter) return out;
    after = res.body.nextAfter;
  }
}

describe("a campaign of 200 contacts, 50 without consent", () => {
  it("sends exactly 150, none twice, through a runner eviction, lost marks and a failing provider; the 50 are listed as no_consent", { timeout: 180_000 }, async () => {
    const boss = await owner();
    const wa = await waInbox();
    const path = new RegExp(`/${wa.phoneNumberId}/messages$`);
    const accepted: string[] = [];
    let failing = 0;
    const graph = fakeProvider(GRAPH).on("POST", path, [], (c: ProviderCall) => {
      if (failing > 0) {
        failing--;
        return graphError(503, 2, "Service temporarily unavailable");
      }
      accepted.push(JSON.parse(c.body).to);
      return sentAnswer(`wamid.campaign.${accepted.length}.${Date.now()}`);
    });
    const mark = crypto.randomUUID();
    const people = await segmentOf(mark, 200, 150);

    const created = await call("/api/v1/campaigns", { method: "POST", json: campaignBody(wa.inbox.id, mark), client: boss });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", channel: "whatsapp" });
    const id = created.body.id as string;
    const started = await call(`/api/v1/campaigns/${id}/start`, { method: "POST", client: boss });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe("running");
    expect(started.body.counts.pending + started.body.counts.sent).toBe(150);
    expect(started.body.counts.skipped).toBe(50);
    // A second start only wakes the runner: no recipient added, none sent twice (below).
    const again = await call(`/api/v1/campaigns/${id}/start`, { method: "POST", client: boss });
    expect(again.status).toBe(200);
    expect(again.body.counts.pending + again.body.counts.sent + again.body.counts.skipped).toBe(200);

    // Halfway: the runner is evicted, the provider starts failing for a while, and some
    // marks are lost as if the runner had crashed between a send and its mark.
    await eventually(async () => expect((await detail(boss, id)).counts.sent).toBeGreaterThanOrEqual(40), 60_000);
    failing = 25;
    await evictDurableObject(env.CAMPAIGN_RUNNER.getByName(id));
    await env.DB.prepare(
      "UPDATE campaign_recipients SET state = 'pending', conversation_id = NULL, message_seq = NULL WHERE campaign_id = ? AND contact_id IN (SELECT contact_id FROM campaign_recipients WHERE campaign_id = ? AND state = 'sent' ORDER BY contact_id LIMIT 15)",
    )
      .bind(id, id)
      .run();

    await eventually(async () => expect((await detail(boss, id)).status).toBe("completed"), 120_000);
    await eventually(async () => expect(accepted.length).toBe(150), 60_000);
    // Settled: nothing more arrives (a duplicate would come from a room's queue).
    await new Promise((r) => setTimeout(r, 1500));
    expect(accepted).toHaveLength(150);
    expect(new Set(accepted).size).toBe(150);
    const consenting = new Set(people.filter((p) => p.consents).map((p) => p.phone));
    expect(accepted.every((to) => consenting.has(to))).toBe(true);
    expect(graph.callsTo("POST", path).length).toBeGreaterThan(150);

    const final = await detail(boss, id);
    expect(final.counts).toEqual({ pending: 0, skipped: 50, sent: 150, failed: 0 });
    expect(final.report.sent).toBe(150);
    const skipped = await allRecipients(boss, id, "skipped");
    expect(skipped).toHaveLength(50);
    expect(new Set(skipped.map((r) => r.reason))).toEqual(new Set(["no_consent"]));
    expect(new Set(skipped.map((r) => r.contactId))).toEqual(new Set(people.filter((p) => !p.consents).map((p) => p.id)));
    // One conversation per recipient, one campaign message in each.
    const { results } = await env.DB.prepare(
      "SELECT count(DISTINCT r.conversation_id) AS conversations, count(m.seq) AS messages FROM campaign_recipients r JOIN messages m ON m.conversation_id = r.conversation_id AND m.direction = 'out' WHERE r.campaign_id = ?",
    )
      .bind(id)
      .all<{ conversations: number; messages: number }>();
    expect(results[0]).toEqual({ conversations: 150, messages: 150 });
    expectApiError(await call(`/api/v1/campaigns/${id}/start`, { method: "POST", client: boss }), 409, "conflict");
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'campaign.started' AND target_id = ?").bind(id).first<{ n: number }>();
    expect(audit?.n).toBe(1);
  });
});
