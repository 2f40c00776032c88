import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { customerText, messagesOf, whatsappConversation, wamid } from "./channel-room-kit";

describe("ingest: customers' messages from a channel", () => {
  it("stores a batch of 3 in the provider's order, with the provider's time and ids", async () => {
    const c = await whatsappConversation();
    const ids = [wamid(), wamid(), wamid()];
    const t0 = Date.now() - 5_000;
    const result = await c.ingest([
      customerText("primeiro", ids[0], { providerAt: t0 }),
      customerText("segundo 🚚", ids[1], { providerAt: t0 + 1_000 }),
      customerText("terceiro", ids[2], { providerAt: t0 + 2_000 }),
    ]);
    expect(result).toEqual({ stored: 3, duplicates: 0, lastSeq: 3 });
    const messages = messagesOf(await c.history());
    expect(messages.map((m) => [m.seq, m.body, m.providerMessageId, m.providerAt])).toEqual([
      [1, "primeiro", ids[0], t0],
      [2, "segundo 🚚", ids[1], t0 + 1_000],
      [3, "terceiro", ids[2], t0 + 2_000],
    ]);
    expect(messages[0]).toMatchObject({ kind: "text", delivery: null, actor: { type: "contact", id: c.contactId, name: "Maria Silva" } });
  });

  it("stores a redelivery once, also after the room was evicted", async () => {
    const c = await whatsappConversation();
    const batch = [customerText("oi"), customerText("tudo bem?"), customerText("preciso de ajuda")];
    expect(await c.ingest(batch)).toEqual({ stored: 3, duplicates: 0, lastSeq: 3 });
    expect(await c.ingest(batch)).toEqual({ stored: 0, duplicates: 3, lastSeq: 3 });
    await evictDurableObject(c.room);
    expect(await c.ingest(batch)).toEqual({ stored: 0, duplicates: 3, lastSeq: 3 });
    // A batch that mixes a known message with a new one stores only the new one.
    expect(await c.ingest([batch[1]!, customerText("mais uma coisa")])).toEqual({ stored: 1, duplicates: 1, lastSeq: 4 });
    expect(messagesOf(await c.history()).map((m) => m.body)).toEqual(["oi", "tudo bem?", "preciso de ajuda", "mais uma coisa"]);
  });

  it("links a reply to the quoted message's seq when it has it, and keeps the provider's id either way", async () => {
    const c = await whatsappConversation();
    const quoted = wamid();
    await c.ingest([customerText("pedido 123", quoted)]);
    await c.ingest([customerText("esse aqui", wamid(), { replyTo: quoted }), customerText("e aquele", wamid(), { replyTo: "wamid.unknown" })]);
    const messages = messagesOf(await c.history());
    expect(messages[1]!.replyTo).toEqual({ seq: 1, providerMessageId: quoted });
    expect(messages[2]!.replyTo).toEqual({ seq: null, providerMessageId: "wamid.unknown" });
  });

  it("keeps structured content and files, and reopens a resolved conversation", async () => {
    const c = await whatsappConversation();
    await c.ingest([customerText("oi")]);
    await c.room.command(c.seed, { type: "status", actor: { type: "system", id: null, name: null }, to: "resolved" });
    const file = { id: crypto.randomUUID(), name: "foto.jpg", contentType: "image/jpeg", size: 1234 };
    await c.ingest([
      customerText("", wamid(), { attachments: [file] }),
      customerText("Av. Paulista, 1000", wamid(), { content: { type: "location", latitude: -23.56, longitude: -46.65, name: "Escritório", address: "Av. Paulista, 1000" } }),
    ]);
    const events = await c.history();
    const types = events.map((e) => (e.type === "status" ? `status:${e.to}` : e.type));
    expect(types).toEqual(["message", "status:resolved", "message", "status:open", "message"]);
    const [, photo, place] = messagesOf(events);
    expect(photo).toMatchObject({ kind: "attachment", attachments: [file] });
    expect(place!.content).toEqual({ type: "location", latitude: -23.56, longitude: -46.65, name: "Escritório", address: "Av. Paulista, 1000" });
    expect((await c.room.snapshot(c.seed)).status).toBe("open");
  });
});
