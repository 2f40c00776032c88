/**
 * @module A customer's unsend through the real path (signed POST /webhooks/meta/{inbox}
 * → room → projection → D1 and its search index), with the inbox's keepUnsentText on and
 * off: kept, the agents still read the text (the unsend is marked erased: false); off,
 * it is gone everywhere — the room's events, a resume, the D1 row and search.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { openSocket } from "../socket-harness";
import { eventsOf } from "./channel-world";
import { deliver, metaInbox, mid, onlyConversation, textFrom, unsendFrom } from "./meta-inbox-kit";

type Row = { body: string | null; event: string };

async function d1Row(conversationId: string, seq: number): Promise<Row | null> {
  return env.DB.prepare("SELECT body, event FROM messages WHERE conversation_id = ? AND seq = ?").bind(conversationId, seq).first<Row>();
}

async function preview(conversationId: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT last_message_preview AS preview FROM conversations WHERE id = ?").bind(conversationId).first<{ preview: string | null }>();
  return row!.preview;
}

async function searchHits(agent: Client, q: string): Promise<Array<{ conversationId: string; seq: number | null }>> {
  const res = await call(`/api/v1/search?q=${encodeURIComponent(q)}`, { client: agent });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.hits;
}

/** A word no other test writes, so search finds only this message. */
function uniqueWord(): string {
  return `sigilo${crypto.randomUUID().replace(/[^a-f]/g, "").slice(0, 10)}`;
}

/** The customer writes a secret through the webhook; waits until it is in D1 and search. */
async function secretWritten(kind: "messenger" | "instagram", keepUnsentText: boolean) {
  const boss = await owner();
  const m = await metaInbox(kind, { keepUnsentText });
  const word = uniqueWord();
  const text = `meu cartão é 4111 1111 — ${word} 🤫`;
  const messageMid = mid();
  expect((await deliver(m, [textFrom(m, messageMid, text)])).status).toBe(200);
  const conversationId = await onlyConversation(m);
  const seq = (await eventsOf(boss, conversationId)).find((e) => e.type === "message")!.seq;
  await eventually(async () => expect((await d1Row(conversationId, seq))?.body).toBe(text));
  await eventually(async () => expect(await searchHits(boss, word)).toMatchObject([{ conversationId, seq }]));
  await eventually(async () => expect(await preview(conversationId)).toContain(word));
  return { boss, m, word, text, messageMid, conversationId, seq };
}

describe.each(["instagram", "messenger"] as const)("%s: an unsend webhook", (kind) => {
  it("with keepUnsentText on keeps the text for agents: unsend erased:false, the event and the D1 row keep the body", async () => {
    const { boss, m, word, text, messageMid, conversationId, seq } = await secretWritten(kind, true);
    const res = await deliver(m, [unsendFrom(m, messageMid)]);
    expect([res.status, res.body]).toEqual([200, { ok: true }]);

    const events = await eventsOf(boss, conversationId);
    expect(events.filter((e) => e.type === "unsend")).toMatchObject([{ type: "unsend", messageSeq: seq, erased: false, actor: { type: "contact" } }]);
    expect(events.find((e) => e.seq === seq)).toMatchObject({ type: "message", body: text });

    // The projection marks the row unsent and keeps its text (and search still finds it).
    await eventually(async () => {
      const row = await d1Row(conversationId, seq);
      expect(JSON.parse(row!.event).unsendSeq).toBeGreaterThan(seq);
      expect(row!.body).toBe(text);
    });
    expect(await searchHits(boss, word)).toMatchObject([{ conversationId, seq }]);

    // A redelivery of the unsend adds nothing.
    expect((await deliver(m, [unsendFrom(m, messageMid)])).status).toBe(200);
    expect((await eventsOf(boss, conversationId)).filter((e) => e.type === "unsend")).toHaveLength(1);
  });

  it("with keepUnsentText off erases the text: in the room's events, on resume, in the D1 row and in search", async () => {
    const { boss, m, word, text, messageMid, conversationId, seq } = await secretWritten(kind, false);
    expect((await deliver(m, [unsendFrom(m, messageMid)])).status).toBe(200);

    const events = await eventsOf(boss, conversationId);
    expect(events.filter((e) => e.type === "unsend")).toMatchObject([{ type: "unsend", messageSeq: seq, erased: true }]);
    expect(events.find((e) => e.seq === seq)).toMatchObject({ type: "message", body: "" });
    expect(JSON.stringify(events)).not.toContain(word);

    // A console that resumes from the start replays the erased message, not the text.
    const resumed = await openSocket(`/api/v1/conversations/${conversationId}/ws?after=0`, boss);
    await resumed.until((frames) => frames.some((f) => f.type === "event" && f.event.type === "unsend"));
    const replayed = resumed.frames.filter((f) => f.type === "event").map((f) => (f as { event: { seq: number; body?: string } }).event);
    expect(replayed.find((e) => e.seq === seq)).toMatchObject({ body: "" });
    expect(JSON.stringify(resumed.frames)).not.toContain(word);
    resumed.close();

    await eventually(async () => {
      const row = await d1Row(conversationId, seq);
      expect(row!.body).toBe("");
      expect(row!.event).not.toContain(word);
    });
    await eventually(async () => expect(await searchHits(boss, word)).toEqual([]));
    // Nor is it left in the conversation's preview on the console's list.
    await eventually(async () => expect(await preview(conversationId)).toBeNull());

    // A redelivery of the original message does not bring the text back.
    expect((await deliver(m, [textFrom(m, messageMid, text)])).status).toBe(200);
    expect(JSON.stringify(await eventsOf(boss, conversationId))).not.toContain(word);
  });
});

describe("an unsend that arrives before its message (Meta does not promise order)", () => {
  /** The customer has a conversation; the unsend of `later` comes, then `later` itself. */
  async function unsendThenMessage(keepUnsentText: boolean) {
    const boss = await owner();
    const m = await metaInbox("instagram", { keepUnsentText });
    expect((await deliver(m, [textFrom(m, mid(), "oi")])).status).toBe(200);
    const conversationId = await onlyConversation(m);
    const word = uniqueWord();
    const later = mid();
    expect((await deliver(m, [unsendFrom(m, later)])).status).toBe(200);
    expect((await deliver(m, [textFrom(m, later, `apaga isso: ${word}`, Date.now() - 1_000)])).status).toBe(200);
    const events = await eventsOf(boss, conversationId);
    const message = events.find((e) => e.type === "message" && e.providerMessageId === later)!;
    return { boss, conversationId, word, events, message };
  }

  it("with keepUnsentText on: applied when the message comes, the text kept for agents (erased:false)", async () => {
    const { conversationId, events, message, word } = await unsendThenMessage(true);
    expect(events.filter((e) => e.type === "unsend")).toMatchObject([{ messageSeq: message.seq, erased: false }]);
    expect(message).toMatchObject({ body: `apaga isso: ${word}` });
    await eventually(async () => {
      const row = (await d1Row(conversationId, message.seq))!;
      expect([row.body, JSON.parse(row.event).unsendSeq]).toEqual([`apaga isso: ${word}`, message.seq + 1]);
    });
  });

  it("with keepUnsentText off: applied when the message comes, the text erased", async () => {
    const { boss, conversationId, events, message, word } = await unsendThenMessage(false);
    expect(events.filter((e) => e.type === "unsend")).toMatchObject([{ messageSeq: message.seq, erased: true }]);
    expect(JSON.stringify(events)).not.toContain(word);
    await eventually(async () => expect(JSON.parse((await d1Row(conversationId, message.seq))!.event).unsendSeq).toBeGreaterThan(message.seq));
    expect((await d1Row(conversationId, message.seq))!.body).toBe("");
    expect(await searchHits(boss, word)).toEqual([]);
  });
});
