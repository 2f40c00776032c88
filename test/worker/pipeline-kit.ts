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

/** A real D1 failure: a trigger makes every insert into `messages` abort. */
export async function breakD1Messages() {
  await env.DB.exec("CREATE TRIGGER fail_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END;");
}
export async function repairD1Messages() {
  await env.DB.exec("DROP TRIGGER fail_messages;");
}

/** A real pipeline failure: the Projector's buffer refuses every handoff. */
export async function breakPipeline(conversationId: string) {
  await runInDurableObject(projectorOf(conversationId), (_p, state) => {
    state.storage.sql.exec("CREATE TRIGGER fail_pending BEFORE INSERT ON pending BEGIN SELECT RAISE(ABORT, 'injected pipeline failure'); END");
  });
}
export async function repairPipeline(conversationId: string) {
  await runInDurableObject(projectorOf(conversationId), (_p, state) => {
    state.storage.sql.exec("DROP TRIGGER fail_pending");
  });
}

/** Events a room still holds for the pipeline (its outbox). */
export async function roomOutbox(conversationId: string): Promise<number> {
  return runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (_r, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n);
}

/** Events the Projector holds, not yet committed, for one conversation. */
export async function buffered(conversationId: string): Promise<number[]> {
  return runInDurableObject(projectorOf(conversationId), (_p, state) =>
    state.storage.sql
      .exec<{ seq: number }>("SELECT seq FROM pending WHERE conversation_id = ? ORDER BY seq", conversationId)
      .toArray()
      .map((r) => r.seq),
  );
}

/** env.DB, counting batches, their statements and the bound parameters of each. */
export function countingD1(d1: D1Database) {
  const counts = { batches: 0, statements: 0, binds: [] as number[] };
  const bound = <T extends object>(target: T, key: PropertyKey) => {
    const value = Reflect.get(target, key);
    return typeof value === "function" ? value.bind(target) : value;
  };
  const prepare = (query: string) =>
    new Proxy(d1.prepare(query), {
      get: (target, key) =>
        key === "bind"
          ? (...values: unknown[]) => {
              counts.binds.push(values.length);
              return target.bind(...values);
            }
          : bound(target, key),
    });
  const batch = (statements: D1PreparedStatement[]) => {
    counts.batches++;
    counts.statements += statements.length;
    return d1.batch(statements);
  };
  const proxy = new Proxy(d1, { get: (target, key) => (key === "prepare" ? prepare : key === "batch" ? batch : bound(target, key)) });
  return { d1: proxy, counts };
}
