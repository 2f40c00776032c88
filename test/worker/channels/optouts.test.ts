/**
 * Opt-outs that outlive a conversation (issue 12): a STOP (or a blocked bot) stored in one
 * conversation is projected into D1 (contact_channel_optouts), and the contact's next
 * conversation in that inbox starts unreachable; START deletes the row and lets replies
 * go again. Items enter as the webhook route hands them over (worker/channels/ingest.ts),
 * on a WhatsApp inbox: the seam is the same for every kind, and the adapters that emit
 * reachability items (Telegram, Twilio) are other parts' work.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ingestItems } from "../../../worker/channels/ingest";
import { providerAdapterFor } from "../../../worker/channels/registry";
import { channelConfigOf } from "../../../worker/channels/config";
import type { ChannelConfig, InboundItem } from "../../../worker/channels/types";
import type { ContactDetail, ReachabilityReason } from "../../../worker/protocol";
import { eventually, expectApiError } from "../assertions";
import { owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { conversationsOf, db, eventsOf } from "./channel-world";
import { GRAPH, sentAnswer } from "./whatsapp-kit";
import { waInbox, type WaInbox } from "./whatsapp-webhook-kit";

const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

interface Customer {
  wa: WaInbox;
  config: ChannelConfig;
  externalId: string;
  /** Hands `items` to the webhook's ingest, as the route does after verifying. */
  deliver: (items: InboundItem[]) => ReturnType<typeof ingestItems>;
  text: (body: string, providerMessageId?: string) => InboundItem;
  reachability: (reachable: boolean, reason?: ReachabilityReason) => InboundItem;
}

async function customer(): Promise<Customer> {
  const wa = await waInbox();
  fakeProvider(GRAPH).on("POST", new RegExp(`/${wa.phoneNumberId}/messages$`), [], sentAnswer("wamid.optout"));
  const config = await channelConfigOf(env, wa.inbox);
  if (typeof config === "string") throw new Error(config);
  const externalId = `55119${Date.now() % 1e8}${++counter}`;
  const contact = { externalId, name: "Maria Silva" };
  return {
    wa,
    config,
    externalId,
    deliver: (items) => ingestItems(env, db, wa.inbox, providerAdapterFor(wa.inbox.kind)!, config, items),
    text: (body, providerMessageId = `wamid.opt${Date.now()}${++counter}`) => ({ type: "message", contact, from: "contact", providerMessageId, body, media: [], providerAt: Date.now() }),
    reachability: (reachable, reason = "opted_out") => ({ type: "reachability", contact, reachable, reason, providerAt: Date.now() }),
  };
}

async function optOutRows(inboxId: string) {
  const { results } = await env.DB.prepare("SELECT contact_id, inbox_id, reason, at FROM contact_channel_optouts WHERE inbox_id = ?").bind(inboxId).all<{ contact_id: string; inbox_id: string; reason: string; at: number }>();
  return results;
}

function reply(agent: Client, conversationId: string, body: string, extra: Record<string, unknown> = {}) {
  return call(`/api/v1/conversations/${conversationId}/messages`, { method: "POST", json: { body, clientId: crypto.randomUUID(), ...extra }, client: agent });
}

/** Resolves the conversation through the API and backdates it in D1 to `ago` ms, so the
 * customer's next message starts another conversation (WhatsApp reopens within 24 h). */
async function resolvedLongAgo(agent: Client, conversationId: string, ago: number) {
  expect((await call(`/api/v1/conversations/${conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: agent })).status).toBe(200);
  await eventually(async () => expect((await conversationsOf((await findInboxOf(conversationId))!)).find((c) => c.id === conversationId)?.status).toBe("resolved"));
  await env.DB.prepare("UPDATE conversations SET resolved_at = ? WHERE id = ?").bind(Date.now() - ago, conversationId).run();
}

async function findInboxOf(conversationId: string): Promise<string | null> {
  return (await env.DB.prepare("SELECT inbox_id FROM conversations WHERE id = ?").bind(conversationId).first<{ inbox_id: string }>())?.inbox_id ?? null;
}

function reachabilityOf(events: Awaited<ReturnType<typeof eventsOf>>) {
  return events.filter((e) => e.type === "reachability").map((e) => (e.type === "reachability" ? `${e.reachable ? "reachable" : "unreachable"}:${e.reason}` : ""));
}

describe("an opt-out outlives its conversation", () => {
  it("STOP in conversation 1, resolved long ago, the customer writes again: conversation 2 refuses replies (422) until START", async () => {
    const boss = await owner();
    const c = await customer();
    await c.deliver([c.text("STOP"), c.reachability(false)]);
    const [first] = await conversationsOf(c.wa.inbox.id);
    const rows = await eventually(async () => {
      const rows = await optOutRows(c.wa.inbox.id);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(rows[0]).toMatchObject({ contact_id: first!.contact_id, reason: "opted_out" });
    await resolvedLongAgo(boss, first!.id, 3 * DAY);

    await c.deliver([c.text("oi, ainda tenho uma dúvida")]);
    const conversations = await conversationsOf(c.wa.inbox.id);
    expect(conversations).toHaveLength(2);
    const second = conversations.find((x) => x.id !== first!.id)!;
    // The new conversation starts unreachable, and says so in its timeline first.
    const events = await eventsOf(boss, second.id);
    expect(events.map((e) => e.type)).toEqual(["reachability", "message"]);
    expect(reachabilityOf(events)).toEqual(["unreachable:opted_out"]);

    const refused = await reply(boss, second.id, "posso ajudar?");
    expectApiError(refused, 422, "recipient_unreachable");
    expect(refused.body.error.message).toMatch(/opted out of this channel/);
    // A private note is not a send: allowed.
    expect((await reply(boss, second.id, "cliente pediu STOP antes", { kind: "note" })).status).toBe(201);

    await c.deliver([c.text("START"), c.reachability(true)]);
    expect((await reply(boss, second.id, "bem-vinda de volta")).status).toBe(201);
    await eventually(async () => expect(await optOutRows(c.wa.inbox.id)).toEqual([]));
    expect(reachabilityOf(await eventsOf(boss, second.id))).toEqual(["unreachable:opted_out", "reachable:opted_out"]);
  });

  it("a redelivered STOP adds nothing: one event, one row, its first time kept", async () => {
    const boss = await owner();
    const c = await customer();
    const stop = [c.text("STOP", "wamid.stop-once"), c.reachability(false)];
    expect(await c.deliver(stop)).toMatchObject({ stored: 2, duplicates: 0 });
    const [first] = await conversationsOf(c.wa.inbox.id);
    const rows = await eventually(async () => {
      const rows = await optOutRows(c.wa.inbox.id);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(await c.deliver(stop)).toMatchObject({ stored: 0, duplicates: 2 });
    // A second STOP (another message, same state) adds the message only.
    expect(await c.deliver([c.text("stop"), c.reachability(false)])).toMatchObject({ stored: 1, duplicates: 1 });
    expect(reachabilityOf(await eventsOf(boss, first!.id))).toEqual(["unreachable:opted_out"]);
    expect(await optOutRows(c.wa.inbox.id)).toEqual(rows);
  });

  it("a customer who opted back in starts the next conversation reachable", async () => {
    const boss = await owner();
    const c = await customer();
    await c.deliver([c.text("STOP"), c.reachability(false)]);
    await eventually(async () => expect(await optOutRows(c.wa.inbox.id)).toHaveLength(1));
    await c.deliver([c.text("START"), c.reachability(true)]);
    await eventually(async () => expect(await optOutRows(c.wa.inbox.id)).toEqual([]));
    const [first] = await conversationsOf(c.wa.inbox.id);
    await resolvedLongAgo(boss, first!.id, 3 * DAY);

    await c.deliver([c.text("voltei")]);
    const second = (await conversationsOf(c.wa.inbox.id)).find((x) => x.id !== first!.id)!;
    expect(reachabilityOf(await eventsOf(boss, second.id))).toEqual([]);
    expect((await reply(boss, second.id, "olá de novo")).status).toBe(201);
  });

  it("START as the first message of the new conversation: stored after the standing opt-out, replies allowed, and a redelivery does not opt the customer out again", async () => {
    const boss = await owner();
    const c = await customer();
    await c.deliver([c.text("PARAR"), c.reachability(false)]);
    await eventually(async () => expect(await optOutRows(c.wa.inbox.id)).toHaveLength(1));
    const [first] = await conversationsOf(c.wa.inbox.id);
    await resolvedLongAgo(boss, first!.id, 3 * DAY);

    const start = [c.text("VOLTAR", "wamid.start-first"), c.reachability(true)];
    expect(await c.deliver(start)).toMatchObject({ stored: 3, duplicates: 0 });
    const second = (await conversationsOf(c.wa.inbox.id)).find((x) => x.id !== first!.id)!;
    // Redelivered while D1 trails the room (put back as it was before the projection:
    // no events, the opt-out row still there): the room, not D1, decides.
    await eventually(async () => expect(await optOutRows(c.wa.inbox.id)).toEqual([]));
    await env.DB.prepare("UPDATE conversations SET last_seq = 0 WHERE id = ?").bind(second.id).run();
    await env.DB.prepare("INSERT INTO contact_channel_optouts (contact_id, inbox_id, reason, at) VALUES (?, ?, 'opted_out', ?)").bind(second.contact_id, c.wa.inbox.id, Date.now()).run();
    expect(await c.deliver(start)).toMatchObject({ stored: 0, duplicates: 3 });
    expect(reachabilityOf(await eventsOf(boss, second.id))).toEqual(["unreachable:opted_out", "reachable:opted_out"]);
    expect((await reply(boss, second.id, "tudo certo")).status).toBe(201);
  });

  it("a blocked bot is kept per inbox, with its reason", async () => {
    const c = await customer();
    const other = await customer();
    await c.deliver([c.text("tchau"), c.reachability(false, "blocked")]);
    await eventually(async () => expect(await optOutRows(c.wa.inbox.id)).toMatchObject([{ reason: "blocked" }]));
    expect(await optOutRows(other.wa.inbox.id)).toEqual([]);
  });
});

describe("D1 fails", () => {
  it("while projecting the opt-out: the room holds the STOP (replies refused at once); D1 gets the row once it recovers", async () => {
    const boss = await owner();
    const c = await customer();
    await env.DB.exec("CREATE TRIGGER fail_optouts BEFORE INSERT ON contact_channel_optouts BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END;");
    try {
      expect(await c.deliver([c.text("STOP"), c.reachability(false)])).toMatchObject({ stored: 2 });
      const [first] = await conversationsOf(c.wa.inbox.id);
      expectApiError(await reply(boss, first!.id, "oi?"), 422, "recipient_unreachable");
      expect(await optOutRows(c.wa.inbox.id)).toEqual([]);
    } finally {
      await env.DB.exec("DROP TRIGGER fail_optouts;");
    }
    const [first] = await conversationsOf(c.wa.inbox.id);
    // The room's alarm retries the handoff; run it rather than wait for its backoff.
    await eventually(async () => {
      await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(first!.id));
      expect(await optOutRows(c.wa.inbox.id)).toMatchObject([{ contact_id: first!.contact_id, reason: "opted_out" }]);
    });
  });

  it("while reading the opt-out for a new conversation: the delivery fails (redelivered), and the redelivery starts the conversation unreachable", async () => {
    const boss = await owner();
    const c = await customer();
    await c.deliver([c.text("STOP"), c.reachability(false)]);
    await eventually(async () => expect(await optOutRows(c.wa.inbox.id)).toHaveLength(1));
    const [first] = await conversationsOf(c.wa.inbox.id);
    await resolvedLongAgo(boss, first!.id, 3 * DAY);

    const again = [c.text("oi de novo", "wamid.after-outage")];
    await env.DB.exec("ALTER TABLE contact_channel_optouts RENAME TO optouts_unreachable;");
    try {
      await expect(c.deliver(again)).rejects.toThrow();
    } finally {
      await env.DB.exec("ALTER TABLE optouts_unreachable RENAME TO contact_channel_optouts;");
    }
    expect(await c.deliver(again)).toMatchObject({ stored: 2, duplicates: 0 });
    const second = (await conversationsOf(c.wa.inbox.id)).find((x) => x.id !== first!.id)!;
    expect((await eventsOf(boss, second.id)).map((e) => e.type)).toEqual(["reachability", "message"]);
    expectApiError(await reply(boss, second.id, "posso ajudar?"), 422, "recipient_unreachable");
  });
});

describe("the contact panel shows the opt-outs", () => {
  it("GET /api/v1/contacts/:id lists each inbox the contact opted out of, and none after START", async () => {
    const boss = await owner();
    const c = await customer();
    const before = Date.now();
    await c.deliver([c.text("STOP"), c.reachability(false)]);
    const [first] = await conversationsOf(c.wa.inbox.id);
    const detail = await eventually(async () => {
      const res = await call(`/api/v1/contacts/${first!.contact_id}`, { client: boss });
      expect(res.status).toBe(200);
      expect((res.body as ContactDetail).optOuts).toHaveLength(1);
      return res.body as ContactDetail;
    });
    expect(detail.optOuts).toEqual([{ inboxId: c.wa.inbox.id, reason: "opted_out", at: expect.any(Number) }]);
    expect(detail.optOuts[0]!.at).toBeGreaterThanOrEqual(before);

    await c.deliver([c.text("START"), c.reachability(true)]);
    await eventually(async () => expect(((await call(`/api/v1/contacts/${first!.contact_id}`, { client: boss })).body as ContactDetail).optOuts).toEqual([]));
  });
});
