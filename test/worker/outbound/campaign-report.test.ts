/**
 * A campaign's report (issue 16), from what D1 holds after the sends: the provider's
 * receipts through the real webhook (delivered, read), the customer's answer (replied),
 * a revocation recorded after the send (opted out); a contact without a phone is skipped
 * with its reason when the runner reaches it; agents and non-admin tokens are refused.
 * The conversations a campaign starts wait snoozed until the customer answers.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { agentWithRole, owner } from "../fixtures";
import { call } from "../http-client";
import { asToken, makeToken } from "../token-kit";
import { fakeProvider, type ProviderCall } from "../provider-fake";
import { GRAPH, sentAnswer } from "../channels/whatsapp-kit";
import { WA } from "../channels/whatsapp-fixtures";
import { waInbox } from "../channels/whatsapp-webhook-kit";
import { MARKETING, TEMPLATE, consent, newContact, newPhone } from "./outbound-kit";

describe("a campaign's report", () => {
  it("counts sent, delivered, read, replied and opted out from receipts, replies and revocations; skips a contact with no phone", { timeout: 120_000 }, async () => {
    const boss = await owner();
    const wa = await waInbox();
    const wamids = new Map<string, string>();
    fakeProvider(GRAPH).on("POST", new RegExp(`/${wa.phoneNumberId}/messages$`), [], (c: ProviderCall) => {
      const wamid = `wamid.report.${crypto.randomUUID()}`;
      wamids.set(JSON.parse(c.body).to, wamid);
      return sentAnswer(wamid);
    });
    const mark = crypto.randomUUID();
    const phones = [newPhone(), newPhone(), newPhone()];
    const ids = [];
    for (const phone of phones) ids.push(await newContact({ phone, attributes: { lista: mark } }));
    const noPhone = await newContact({ attributes: { lista: mark } });
    for (const id of [...ids, noPhone]) await consent(id, "grant", MARKETING, "whatsapp", Date.now() - 60_000);

    const created = await call("/api/v1/campaigns", {
      method: "POST",
      json: { name: "Relatório", inboxId: wa.inbox.id, purposeId: MARKETING, message: { template: TEMPLATE }, segment: { all: [{ kind: "attribute", key: "lista", value: mark }] } },
      client: boss,
    });
    expect(created.status).toBe(201);
    expect((await call(`/api/v1/campaigns/${created.body.id}/start`, { method: "POST", client: boss })).status).toBe(200);
    const detail = async () => (await call(`/api/v1/campaigns/${created.body.id}`, { client: boss })).body;
    await eventually(async () => expect((await detail()).status).toBe("completed"), 30_000);
    await eventually(async () => expect(wamids.size).toBe(3), 30_000);

    // The first read it (a read receipt), the second answered, the third said no more.
    const receipt = wa.body(WA.statusRead, [
      ["wamid.OUR-ANSWER-1", wamids.get(phones[0]!)!],
      ["5511987654321", phones[0]!],
      ["01JD0OURMESSAGEID0000000001", "not-ours"],
    ]);
    expect((await wa.deliver(receipt)).status).toBe(200);
    const answer = wa.body(WA.pywaText, [
      ["972987654321", phones[1]!],
      ["wamid.xyzxyz", `wamid.in.${crypto.randomUUID()}`],
      ["1697043223", String(Math.floor(Date.now() / 1000))],
      ["Body Text", "Quero o cupom!"],
    ]);
    expect((await wa.deliver(answer)).status).toBe(200);
    await consent(ids[2]!, "revoke", MARKETING, "whatsapp", Date.now() + 1000);

    await eventually(async () => expect((await detail()).report).toEqual({ sent: 3, delivered: 1, read: 1, failed: 0, replied: 1, optedOut: 1 }), 30_000);
    const final = await detail();
    expect(final.counts).toEqual({ pending: 0, skipped: 1, sent: 3, failed: 0 });
    const skipped = (await call(`/api/v1/campaigns/${created.body.id}/recipients?state=skipped`, { client: boss })).body.recipients;
    expect(skipped).toEqual([expect.objectContaining({ contactId: noPhone, state: "skipped", reason: "no_identity_on_channel" })]);
  });

  it("leaves the conversations it starts snoozed until the customer answers, out of the open list; an answer opens one", { timeout: 120_000 }, async () => {
    const boss = await owner();
    const wa = await waInbox();
    fakeProvider(GRAPH).on("POST", new RegExp(`/${wa.phoneNumberId}/messages$`), [], () => sentAnswer(`wamid.snooze.${crypto.randomUUID()}`));
    const mark = crypto.randomUUID();
    const phones = [newPhone(), newPhone(), newPhone()];
    const ids: string[] = [];
    for (const phone of phones) ids.push(await newContact({ phone, attributes: { lista: mark } }));
    for (const id of ids) await consent(id, "grant", MARKETING, "whatsapp", Date.now() - 60_000);
    const statusOf = async (contactId: string) =>
      (await env.DB.prepare("SELECT status, last_seq AS lastSeq FROM conversations WHERE contact_id = ? AND inbox_id = ?").bind(contactId, wa.inbox.id).first<{ status: string; lastSeq: number }>()) ?? null;

    const created = await call("/api/v1/campaigns", {
      method: "POST",
      json: { name: "Soneca", inboxId: wa.inbox.id, purposeId: MARKETING, message: { template: TEMPLATE }, segment: { all: [{ kind: "attribute", key: "lista", value: mark }] } },
      client: boss,
    });
    expect((await call(`/api/v1/campaigns/${created.body.id}/start`, { method: "POST", client: boss })).status).toBe(200);
    await eventually(async () => expect((await call(`/api/v1/campaigns/${created.body.id}`, { client: boss })).body.status).toBe("completed"), 30_000);
    await eventually(async () => {
      for (const id of ids) expect(await statusOf(id)).toMatchObject({ status: "snoozed" });
    }, 30_000);
    const waiting = await call("/api/v1/conversations?status=open", { client: boss });
    const openIds = new Set(waiting.body.conversations.map((c: { contactId: string }) => c.contactId));
    expect(openIds.has(ids[0])).toBe(false);

    // The first customer answers: now someone should.
    const answer = wa.body(WA.pywaText, [
      ["972987654321", phones[0]!],
      ["wamid.xyzxyz", `wamid.in.${crypto.randomUUID()}`],
      ["1697043223", String(Math.floor(Date.now() / 1000))],
      ["Body Text", "Quero o cupom!"],
    ]);
    expect((await wa.deliver(answer)).status).toBe(200);
    await eventually(async () => expect(await statusOf(ids[0]!)).toMatchObject({ status: "open" }), 30_000);
    expect(await statusOf(ids[1]!)).toMatchObject({ status: "snoozed" });
    expect(await statusOf(ids[2]!)).toMatchObject({ status: "snoozed" });
  });

  it("is for admins and admin tokens only: an agent and a messages:write token get 403", async () => {
    const boss = await owner();
    const agent = await agentWithRole("agent");
    const token = await makeToken(boss, { scopes: ["messages:write"] });
    expectApiError(await call("/api/v1/campaigns", { client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/campaigns", { headers: asToken(token) }), 403, "forbidden");
    const admin = await makeToken(boss, { scopes: ["admin"] });
    expect((await call("/api/v1/campaigns", { headers: asToken(admin) })).status).toBe(200);
  });
});
