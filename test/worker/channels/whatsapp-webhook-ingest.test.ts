/**
 * WhatsApp deliveries stored through the real webhook route: once however often Meta
 * redelivers (room evicted or not), in the provider's order with its timestamps, one
 * contact and one conversation per customer however they are named or however many
 * deliveries race, and the business app's own messages (smb_message_echoes) as agents'.
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../fixtures";
import type { Client } from "../http-client";
import { conversationsOf, eventsOf, messagesIn } from "./channel-world";
import { WA } from "./whatsapp-fixtures";
import { contactsOf, messagesOfOnly, onlyConversation, projectedRows, waInbox } from "./whatsapp-webhook-kit";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

const BATCH_IDS = ["wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjABATCH1", "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjABATCH2", "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjABATCH3"];

describe("redelivery", () => {
  it("the same delivery twice: one message (dedup by the provider's message id), in the room and in D1", async () => {
    const wa = await waInbox();
    expect(await wa.send(WA.pywaText)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await wa.send(WA.pywaText)).toMatchObject({ status: 200, body: { ok: true } });
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => [m.body, m.providerMessageId, m.actor.type])).toEqual([["Body Text", "wamid.xyzxyz", "contact"]]);
    const conversation = await onlyConversation(wa.inbox.id);
    await projectedRows(conversation.id, (rows) => expect(rows.map((r) => r.provider_message_id)).toEqual(["wamid.xyzxyz"]));
  });

  it("again after the conversation's room was evicted: still one message", async () => {
    const wa = await waInbox();
    expect((await wa.send(WA.pywaText)).status).toBe(200);
    const conversation = await onlyConversation(wa.inbox.id);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(conversation.id));
    expect((await wa.send(WA.pywaText)).status).toBe(200);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(conversation.id));
    expect((await wa.send(WA.pywaText)).status).toBe(200);
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => m.providerMessageId)).toEqual(["wamid.xyzxyz"]);
    await projectedRows(conversation.id, (rows) => expect(rows).toHaveLength(1));
  });

  it("a batch redelivered after part of it was stored: only what is missing is added, in order", async () => {
    const wa = await waInbox();
    // The first message alone (as if Meta had sent it on its own before).
    const first = wa.body(WA.batchThreeMessages);
    const onlyFirst = JSON.parse(first);
    onlyFirst.entry = [{ ...onlyFirst.entry[0], changes: [onlyFirst.entry[0].changes[0]] }];
    expect((await wa.deliver(JSON.stringify(onlyFirst))).status).toBe(200);
    expect((await wa.deliver(first)).status).toBe(200);
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => m.providerMessageId)).toEqual(BATCH_IDS);
  });
});

describe("order and time", () => {
  it("a batch of three: stored in the provider's order (seq order), each with the provider's time beside ours", async () => {
    const wa = await waInbox();
    const before = Date.now();
    expect((await wa.send(WA.batchThreeMessages)).status).toBe(200);
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => m.body)).toEqual(["primeira: pedido 4521", "segunda: chegou amassado 📦", "terceira: quero trocar, por favor 🙏"]);
    expect(messages.map((m) => m.providerMessageId)).toEqual(BATCH_IDS);
    const seqs = messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(messages.map((m) => m.providerAt)).toEqual([1796212900_000, 1796212901_000, 1796212902_000]);
    for (const m of messages) expect(m.at).toBeGreaterThanOrEqual(before);
    const conversation = await onlyConversation(wa.inbox.id);
    await projectedRows(conversation.id, (rows) => expect(rows.map((r) => r.provider_message_id)).toEqual(BATCH_IDS));
  });

  it("the provider's order wins over its timestamps: seq follows the delivery, providerAt keeps each one's time", async () => {
    const wa = await waInbox();
    // Same batch, the timestamps reversed: the order of the delivery is still the order kept.
    const reversed = wa.body(WA.batchThreeMessages, [
      ['"1796212900"', '"1796212999"'],
      ['"1796212902"', '"1796212900"'],
    ]);
    expect((await wa.deliver(reversed)).status).toBe(200);
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => m.providerMessageId)).toEqual(BATCH_IDS);
    expect(messages.map((m) => m.providerAt)).toEqual([1796212999_000, 1796212901_000, 1796212900_000]);
  });
});

describe("who the customer is", () => {
  it("a sender known only by a business-scoped user id: one contact and one conversation, also on the second message", async () => {
    const wa = await waInbox();
    expect((await wa.send(WA.bsuidOnly)).status).toBe(200);
    expect((await wa.send(WA.bsuidOnly, [["BSUID1", "BSUID2"]])).status).toBe(200);
    expect(await contactsOf(wa.inbox.id)).toMatchObject([{ external_id: "BR.99887766554433221100", name: "Lu 🌻", phone: null }]);
    const conversation = await onlyConversation(wa.inbox.id);
    expect(conversation.contact_id).toBe((await contactsOf(wa.inbox.id))[0]!.contact_id);
    const messages = messagesIn(await eventsOf(boss, conversation.id));
    expect(messages.map((m) => [m.body, m.actor.type])).toEqual([
      ["Oi, tudo bem? Quero trocar um produto.", "contact"],
      ["Oi, tudo bem? Quero trocar um produto.", "contact"],
    ]);
  });

  it("two deliveries for the same new customer at once: one contact, one conversation, both messages", async () => {
    const wa = await waInbox();
    const results = await Promise.all([wa.send(WA.pywaText), wa.send(WA.pywaText, [["wamid.xyzxyz", "wamid.concurrent2"]])]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await contactsOf(wa.inbox.id)).toMatchObject([{ external_id: "972987654321", phone: "+972987654321" }]);
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => m.providerMessageId).sort()).toEqual(["wamid.concurrent2", "wamid.xyzxyz"]);
  });

  it("four racing deliveries, two of them the same message: one contact, one conversation, two messages", async () => {
    const wa = await waInbox();
    const other: Array<[string, string]> = [["wamid.xyzxyz", "wamid.race-b"]];
    const results = await Promise.all([wa.send(WA.pywaText), wa.send(WA.pywaText, other), wa.send(WA.pywaText), wa.send(WA.pywaText, other)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await contactsOf(wa.inbox.id)).toHaveLength(1);
    expect(await conversationsOf(wa.inbox.id)).toHaveLength(1);
    expect((await messagesOfOnly(boss, wa.inbox.id)).map((m) => m.providerMessageId).sort()).toEqual(["wamid.race-b", "wamid.xyzxyz"]);
  });
});

describe("the business app's own messages (smb_message_echoes)", () => {
  it("stored in the customer's conversation as an agent's message, already sent, and never sent again", async () => {
    const wa = await waInbox();
    expect((await wa.send(WA.batchThreeMessages)).status).toBe(200);
    expect((await wa.send(WA.smbEcho)).status).toBe(200);
    expect((await wa.send(WA.smbEcho)).status).toBe(200);
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => m.actor.type)).toEqual(["contact", "contact", "contact", "agent"]);
    expect(messages.at(-1)).toMatchObject({
      body: "Oi Maria, aqui é a Carla da loja, pelo celular 📱",
      providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjAECHO01",
      actor: { type: "agent", id: null },
      delivery: "sent",
      providerAt: 1796213300_000,
    });
    const conversation = await onlyConversation(wa.inbox.id);
    await projectedRows(conversation.id, (rows) => expect(rows.at(-1)).toMatchObject({ direction: "out", sender_type: "agent", delivery_status: "sent" }));
  });

  it("an echo to a customer who never wrote here starts their conversation, with the business's message in it", async () => {
    const wa = await waInbox();
    expect((await wa.send(WA.smbEcho)).status).toBe(200);
    expect(await contactsOf(wa.inbox.id)).toMatchObject([{ external_id: "5511987654321" }]);
    const messages = await messagesOfOnly(boss, wa.inbox.id);
    expect(messages.map((m) => [m.actor.type, m.body])).toEqual([["agent", "Oi Maria, aqui é a Carla da loja, pelo celular 📱"]]);
  });
});
