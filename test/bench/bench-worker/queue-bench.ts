/**
 * @module The queue benchmark's way into a TeamQueue (test/bench/queue-list.ts): the
 * production TeamQueue with a few bench-only methods, and the `/__bench/queue/*` routes
 * of the bench entry (./switchboard-entry.ts) that call them. Bench only: the deployed
 * Worker has neither.
 *
 * What a pop is here: `head()` then `claim()` of that head, the two calls Next and the
 * distribution make. What an enqueue is: `publishMany()` of one waiting row, the call the
 * event pipeline makes. Both go through the same RPC a production caller uses.
 *
 * The floor (`floor*`): the same Durable Object class and RPC, but one indexed INSERT
 * (enqueue) or one indexed SELECT … LIMIT 1 plus one DELETE (pop) on a table of the same
 * columns and index as the waiting list, and nothing else: what any SQLite-backed queue
 * in a Durable Object pays at least.
 *
 * Time inside a Durable Object cannot be read per statement (workerd's clocks stand still
 * while code runs and move only on I/O), so the DO-side cost is measured two ways: the
 * rows SQLite read and wrote per operation (from the cursors), and the time of one RPC
 * that runs many operations back to back, divided by their number.
 */
import { TeamQueue as ProductionTeamQueue } from "../../../worker/queue/team-queue";
import type { Env } from "../../../worker/env";
import type { ConversationSummary } from "../../../worker/protocol";

/** The floor's table: the waiting list's sort-key columns under the same kind of index. */
const FLOOR_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS floor_waiting (conversation_id TEXT PRIMARY KEY, summary TEXT NOT NULL, last_seq INTEGER NOT NULL,
     k_callback INTEGER NOT NULL, k_webchat INTEGER NOT NULL, k_inbox INTEGER NOT NULL, k_contact INTEGER NOT NULL, received_at INTEGER NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS floor_order ON floor_waiting (k_callback, k_webchat, k_inbox, k_contact, received_at, conversation_id)",
];

export type QueueOp = "enqueue" | "pop" | "floorEnqueue" | "floorPop";

/** SQLite's work for some operations: rows read and written, summed over their statements. */
export interface SqlWork {
  ops: number;
  rowsRead: number;
  rowsWritten: number;
}

/** A waiting conversation as the pipeline would publish it, varied so the order's columns
 * all matter: a quarter web chat, inbox priorities 1–100, a few prioritised contacts. */
export function fakeWaitingRow(team: string, n: number, now: number): ConversationSummary {
  const id = `bq-${team}-${String(n).padStart(7, "0")}`;
  return {
    id,
    inboxId: `inbox-${n % 7}`,
    channel: n % 4 === 0 ? "webchat" : "whatsapp",
    contactId: `contact-${n}`,
    contactName: `Customer ${n}`,
    teamId: team,
    assigneeId: null,
    status: "open",
    priority: 1 + ((n * 37) % 100),
    lastSeq: 1,
    lastMessagePreview: "Hello, I need help with my order, it has not arrived yet.",
    createdAt: now - 60_000,
    lastActivityAt: now - 60_000 + (n % 50_000),
    firstResponseAt: null,
    resolvedAt: null,
    snoozedUntil: null,
    callbackAt: null,
    contactPriority: n % 10 === 0 ? 50 : 0,
  };
}

export class BenchTeamQueue extends ProductionTeamQueue {
  private readonly cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    for (const statement of FLOOR_SCHEMA) ctx.storage.sql.exec(statement);
    // Every statement's cursor is kept until the operation ends, to add up its rows
    // (the waiting list holds this same SqlStorage object).
    const sql = ctx.storage.sql;
    const exec = sql.exec.bind(sql);
    sql.exec = ((query: string, ...bindings: SqlStorageValue[]) => {
      const cursor = exec(query, ...bindings);
      this.cursors.push(cursor);
      return cursor;
    }) as typeof sql.exec;
  }

  /** Publishes `count` waiting rows numbered from `from`, `chunk` per publish. */
  async benchFill(from: number, count: number, chunk: number): Promise<number> {
    const now = Date.now();
    for (let i = 0; i < count; i += chunk) {
      const rows = Array.from({ length: Math.min(chunk, count - i) }, (_, k) => fakeWaitingRow(this.ctx.id.name ?? "", from + i + k, now));
      await this.publishMany(rows);
    }
    this.cursors.length = 0;
    return (await this.stats()).waiting;
  }

  /** Runs `count` operations back to back (numbers from `from` for enqueues) and says
   * what SQLite did for them. */
  async benchRun(op: QueueOp, from: number, count: number): Promise<SqlWork & { popped: string[] }> {
    this.cursors.length = 0;
    const popped: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = await this.runOne(op, from + i);
      if (id) popped.push(id);
    }
    const work = this.sqlWork(count);
    return { ...work, popped };
  }

  /** Popped rows are assigned now (as the room's assignment publish would say): their
   * claims end, as they do in production within a second. Not timed. */
  async benchSettle(ids: string[]): Promise<void> {
    const now = Date.now();
    const rows = ids.map((id) => ({ ...fakeWaitingRow(this.ctx.id.name ?? "", Number(id.slice(id.lastIndexOf("-") + 1)), now), id, assigneeId: "bench-agent", lastSeq: 2 }));
    if (rows.length > 0) await this.publishMany(rows);
    this.cursors.length = 0;
  }

  async floorCount(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM floor_waiting").one().n;
  }

  private async runOne(op: QueueOp, n: number): Promise<string | null> {
    const team = this.ctx.id.name ?? "";
    switch (op) {
      case "enqueue":
        await this.publishMany([fakeWaitingRow(team, n, Date.now())]);
        return null;
      case "pop": {
        const head = await this.head();
        return head ? ((await this.claim(head.summary.id))?.summary.id ?? null) : null;
      }
      case "floorEnqueue": {
        const row = fakeWaitingRow(team, n, Date.now());
        this.ctx.storage.sql.exec(
          "INSERT INTO floor_waiting (conversation_id, summary, last_seq, k_callback, k_webchat, k_inbox, k_contact, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          row.id,
          JSON.stringify(row),
          row.lastSeq,
          1,
          row.channel === "webchat" ? 0 : 1,
          -row.priority,
          -row.contactPriority,
          row.lastActivityAt,
        );
        return null;
      }
      case "floorPop": {
        const head = this.ctx.storage.sql
          .exec<{ conversation_id: string; summary: string }>("SELECT conversation_id, summary FROM floor_waiting ORDER BY k_callback, k_webchat, k_inbox, k_contact, received_at, conversation_id LIMIT 1")
          .toArray()[0];
        if (!head) return null;
        this.ctx.storage.sql.exec("DELETE FROM floor_waiting WHERE conversation_id = ?", head.conversation_id);
        JSON.parse(head.summary); // the caller gets the row, as head() parses it
        return head.conversation_id;
      }
    }
  }

  private sqlWork(ops: number): SqlWork {
    let rowsRead = 0;
    let rowsWritten = 0;
    for (const c of this.cursors) {
      rowsRead += c.rowsRead;
      rowsWritten += c.rowsWritten;
    }
    this.cursors.length = 0;
    return { ops, rowsRead, rowsWritten };
  }
}

/** `POST /__bench/queue/{fill|run|settle|count}` with a JSON body; the queue is a
 * TeamQueue named `queue` (no such team in D1: it never distributes). */
export async function queueBenchRoute(request: Request, env: Env): Promise<Response> {
  const action = new URL(request.url).pathname.slice("/__bench/queue/".length);
  const body = (await request.json()) as { queue: string; op?: QueueOp; from?: number; count?: number; chunk?: number; ids?: string[] };
  const stub = (env.TEAM_QUEUE as unknown as DurableObjectNamespace<BenchTeamQueue>).getByName(body.queue);
  switch (action) {
    case "fill":
      return Response.json({ waiting: await stub.benchFill(body.from ?? 0, body.count ?? 0, body.chunk ?? 500) });
    case "run": {
      // The Worker's clock moves across the RPC's I/O: the whole call, here, excludes the
      // HTTP hop from the bench process.
      const t0 = Date.now();
      const work = await stub.benchRun(body.op ?? "enqueue", body.from ?? 0, body.count ?? 1);
      return Response.json({ ...work, rpcMs: Date.now() - t0 });
    }
    case "settle":
      await stub.benchSettle(body.ids ?? []);
      return Response.json({ ok: true });
    case "count":
      return Response.json({ waiting: (await stub.stats()).waiting, floor: await stub.floorCount() });
    default:
      return Response.json({ error: { code: "not_found", message: "no such bench route" } }, { status: 404 });
  }
}
