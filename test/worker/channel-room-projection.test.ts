import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { owner } from "./fixtures";
import { fakeProvider } from "./provider-fake";
import { GRAPH, agentReplies, customerText, deliveryOf, statusOf, wamid, whatsappConversation } from "./channel-room-kit";
import { sentAnswer } from "./channels/whatsapp-kit";
import { database } from "../../worker/db/client";
import { findConversation } from "../../worker/db/conversations";
import { projectBatch } from "../../worker/db/projection";
import { projectedSeqs } from "./projected-seqs";
import type { ConversationEvent } from "../../worker/protocol";

interface Row {
  seq: number;
  body: string | null;
  delivery_status: string | null;
  provider_message_id: string | null;
  event: string;
}

async function rows(conversationId: string): Promise<Row[]> {
  const { results } = await env.DB.prepare("SELECT seq, body, delivery_status, provider_message_id, event FROM messages WHERE conversation_id = ? ORDER BY seq").bind(conversationId).all<Row>();
  return results;
}

async function searchHits(word: string, conversationId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ? AND conversation_id = ?").bind(word, conversationId).first<{ n: number }>();
  return row!.n;
}

/** Waits until D1 has the room's events up to its last seq. */
async function projectedUpTo(c: Awaited<ReturnType<typeof whatsappConversation>>) {
  const lastSeq = (await c.room.snapshot(c.seed)).lastSeq;
  await eventually(async () => expect((await findConversation(database(env.DB), c.conversationId))!.lastSeq).toBe(lastSeq));
}

describe("D1 projection of changes to messages", () => {
  it("receipts, reactions and edits update their message's row instead of adding rows", async () => {
    const boss = await owner();
    const c = await whatsappConversation();
    fakeProvider(GRAPH).on("POST", c.sendPath, [sentAnswer("wamid.P1")]);
    const customerId = wamid();
    await c.ingest([customerText("meu pedido é 1234", customerId)]);
    const reply = await agentReplies(boss, c.conversationId, "vou verificar");
    const seq = reply.body.seq as number;
    await eventually(async () => expect(deliveryOf(await c.history(), seq)).toBe("sent"));
    await c.ingest([
      statusOf("wamid.P1", "delivered"),
      statusOf("wamid.P1", "read"),
      { type: "reaction", providerMessageId: "wamid.P1", emoji: "🙏", providerAt: Date.now() },
      { type: "edit", providerMessageId: customerId, body: "meu pedido é 4321", providerAt: Date.now() },
    ]);
    await projectedUpTo(c);

    const stored = await rows(c.conversationId);
    // Two message rows; the five change events (sent, delivered, read, reaction, edit) are none.
    expect(stored.map((r) => r.seq)).toEqual([1, seq]);
    expect(stored[0]).toMatchObject({ body: "meu pedido é 4321" });
    expect(stored[1]).toMatchObject({ delivery_status: "read", provider_message_id: "wamid.P1" });
    expect(JSON.parse(stored[1]!.event)).toMatchObject({ reaction: "🙏" });
    expect(await searchHits("4321", c.conversationId)).toBe(1);
    expect(await searchHits("1234", c.conversationId)).toBe(0);
  });

  it("an unsend erases the text from D1 and its search index", async () => {
    const c = await whatsappConversation();
    const id = wamid();
    await c.ingest([customerText("senha secreta xyzzy", id)]);
    await projectedUpTo(c);
    expect(await searchHits("xyzzy", c.conversationId)).toBe(1);

    await c.ingest([{ type: "unsend", providerMessageId: id, providerAt: Date.now() }]);
    await projectedUpTo(c);
    const [row] = await rows(c.conversationId);
    expect(row!.body).toBe("");
    expect(JSON.parse(row!.event)).toMatchObject({ unsendSeq: 2 });
    expect(await searchHits("xyzzy", c.conversationId)).toBe(0);
  });

  it("is idempotent and forward-only: replays, a late receipt, and a change in the same batch as its message", async () => {
    const c = await whatsappConversation();
    const db = database(env.DB);
    const state = await c.room.snapshot(c.seed);
    const at = Date.now();
    const base = { conversationId: c.conversationId, at, actor: { type: "system" as const, id: null, name: null } };
    const message: ConversationEvent = {
      ...base,
      seq: 1,
      id: crypto.randomUUID(),
      type: "message",
      kind: "text",
      body: "resposta",
      clientId: null,
      providerMessageId: null,
      delivery: "pending",
      actor: { type: "agent", id: null, name: "Loja" },
    };
    const delivery = (seq: number, status: "sent" | "delivered" | "read" | "failed", error: string | null = null): ConversationEvent => ({
      ...base,
      seq,
      id: crypto.randomUUID(),
      type: "delivery",
      messageSeq: 1,
      status,
      error,
      providerMessageId: "wamid.X",
    });
    const read = delivery(3, "read");
    // The message and its receipts in one batch: the insert comes first.
    await projectBatch(db, [{ state, events: [message, delivery(2, "sent"), read] }]);
    expect(await rows(c.conversationId)).toMatchObject([{ seq: 1, delivery_status: "read", provider_message_id: "wamid.X" }]);
    // Replayed, and a late `delivered`: still read, still one row.
    await projectBatch(db, [{ state, events: [message, delivery(2, "sent"), read] }]);
    await projectBatch(db, [{ state, events: [delivery(4, "delivered")] }]);
    expect(await rows(c.conversationId)).toMatchObject([{ seq: 1, delivery_status: "read" }]);
    // Failed is final, with its reason.
    await projectBatch(db, [{ state, events: [delivery(5, "failed", "(#131047) Re-engagement message"), delivery(6, "read")] }]);
    const [row] = await rows(c.conversationId);
    expect(row).toMatchObject({ delivery_status: "failed" });
    expect(JSON.parse(row!.event)).toMatchObject({ deliveryError: "(#131047) Re-engagement message" });
    expect(await projectedSeqs(db, c.conversationId)).toEqual([1]);
  });
});
