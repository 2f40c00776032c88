/**
 * Test kit for the event pipeline: the conversation's Projector, real failures injected
 * with triggers (no mocks), and a D1 wrapper that counts what each batch writes.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { projectorName } from "../../worker/pipeline/shard";

export function projectorOf(conversationId: string) {
  return env.PROJECTOR.getByName(projectorName(conversationId));
}

/** Keeps the Projector from flushing (handoffs wait in it) until `release`. */
export async function holdProjector(conversationId: string) {
  const projector = projectorOf(conversationId);
  await projector.holdFlushesUntil(Date.now() + 60_000);
  return { projector, release: () => projector.holdFlushesUntil(0) };
}

/** The Projector crashes: the runtime resets the object, and every handoff waiting in it
 * fails (ctx.abort, https://developers.cloudflare.com/durable-objects/api/state/#abort). */
export async function resetProjector(conversationId: string) {
  await runInDurableObject(projectorOf(conversationId), (_p, state) => state.abort("test: the pipeline fails mid-batch")).catch(() => undefined);
}

/** A real D1 failure: a trigger makes every insert into `messages` abort. */
export async function breakD1Messages() {
  await env.DB.exec("CREATE TRIGGER fail_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END;");
}
export async function repairD1Messages() {
  await env.DB.exec("DROP TRIGGER fail_messages;");
}

/** Events a room still holds for the pipeline: those after its stored mark
 * (`projected_through`) and after what went through since (`throughSeq` in outbox.ts). */
export async function roomOutbox(conversationId: string): Promise<number> {
  return runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (room, state) => {
    const through = (room as unknown as { outbox: { throughSeq: number } }).outbox.throughSeq;
    return state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM events WHERE seq > max(?, (SELECT projected_through FROM room WHERE id = 1))", through).one().n;
  });
}

export async function roomAlarm(conversationId: string): Promise<number | null> {
  return runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (_r, state) => state.storage.getAlarm());
}

/** env.DB, counting batches, their statements and the bound parameters of each, and
 * every D1 round trip (a batch, or one statement run alone): `readTrips` counts those
 * that only read (every statement a SELECT), and `stringBytes` the UTF-8 size of every
 * string bound. */
export function countingD1(d1: D1Database) {
  const counts = { batches: 0, statements: 0, binds: [] as number[], stringBytes: [] as number[], trips: 0, readTrips: 0 };
  const bound = <T extends object>(target: T, key: PropertyKey) => {
    const value = Reflect.get(target, key);
    return typeof value === "function" ? value.bind(target) : value;
  };
  /** The real statement behind each wrapper (D1 gets only real ones) and its SQL. */
  const real = new WeakMap<object, D1PreparedStatement>();
  const textOf = new WeakMap<object, string>();
  const isRead = (query: string) => /^\s*select\b/i.test(query);
  const trip = (queries: string[]) => {
    counts.trips++;
    if (queries.every(isRead)) counts.readTrips++;
  };
  const wrap = (statement: D1PreparedStatement, query: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get: (target, key) => {
        if (key === "bind")
          return (...values: unknown[]) => {
            counts.binds.push(values.length);
            for (const v of values) if (typeof v === "string") counts.stringBytes.push(new TextEncoder().encode(v).length);
            return wrap(target.bind(...values), query);
          };
        if (key === "all" || key === "first" || key === "run" || key === "raw") trip([query]);
        return bound(target, key);
      },
    });
    real.set(proxy, statement);
    textOf.set(proxy, query);
    return proxy;
  };
  const prepare = (query: string) => wrap(d1.prepare(query), query);
  const batch = (statements: D1PreparedStatement[]) => {
    counts.batches++;
    counts.statements += statements.length;
    trip(statements.map((s) => textOf.get(s) ?? ""));
    return d1.batch(statements.map((s) => real.get(s) ?? s));
  };
  const proxy = new Proxy(d1, { get: (target, key) => (key === "prepare" ? prepare : key === "batch" ? batch : bound(target, key)) });
  return { d1: proxy, counts };
}
