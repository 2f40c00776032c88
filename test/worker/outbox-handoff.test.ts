/**
 * The room's projection outbox hands the events a write just stored straight from memory
 * (issue 10: reading them back was ~8% of the Worker's CPU), and reads the log whenever
 * the memory copy might not be what the log holds: a rewrite (an unsend), an erasure, a
 * gap before it, or something stored after it. Real Durable Object SQLite; only the
 * Projector is a stand-in that records what it was handed.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { EventLog } from "../../worker/conversation/event-log";
import { ProjectionOutbox } from "../../worker/conversation/outbox";
import type { RoomState } from "../../worker/conversation/commands";
import type { DraftEvent } from "../../worker/conversation/status-machine";
import type { ConversationEvent } from "../../worker/protocol";
import type { Env } from "../../worker/env";

function draft(body: string): DraftEvent {
  return { type: "message", kind: "text", body, clientId: null, providerMessageId: null, delivery: null, actor: { type: "contact", id: "c1", name: null }, at: 1 };
}

/** An outbox over a fresh room's SQLite, a Projector stand-in, and how often the log was read. */
async function withOutbox(name: string, body: (kit: { log: EventLog; outbox: ProjectionOutbox; store: (...bodies: string[]) => ConversationEvent[]; handed: ConversationEvent[][]; logReads: () => number }) => Promise<void>) {
  const stub = env.CONVERSATION_ROOM.getByName(`outbox-handoff-${name}`);
  await runInDurableObject(stub, async (_room, ctx) => {
    const log = new EventLog(ctx.storage.sql);
    let reads = 0;
    const read = log.pendingProjection.bind(log);
    log.pendingProjection = (limit, after) => (reads++, read(limit, after));
    const handed: ConversationEvent[][] = [];
    const projector = { accept: async (_s: RoomState, events: ConversationEvent[]) => void handed.push(structuredClone(events)) };
    const fakeEnv = { PROJECTOR: { getByName: () => projector } } as unknown as Env;
    let lastSeq = 0;
    const outbox = new ProjectionOutbox(log, fakeEnv, () => ({ id: "conv", lastSeq }) as RoomState);
    const store = (...bodies: string[]) => {
      const stored = ctx.storage.transactionSync(() => bodies.map((b) => log.append(draft(b), "conv", ++lastSeq, null)));
      return stored;
    };
    await body({ log, outbox, store, handed, logReads: () => reads });
  });
}

describe("projection outbox: the just-stored events go from memory", () => {
  it("hands a write's events without reading the log, and they equal what the log holds", async () => {
    await withOutbox("memory", async ({ log, outbox, store, handed, logReads }) => {
      outbox.stored(store("hello", "again"), false);
      await outbox.drain();
      expect(logReads()).toBe(0);
      expect(handed).toEqual([log.pendingProjection(10, 0)]);
      outbox.stored(store("third"), false);
      await outbox.drain();
      expect(handed[1]!.map((e) => e.seq)).toEqual([3]);
    });
  });

  it("reads the log when a write rewrote a stored event (an unsend), so no stale text leaves", async () => {
    await withOutbox("rewrite", async ({ log, outbox, store, handed, logReads }) => {
      const [first] = store("secret");
      log.rewrite({ ...first!, body: "" } as ConversationEvent);
      outbox.stored([first!], true);
      await outbox.drain();
      expect(logReads()).toBe(1);
      expect((handed[0]![0] as { body: string }).body).toBe("");
    });
  });

  it("reads the log after an erasure dropped the memory copy", async () => {
    await withOutbox("erasure", async ({ log, outbox, store, handed, logReads }) => {
      const [first] = store("secret");
      outbox.stored([first!], false);
      log.rewrite({ ...first!, body: "[removed]" } as ConversationEvent);
      outbox.forgetFresh();
      await outbox.drain();
      expect(logReads()).toBe(1);
      expect((handed[0]![0] as { body: string }).body).toBe("[removed]");
    });
  });

  it("reads the log when older events still wait or newer ones were stored without it", async () => {
    await withOutbox("gaps", async ({ outbox, store, handed, logReads }) => {
      store("not handed over"); // stored, but the outbox was never told (a restart)
      outbox.stored(store("second"), false);
      await outbox.drain();
      expect(logReads()).toBeGreaterThan(0);
      expect(handed.flat().map((e) => e.seq)).toEqual([1, 2]);

      const before = logReads();
      outbox.stored(store("third"), false);
      store("fourth"); // stored after the memory copy was taken
      await outbox.drain();
      expect(logReads()).toBeGreaterThan(before);
      expect(handed.flat().map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });
  });

  it("joins consecutive writes into one handoff while one is in flight, in order, once each", async () => {
    await withOutbox("consecutive", async ({ outbox, store, handed }) => {
      outbox.stored(store("a"), false);
      const first = outbox.drain();
      outbox.stored(store("b"), false);
      outbox.stored(store("c"), false);
      void outbox.drain();
      await first;
      await outbox.idle();
      expect(handed.flat().map((e) => e.seq)).toEqual([1, 2, 3]);
    });
  });
});

describe("projection outbox: a room stored with the outbox table (before issue 10)", () => {
  it("keeps what was still queued, drops the table, and what went through stays through", async () => {
    const stub = env.CONVERSATION_ROOM.getByName("outbox-handoff-legacy");
    await runInDurableObject(stub, async (_room, ctx) => {
      const { sql } = ctx.storage;
      // The schema and rows as a room kept them before: events 1–3, 1 through the pipeline.
      // (The room object's start already made today's tables: back to the old ones.)
      for (const table of ["events", "room", "outbox"]) sql.exec(`DROP TABLE IF EXISTS ${table}`);
      sql.exec("CREATE TABLE events (seq INTEGER PRIMARY KEY, dedup_key TEXT UNIQUE, agents_only INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL)");
      sql.exec("CREATE TABLE outbox (seq INTEGER PRIMARY KEY)");
      sql.exec("CREATE TABLE room (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)");
      for (const seq of [1, 2, 3]) sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", seq, JSON.stringify({ ...draft(`m${seq}`), seq, id: `e${seq}`, conversationId: "conv" }));
      sql.exec("INSERT INTO outbox (seq) VALUES (2), (3)");
      sql.exec("INSERT INTO room (id, state) VALUES (1, ?)", JSON.stringify({ id: "conv", lastSeq: 3 }));

      const log = new EventLog(sql);
      expect(log.pendingProjection(10).map((e) => e.seq)).toEqual([2, 3]);
      expect(sql.exec("SELECT count(*) AS n FROM sqlite_master WHERE name = 'outbox'").one().n).toBe(0);
      log.markProjected(3);
      expect(log.hasPendingProjection()).toBe(false);
      // Starting again finds nothing to migrate and keeps the mark.
      expect(new EventLog(sql).hasPendingProjection()).toBe(false);
    });
  });

  it("a legacy room with nothing queued has everything through", async () => {
    const stub = env.CONVERSATION_ROOM.getByName("outbox-handoff-legacy-empty");
    await runInDurableObject(stub, async (_room, ctx) => {
      const { sql } = ctx.storage;
      // (The room object's start already made today's tables: back to the old ones.)
      for (const table of ["events", "room", "outbox"]) sql.exec(`DROP TABLE IF EXISTS ${table}`);
      sql.exec("CREATE TABLE events (seq INTEGER PRIMARY KEY, dedup_key TEXT UNIQUE, agents_only INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL)");
      sql.exec("CREATE TABLE outbox (seq INTEGER PRIMARY KEY)");
      sql.exec("CREATE TABLE room (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)");
      for (const seq of [1, 2]) sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", seq, JSON.stringify({ ...draft(`m${seq}`), seq, id: `e${seq}`, conversationId: "conv" }));
      sql.exec("INSERT INTO room (id, state) VALUES (1, ?)", JSON.stringify({ id: "conv", lastSeq: 2 }));
      const log = new EventLog(sql);
      expect(log.hasPendingProjection()).toBe(false);
      expect(log.pendingProjection(10)).toEqual([]);
    });
  });
});
