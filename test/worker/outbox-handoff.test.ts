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
async function withOutbox(name: string, body: (kit: { sql: SqlStorage; log: EventLog; outbox: ProjectionOutbox; store: (...bodies: string[]) => ConversationEvent[]; handed: ConversationEvent[][]; logReads: () => number }) => Promise<void>) {
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
    await body({ sql: ctx.storage.sql, log, outbox, store, handed, logReads: () => reads });
  });
}

describe("projection outbox: the just-stored events go from memory", () => {
  it("hands a write's events without reading the log, and they equal what the log holds", async () => {
    await withOutbox("memory", async ({ log, outbox, store, handed, logReads }) => {
      outbox.stored(store("hello", "again"));
      await outbox.drain();
      expect(logReads()).toBe(0);
      expect(handed).toEqual([log.pendingProjection(10, 0)]);
      outbox.stored(store("third"));
      await outbox.drain();
      expect(handed[1]!.map((e) => e.seq)).toEqual([3]);
    });
  });

  it("reads the log when a write rewrote a stored event (an unsend), so no stale text leaves", async () => {
    await withOutbox("rewrite", async ({ log, outbox, store, handed, logReads }) => {
      const [first] = store("secret");
      log.rewrite({ ...first!, body: "" } as ConversationEvent);
      outbox.stored([first!]);
      await outbox.drain();
      expect(logReads()).toBe(1);
      expect((handed[0]![0] as { body: string }).body).toBe("");
    });
  });

  it("reads the log when an erasure rewrote events after the memory copy was taken", async () => {
    await withOutbox("erasure", async ({ sql, log, outbox, store, handed, logReads }) => {
      const [first] = store("secret");
      outbox.stored([first!]);
      // What the erasure does (./erasure.ts): its own statements, then it tells the log.
      sql.exec("UPDATE events SET body = ? WHERE seq = 1", JSON.stringify({ ...first!, body: "[removed]" }));
      log.noteRewritten();
      await outbox.drain();
      expect(logReads()).toBe(1);
      expect((handed[0]![0] as { body: string }).body).toBe("[removed]");
    });
  });

  it("reads the log when older events still wait or newer ones were stored without it", async () => {
    await withOutbox("gaps", async ({ outbox, store, handed, logReads }) => {
      store("not handed over"); // stored, but the outbox was never told (a restart)
      outbox.stored(store("second"));
      await outbox.drain();
      expect(logReads()).toBeGreaterThan(0);
      expect(handed.flat().map((e) => e.seq)).toEqual([1, 2]);

      const before = logReads();
      outbox.stored(store("third"));
      store("fourth"); // stored after the memory copy was taken
      await outbox.drain();
      expect(logReads()).toBeGreaterThan(before);
      expect(handed.flat().map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });
  });

  it("joins consecutive writes into one handoff while one is in flight, in order, once each", async () => {
    await withOutbox("consecutive", async ({ outbox, store, handed }) => {
      outbox.stored(store("a"));
      const first = outbox.drain();
      outbox.stored(store("b"));
      outbox.stored(store("c"));
      void outbox.drain();
      await first;
      await outbox.idle();
      expect(handed.flat().map((e) => e.seq)).toEqual([1, 2, 3]);
    });
  });
});

/** The schema and rows as a room kept them before issue 10: events 1…`last`, the ones in
 * `queued` still in the outbox table. (The room object's start already made today's
 * tables: they go back to the old ones first.) */
function legacyRoom(sql: SqlStorage, last: number, queued: number[]): void {
  for (const table of ["events", "room", "outbox"]) sql.exec(`DROP TABLE IF EXISTS ${table}`);
  sql.exec("CREATE TABLE events (seq INTEGER PRIMARY KEY, dedup_key TEXT UNIQUE, agents_only INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL)");
  sql.exec("CREATE TABLE outbox (seq INTEGER PRIMARY KEY)");
  sql.exec("CREATE TABLE room (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)");
  for (let seq = 1; seq <= last; seq++) sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", seq, JSON.stringify({ ...draft(`m${seq}`), seq, id: `e${seq}`, conversationId: "conv" }));
  for (const seq of queued) sql.exec("INSERT INTO outbox (seq) VALUES (?)", seq);
  sql.exec("INSERT INTO room (id, state) VALUES (1, ?)", JSON.stringify({ id: "conv", lastSeq: last }));
}

describe("projection outbox: a room stored with the outbox table (before issue 10)", () => {
  it("keeps what was still queued, drops the table, and what went through stays through", async () => {
    await runInDurableObject(env.CONVERSATION_ROOM.getByName("outbox-handoff-legacy"), async (_room, ctx) => {
      const { sql } = ctx.storage;
      legacyRoom(sql, 3, [2, 3]); // 1 was through the pipeline
      const log = new EventLog(sql);
      expect(log.pendingProjection(10).map((e) => e.seq)).toEqual([2, 3]);
      expect(sql.exec("SELECT count(*) AS n FROM sqlite_master WHERE name = 'outbox'").one().n).toBe(0);
      log.markProjected(3);
      expect(log.hasPendingProjection()).toBe(false);
      // The mark only moves forward: a state write that knows of no handoff (an erasure's,
      // a restart's) keeps it.
      log.saveState({ id: "conv", lastSeq: 3 } as RoomState);
      expect(log.hasPendingProjection()).toBe(false);
      // Starting again finds nothing to migrate and keeps the mark.
      expect(new EventLog(sql).hasPendingProjection()).toBe(false);
    });
  });

  it("a legacy room with nothing queued has everything through", async () => {
    await runInDurableObject(env.CONVERSATION_ROOM.getByName("outbox-handoff-legacy-empty"), async (_room, ctx) => {
      legacyRoom(ctx.storage.sql, 2, []);
      const log = new EventLog(ctx.storage.sql);
      expect(log.hasPendingProjection()).toBe(false);
      expect(log.pendingProjection(10)).toEqual([]);
    });
  });
});
