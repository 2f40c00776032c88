import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner } from "./fixtures";
import { fakeProvider } from "./provider-fake";
import { GRAPH, agentReplies, customerText, deliveriesOf, deliveryOf, makeDueNow, messagesOf, queueRows, statusOf, wamid, whatsappConversation } from "./channel-room-kit";
import { graphError, sentAnswer } from "./channels/whatsapp-kit";
import type { ConversationEvent } from "../../worker/protocol";
import { ingestItems } from "../../worker/conversation/ingest";
import type { WriteStep } from "../../worker/conversation/message-changes";

type Conversation = Awaited<ReturnType<typeof whatsappConversation>>;

/** A conversation whose customer wrote, with a stand-in Graph API answering `answers`. */
async function setup(answers: Response[] = []) {
  const boss = await owner();
  const c = await whatsappConversation();
  await c.ingest([customerText("oi")]);
  const graph = fakeProvider(GRAPH).on("POST", c.sendPath, answers);
  return { boss, c, graph };
}

/** An agent's reply, once the provider took it. */
async function sentReply(boss: Awaited<ReturnType<typeof owner>>, c: Conversation, body: string): Promise<{ seq: number; id: string }> {
  const res = await agentReplies(boss, c.conversationId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const seq = res.body.seq as number;
  const events = await eventually(async () => {
    const events = await c.history();
    expect(deliveryOf(events, seq)).toBe("sent");
    return events;
  });
  return { seq, id: events.find((e) => e.seq === seq)!.id };
}

function statuses(events: ConversationEvent[], seq: number) {
  return deliveriesOf(events, seq).map((d) => (d.error ? `${d.status}: ${d.error}` : d.status));
}

describe("receipts never move a message backwards", () => {
  it("read then a late delivered: stays read", async () => {
    const { boss, c } = await setup([sentAnswer("wamid.R1")]);
    const { seq } = await sentReply(boss, c, "seu pedido saiu");
    expect(await c.ingest([statusOf("wamid.R1", "read"), statusOf("wamid.R1", "delivered")])).toMatchObject({ stored: 1, duplicates: 1 });
    expect(statuses(await c.history(), seq)).toEqual(["sent", "read"]);
  });

  it("failed after delivered: failed, with the provider's reason, and final", async () => {
    const { boss, c } = await setup([sentAnswer("wamid.F1")]);
    const { seq } = await sentReply(boss, c, "promoção");
    await c.ingest([statusOf("wamid.F1", "delivered"), statusOf("wamid.F1", "failed", { error: "(#131047) Re-engagement message" })]);
    expect(await c.ingest([statusOf("wamid.F1", "read")])).toMatchObject({ stored: 0, duplicates: 1 });
    expect(statuses(await c.history(), seq)).toEqual(["sent", "delivered", "failed: (#131047) Re-engagement message"]);
  });

  it("a status before its message is kept, and applied when the send's answer maps the id", async () => {
    const { boss, c } = await setup([graphError(500, 2, "down"), sentAnswer("wamid.EARLY")]);
    const res = await agentReplies(boss, c.conversationId, "chegou rápido");
    const seq = res.body.seq as number;
    await eventually(async () => expect(await queueRows(c.conversationId)).toMatchObject([{ seq, attempts: 1 }]));
    // The receipt outruns our write of the send's outcome.
    expect(await c.ingest([statusOf("wamid.EARLY", "delivered")])).toMatchObject({ stored: 1, duplicates: 0 });
    expect(statuses(await c.history(), seq)).toEqual([]);
    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    await eventually(async () => expect(statuses(await c.history(), seq)).toEqual(["sent", "delivered"]));
    // Applied once: a redelivery of the same receipt changes nothing.
    expect(await c.ingest([statusOf("wamid.EARLY", "delivered")])).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it("a kept status survives eviction and is applied when its message appears", async () => {
    const { c } = await setup();
    const id = wamid();
    const item = { type: "message" as const, from: "business" as const, providerMessageId: id, body: "do celular", attachments: [], senderName: null, providerAt: Date.now() };
    expect(await c.ingest([statusOf(id, "delivered")])).toMatchObject({ stored: 1 });
    await evictDurableObject(c.room);
    await c.ingest([item]);
    const events = await c.history();
    expect(statuses(events, messagesOf(events).at(-1)!.seq)).toEqual(["delivered"]);
  });

  it("a watermark delivers (or reads) every message the provider took up to its time, once", async () => {
    const { boss, c } = await setup([sentAnswer("wamid.W1"), sentAnswer("wamid.W2"), sentAnswer("wamid.W3")]);
    const first = await sentReply(boss, c, "um");
    const second = await sentReply(boss, c, "dois");
    const mark = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    const third = await sentReply(boss, c, "três");

    expect(await c.ingest([{ type: "watermark", status: "read", providerAt: mark }])).toMatchObject({ stored: 1 });
    expect(await c.ingest([{ type: "watermark", status: "delivered", providerAt: Date.now() }])).toMatchObject({ stored: 1 });
    expect(await c.ingest([{ type: "watermark", status: "delivered", providerAt: Date.now() }])).toMatchObject({ stored: 0, duplicates: 1 });
    const events = await c.history();
    expect(statuses(events, first.seq)).toEqual(["sent", "read"]);
    expect(statuses(events, second.seq)).toEqual(["sent", "read"]);
    expect(statuses(events, third.seq)).toEqual(["sent", "delivered"]);
  });
});

describe("echoes", () => {
  it("an echo of our own send is dropped: by our id, or by its provider id", async () => {
    const { boss, c } = await setup([sentAnswer("wamid.OWN")]);
    const sent = await sentReply(boss, c, "resposta do console");
    const echo = { type: "message" as const, from: "business" as const, body: "resposta do console", attachments: [], senderName: null, providerAt: Date.now() };
    expect(await c.ingest([{ ...echo, providerMessageId: "wamid.OWN", ourMessageId: sent.id }])).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await c.ingest([{ ...echo, providerMessageId: "wamid.OWN" }])).toMatchObject({ stored: 0, duplicates: 1 });
    expect(messagesOf(await c.history()).map((m) => m.body)).toEqual(["oi", "resposta do console"]);
  });

  it("a message the company sent from its phone is stored as an agent's, already sent, and never sent again", async () => {
    const { c, graph } = await setup();
    const id = wamid();
    const item = { type: "message" as const, from: "business" as const, providerMessageId: id, body: "respondi pelo celular 📱", attachments: [], senderName: "Loja Centro", providerAt: Date.now() };
    expect(await c.ingest([item])).toMatchObject({ stored: 1, duplicates: 0 });
    expect(await c.ingest([item])).toMatchObject({ stored: 0, duplicates: 1 });
    const stored = messagesOf(await c.history()).at(-1)!;
    expect(stored).toMatchObject({ body: "respondi pelo celular 📱", actor: { type: "agent", id: null, name: "Loja Centro" }, delivery: "sent", providerMessageId: id });
    await runDurableObjectAlarm(c.room);
    expect(graph.calls).toHaveLength(0);
    expect(await queueRows(c.conversationId)).toEqual([]);
    // Its receipts are tracked like our own sends'.
    await c.ingest([statusOf(id, "read")]);
    expect(statuses(await c.history(), stored.seq)).toEqual(["read"]);
  });
});

describe("reactions, edits and unsends", () => {
  it("a reaction names its message; the same one again is a duplicate; taking it away is stored", async () => {
    const { boss, c } = await setup([sentAnswer("wamid.LIKED")]);
    const { seq } = await sentReply(boss, c, "pronto, resolvido");
    const react = (emoji: string | null) => ({ type: "reaction" as const, providerMessageId: "wamid.LIKED", emoji, providerAt: Date.now() });
    expect(await c.ingest([react("👍")])).toMatchObject({ stored: 1 });
    expect(await c.ingest([react("👍")])).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await c.ingest([react(null)])).toMatchObject({ stored: 1 });
    const reactions = (await c.history()).filter((e) => e.type === "reaction");
    expect(reactions).toMatchObject([
      { messageSeq: seq, emoji: "👍", actor: { type: "contact", id: c.contactId } },
      { messageSeq: seq, emoji: null },
    ]);
  });

  it("a reaction before its message is kept and follows the message when it arrives", async () => {
    const { c } = await setup();
    const id = wamid();
    expect(await c.ingest([{ type: "reaction", providerMessageId: id, emoji: "❤️", providerAt: Date.now() }])).toMatchObject({ stored: 1 });
    expect((await c.history()).filter((e) => e.type === "reaction")).toEqual([]);
    await c.ingest([customerText("olha isso", id)]);
    const events = await c.history();
    const message = messagesOf(events).at(-1)!;
    expect(events.at(-1)).toMatchObject({ type: "reaction", messageSeq: message.seq, emoji: "❤️", seq: message.seq + 1 });
  });

  it("an edit is stored once, with the new text", async () => {
    const { c } = await setup();
    const id = wamid();
    await c.ingest([customerText("meu pedido é 1234", id)]);
    const edit = { type: "edit" as const, providerMessageId: id, body: "meu pedido é 1243", providerAt: Date.now() };
    expect(await c.ingest([edit])).toMatchObject({ stored: 1 });
    expect(await c.ingest([edit])).toMatchObject({ stored: 0, duplicates: 1 });
    const events = await c.history();
    const seq = messagesOf(events).at(-1)!.seq;
    expect(events.filter((e) => e.type === "edit")).toMatchObject([{ messageSeq: seq, body: "meu pedido é 1243" }]);
    expect((await c.room.snapshot(c.seed)).lastMessagePreview).toBe("meu pedido é 1243");
  });

  it("an unsend erases the message's text, files and edits from the room's log (the inbox does not keep unsent text)", async () => {
    const { c } = await setup();
    const id = wamid();
    const file = { id: crypto.randomUUID(), name: "rg.jpg", contentType: "image/jpeg", size: 2048 };
    await env.FILES.put(`files/${file.id}`, new Uint8Array(2048));
    await c.ingest([customerText("meu CPF é 123.456.789-00", id, { attachments: [file] }), { type: "edit", providerMessageId: id, body: "CPF 123.456.789-01", providerAt: Date.now() }]);
    expect(await c.ingest([{ type: "unsend", providerMessageId: id, providerAt: Date.now() }])).toMatchObject({ stored: 1 });
    expect(await c.ingest([{ type: "unsend", providerMessageId: id, providerAt: Date.now() }])).toMatchObject({ stored: 0, duplicates: 1 });
    const events = await c.history();
    const message = messagesOf(events).at(-1)!;
    expect(message.body).toBe("");
    expect(message.attachments).toBeUndefined();
    expect(events.filter((e) => e.type === "edit")).toMatchObject([{ body: "" }]);
    expect(events.at(-1)).toMatchObject({ type: "unsend", messageSeq: message.seq, erased: true });
    expect(JSON.stringify(events)).not.toContain("123.456.789");
    expect((await c.room.snapshot(c.seed)).lastMessagePreview).toBeNull();
    // The file is gone from R2 too.
    await eventually(async () => expect(await env.FILES.head(`files/${file.id}`)).toBeNull());
  });

  it("an unsend keeps the text for the agents, marked unsent, when the inbox keeps unsent text", async () => {
    // keepUnsentText is a Messenger and Instagram setting; their adapters are on another
    // branch, so the inbox's choice is handed to the room's write as its cache would.
    const { c } = await setup();
    const id = wamid();
    await c.ingest([customerText("mensagem apagada", id)]);
    await runInDurableObject(c.room, (room) => {
      const r = room as unknown as { writer: { write: (body: (step: WriteStep) => unknown) => unknown } };
      r.writer.write((step) => ingestItems(step, c.contact, [{ type: "unsend", providerMessageId: id, providerAt: Date.now() }], true));
    });
    const events = await c.history();
    expect(messagesOf(events).at(-1)!.body).toBe("mensagem apagada");
    expect(events.at(-1)).toMatchObject({ type: "unsend", erased: false });
  });
});
