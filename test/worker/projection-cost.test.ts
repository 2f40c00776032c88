import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./http-client";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { database } from "../../worker/db/client";
import { findConversation } from "../../worker/db/conversations";
import { projectBatch, updateConversations } from "../../worker/db/projection";
import { projectedSeqs } from "./projected-seqs";

/** D1 rows written (its `rows_written`, what D1 bills) per projected message. */
describe("what a projected message costs D1", () => {
  it("a customer's message writes five rows: its row, primary key, id, inbound index and FTS entry, and no time index", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    for (let i = 0; i < 4; i++) {
      const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: `how much does message ${i} cost`, clientId: `m${i}` }, headers: { Authorization: `Bearer ${v.token}` } });
      expect(res.status).toBe(201);
    }
    const db = database(env.DB);
    await eventually(async () => expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3, 4]));
    const conv = (await findConversation(db, v.conversationId))!;
    const room = env.CONVERSATION_ROOM.getByName(v.conversationId);
    const state = await room.snapshot(conv);
    const { events } = await room.history(conv, 0, 50, "agent");

    // Project one message, then all four, each time from scratch: the conversation row's
    // update costs the same in both, so the difference is three messages' rows.
    const reproject = async (n: number) => {
      await env.DB.prepare("DELETE FROM messages WHERE conversation_id = ?").bind(v.conversationId).run();
      return (await projectBatch(db, [{ state, events: events.slice(0, n) }])).rowsWritten;
    };
    const one = await reproject(1);
    const four = await reproject(4);
    expect((four - one) / 3).toBe(5);
    expect(await projectedSeqs(db, v.conversationId)).toEqual([1, 2, 3, 4]);
  });

  it("keeps every CSAT response of a batch, however many share an insert", async () => {
    // A CSAT row binds 5 parameters, so 20 share an insert; a batch of 20 must store 20.
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const db = database(env.DB);
    const conv = (await findConversation(db, v.conversationId))!;
    const state = await env.CONVERSATION_ROOM.getByName(v.conversationId).snapshot(conv);
    const events = Array.from({ length: 20 }, (_, i) => ({
      type: "csat" as const,
      seq: 101 + i,
      id: crypto.randomUUID(),
      conversationId: v.conversationId,
      at: Date.now(),
      actor: { type: "contact" as const, id: v.contactId },
      rating: 1 + (i % 5),
      comment: `rating ${i}`,
    }));
    await projectBatch(db, [{ state, events }]);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM csat_responses WHERE conversation_id = ?").bind(v.conversationId).first<{ n: number }>())!;
    expect(n).toBe(20);
  });
});

describe("the flush's one UPDATE of conversation rows", () => {
  it("finds each row by its primary key, never by scanning the table", async () => {
    const { sql: text, params } = updateConversations(database(env.DB), JSON.stringify([["c1", "open", null, null, 0, null, null, 1, null, null, 1, "hi"]])).toSQL();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${text}`)
      .bind(...params)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail);
    expect(details.some((d) => /^SEARCH conversations USING (INDEX sqlite_autoindex_conversations_1|PRIMARY KEY) \(id=\?\)/.test(d)), details.join(" | ")).toBe(true);
    expect(details.some((d) => /^SCAN conversations\b/.test(d)), details.join(" | ")).toBe(false);
  });
});
