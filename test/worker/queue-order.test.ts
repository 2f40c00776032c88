import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ORDER_BY_SQL, compareSortKeys, orderInputOf, sortKeyOf } from "../../worker/queue/order";
import { WaitingList } from "../../worker/queue/waiting-list";
import type { ConversationSummary } from "../../worker/protocol";

/** A small seeded PRNG (mulberry32): a failure replays with the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = ["webchat", "whatsapp", "telegram", "messenger", "instagram", "sms", "email"] as const;

function randomSummary(rand: () => number, i: number): ConversationSummary {
  const at = 1_700_000_000_000 + Math.floor(rand() * 20) * 1000; // few distinct times: ties happen
  return {
    id: `c${Math.floor(rand() * 1e9).toString(36)}-${i}`,
    inboxId: "i",
    channel: CHANNELS[Math.floor(rand() * CHANNELS.length)]!,
    contactId: "k",
    contactName: null,
    teamId: "t",
    assigneeId: null,
    status: "open",
    priority: 1 + Math.floor(rand() * 4) * 33, // 1, 34, 67, 100
    lastSeq: 1,
    lastMessagePreview: null,
    createdAt: at,
    lastActivityAt: at,
    firstResponseAt: null,
    resolvedAt: null,
    snoozedUntil: null,
    callbackAt: null,
    contactPriority: 0,
  };
}

describe("the waiting list's order", () => {
  it("follows issue 14's rules: web chat absolutely, then inbox priority, then oldest", () => {
    const base = randomSummary(prng(1), 0);
    const key = (s: Partial<ConversationSummary>, receivedAt: number) => sortKeyOf(orderInputOf({ ...base, ...s }, receivedAt, 0));
    const webchatLow = key({ id: "a", channel: "webchat", priority: 1 }, 9);
    const whatsappHigh = key({ id: "b", channel: "whatsapp", priority: 100 }, 1);
    const whatsappHighLater = key({ id: "c", channel: "whatsapp", priority: 100 }, 5);
    const smsMid = key({ id: "d", channel: "sms", priority: 50 }, 0);
    const sorted = [smsMid, whatsappHighLater, webchatLow, whatsappHigh].sort(compareSortKeys).map((k) => k[5]);
    expect(sorted).toEqual(["a", "b", "c", "d"]);
  });

  it("SQL ORDER BY equals the comparator on random rows, and walks the index (no sort)", async () => {
    const stub = env.TEAM_QUEUE.getByName("order-property");
    await runInDurableObject(stub, (_queue, state) => {
      const sql = state.storage.sql;
      for (const seed of [7, 42, 1234]) {
        sql.exec("DELETE FROM waiting");
        const list = new WaitingList(sql);
        const rand = prng(seed);
        const rows = Array.from({ length: 200 }, (_, i) => randomSummary(rand, i));
        for (const r of rows) list.upsert(r, 0);
        const fromSql = sql.exec<{ conversation_id: string }>(`SELECT conversation_id FROM waiting ORDER BY ${ORDER_BY_SQL}`).toArray().map((r) => r.conversation_id);
        const fromComparator = rows.map((r) => sortKeyOf(orderInputOf(r, r.lastActivityAt, 0))).sort(compareSortKeys).map((k) => k[5]);
        expect(fromSql).toEqual(fromComparator);
        // Popping the head again and again yields the same order.
        const popped: string[] = [];
        for (let head = list.head(0); head; head = list.head(0)) {
          popped.push(head.summary.id);
          expect(list.claim(head.summary.id, 0)).not.toBeNull();
        }
        expect(popped).toEqual(fromComparator);
        sql.exec("DELETE FROM claims");
      }
      const plan = sql
        .exec<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT * FROM waiting ORDER BY ${ORDER_BY_SQL} LIMIT 1`)
        .toArray()
        .map((r) => r.detail)
        .join("\n");
      expect(plan).toContain("waiting_order");
      expect(plan).not.toContain("TEMP B-TREE");
    });
  });

  it("keeps the received time across updates; a stale publish never wins; a claimed row stays out until released", async () => {
    const stub = env.TEAM_QUEUE.getByName("order-updates");
    await runInDurableObject(stub, (_queue, state) => {
      const list = new WaitingList(state.storage.sql);
      const first = { ...randomSummary(prng(3), 0), id: "x", lastSeq: 1, lastActivityAt: 100 };
      list.upsert(first, 0);
      list.upsert({ ...first, lastSeq: 3, lastActivityAt: 500 }, 0);
      expect(list.head(0)).toMatchObject({ receivedAt: 100, summary: { lastSeq: 3 } });
      expect(list.upsert({ ...first, lastSeq: 2 }, 0).stored).toBe(false);
      expect(list.claim("x", 1000)).not.toBeNull();
      expect(list.claim("x", 1000)).toBeNull(); // a second Next finds it gone
      list.upsert({ ...first, lastSeq: 4 }, 0); // still waiting while the assignment travels
      expect(list.head(1000)).toBeNull();
      list.unclaim("x");
      expect(list.head(1000)).toMatchObject({ receivedAt: 100, summary: { lastSeq: 4 } });
      // A claim that never became an assignment comes back by itself.
      list.claim("x", 2000);
      expect(list.head(2000 + 29_000)).toBeNull();
      expect(list.head(2000 + 31_000)).toMatchObject({ receivedAt: 100 });
      // Assigned: gone.
      list.upsert({ ...first, lastSeq: 5, assigneeId: "agent" }, 0);
      expect(list.head(0)).toBeNull();
    });
  });

  it("says when a publish moved the line: entering, reordering and leaving do; a waiting row's new preview does not", async () => {
    const stub = env.TEAM_QUEUE.getByName("order-moved");
    await runInDurableObject(stub, (_queue, state) => {
      const list = new WaitingList(state.storage.sql);
      const row = { ...randomSummary(prng(4), 0), id: "m", lastSeq: 1, lastActivityAt: 100, status: "open" as const, assigneeId: null, callbackAt: null, contactPriority: 0 };
      expect(list.upsert(row, 0)).toEqual({ stored: true, moved: true });
      // The customer wrote again: a new preview, the same place in line.
      expect(list.upsert({ ...row, lastSeq: 2, lastActivityAt: 900, lastMessagePreview: "de novo" }, 0)).toEqual({ stored: true, moved: false });
      // A VIP now: the order key changed.
      expect(list.upsert({ ...row, lastSeq: 3, contactPriority: 5 }, 0)).toEqual({ stored: true, moved: true });
      expect(list.upsert({ ...row, lastSeq: 4, contactPriority: 5 }, 0)).toEqual({ stored: true, moved: false });
      expect(list.upsert({ ...row, lastSeq: 2 }, 0)).toEqual({ stored: false, moved: false });
      expect(list.upsert({ ...row, lastSeq: 5, assigneeId: "agent" }, 0)).toEqual({ stored: true, moved: true });
    });
  });

  it("a waiting row's new message costs one read and one write (issue 10: was four reads, a delete and a write)", async () => {
    const stub = env.TEAM_QUEUE.getByName("order-cost");
    await runInDurableObject(stub, (_queue, state) => {
      const list = new WaitingList(state.storage.sql);
      const row = { ...randomSummary(prng(5), 0), id: "n", lastSeq: 1, lastActivityAt: 100, status: "open" as const, assigneeId: null, callbackAt: null, contactPriority: 0 };
      list.upsert(row, 0);
      const statements: string[] = [];
      const counted = new Proxy(state.storage.sql, {
        get: (target, key) => (key === "exec" ? (query: string, ...args: SqlStorageValue[]) => (statements.push(query), target.exec(query, ...args)) : Reflect.get(target, key)),
      });
      const measured = new WaitingList(counted);
      statements.length = 0; // the constructor's schema statements
      const known = measured.lookup("n");
      expect(WaitingList.receivedAtIn(known)).toBe(100);
      expect(measured.upsert({ ...row, lastSeq: 2, lastActivityAt: 900, lastMessagePreview: "de novo" }, 0, undefined, known)).toEqual({ stored: true, moved: false });
      expect(statements.map((q) => q.trim().split(/\s+/)[0])).toEqual(["SELECT", "INSERT"]);
      // …and what it wrote is what a later lookup reads.
      expect(measured.lookup("n").waiting?.last_seq).toBe(2);
    });
  });

  it("a list written before the order gets its key columns backfilled, and survives eviction", async () => {
    const stub = env.TEAM_QUEUE.getByName("order-legacy");
    const old = { ...randomSummary(prng(9), 0), id: "old", channel: "sms" as const, lastActivityAt: 50 };
    const web = { ...randomSummary(prng(9), 1), id: "web", channel: "webchat" as const, lastActivityAt: 90 };
    await runInDurableObject(stub, (_queue, state) => {
      const sql = state.storage.sql;
      sql.exec("DROP TABLE IF EXISTS waiting");
      sql.exec("DROP TABLE IF EXISTS claims");
      sql.exec("CREATE TABLE waiting (conversation_id TEXT PRIMARY KEY, summary TEXT NOT NULL, last_seq INTEGER NOT NULL)");
      for (const s of [old, web]) sql.exec("INSERT INTO waiting VALUES (?, ?, ?)", s.id, JSON.stringify(s), 1);
    });
    await evictDurableObject(stub);
    // The constructor runs again on the legacy table: the web chat visitor goes first.
    expect(await stub.head()).toMatchObject({ summary: { id: "web" }, receivedAt: 90 });
    await evictDurableObject(stub);
    expect(await stub.stats()).toEqual({ scheduled: 0, waiting: 2, oldestReceivedAt: 50, priorityWaiting: true });
  });
});
