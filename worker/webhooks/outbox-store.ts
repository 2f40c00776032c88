/**
 * @module A WebhookOutbox's own storage (the Durable Object's SQLite): the queue of
 * deliveries for one endpoint, and the endpoint's failure state. This is the durable
 * copy: a delivery exists once it is here, and leaves only when delivered, given up, or
 * pruned after RETENTION_MS. All synchronous `ctx.storage.sql`, so each method is atomic.
 *
 * Order: deliveries are grouped in lanes (one per conversation, one per contact for
 * contact events) and a lane delivers strictly in `ord` order (the conversation's `seq`),
 * one at a time; lanes run side by side (see ./outbox.ts for why).
 */
import type { AGENT_BOT_MESSAGE_EVENT, WebhookEventName } from "../protocol";

/** What an outbox carries: webhook events, and agent bots' customer messages (an agent
 * bot is an outbox of its own, worker/webhooks/targets.ts). */
export type OutboxEventName = WebhookEventName | typeof AGENT_BOT_MESSAGE_EVENT;

/** Delivered and given-up deliveries are kept this long, for the log's "send again". */
export const RETENTION_MS = 7 * 24 * 3600_000;

export interface QueuedDelivery {
  id: string;
  dedupKey: string;
  lane: string;
  ord: number;
  event: OutboxEventName;
  conversationId: string | null;
  seq: number | null;
  body: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAt: number | null;
  firstFailedAt: number | null;
  lastStatusCode: number | null;
  latencyMs: number | null;
  excerpt: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What the endpoint's recent history says (one row). */
export interface EndpointHealth {
  endpointId: string | null;
  /** The first failure since the last success; null while healthy. */
  failingSince: number | null;
  /** Failures in a row, across lanes. */
  consecutiveFailures: number;
  /** No attempt before this (the endpoint looks down: back off as a whole). */
  gateUntil: number;
}

export interface NewDelivery {
  dedupKey: string;
  lane: string;
  ord: number;
  event: OutboxEventName;
  conversationId: string | null;
  seq: number | null;
  /** The payload without its `id`; the store adds the delivery id. */
  payload: Record<string, unknown>;
}

type Row = Record<string, SqlStorageValue>;

export class OutboxStore {
  /** The health row, read once and written only when it changes: a healthy endpoint's
   * every success would otherwise rewrite it. */
  private cached: EndpointHealth | null = null;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS deliveries (
      id TEXT PRIMARY KEY, dedup_key TEXT NOT NULL UNIQUE, lane TEXT NOT NULL, ord INTEGER NOT NULL,
      event TEXT NOT NULL, conversation_id TEXT, seq INTEGER, body TEXT NOT NULL,
      status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER, first_failed_at INTEGER,
      last_status_code INTEGER, latency_ms INTEGER, excerpt TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`);
    sql.exec("CREATE INDEX IF NOT EXISTS deliveries_lane_idx ON deliveries (status, lane, ord)");
    sql.exec("CREATE INDEX IF NOT EXISTS deliveries_done_idx ON deliveries (status, updated_at)");
    sql.exec(`CREATE TABLE IF NOT EXISTS health (
      one INTEGER PRIMARY KEY CHECK (one = 1), endpoint_id TEXT, failing_since INTEGER,
      consecutive_failures INTEGER NOT NULL DEFAULT 0, gate_until INTEGER NOT NULL DEFAULT 0)`);
    sql.exec("INSERT OR IGNORE INTO health (one) VALUES (1)");
  }

  /** Adds the deliveries not seen before (by dedup key); returns the ones added. */
  add(endpointId: string, items: NewDelivery[], now: number): number {
    if (this.health().endpointId !== endpointId) {
      this.sql.exec("UPDATE health SET endpoint_id = ? WHERE one = 1", endpointId);
      this.cached = null;
    }
    let added = 0;
    for (const item of items) {
      const id = `whd_${crypto.randomUUID().replaceAll("-", "")}`;
      const body = JSON.stringify({ id, ...item.payload });
      // The dedup key is unique: a delivery already here (a batch handed over again) is skipped.
      added += this.sql.exec(
        "INSERT INTO deliveries (id, dedup_key, lane, ord, event, conversation_id, seq, body, status, next_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING",
        id, item.dedupKey, item.lane, item.ord, item.event, item.conversationId, item.seq, body, now, now, now,
      ).rowsWritten > 0 ? 1 : 0;
    }
    return added;
  }

  /** The first pending delivery of every lane (each lane's only candidate). */
  heads(): QueuedDelivery[] {
    // SQLite returns the other columns of the row holding MIN(ord) in a GROUP BY.
    return this.sql.exec("SELECT *, MIN(ord) AS head_ord FROM deliveries WHERE status = 'pending' GROUP BY lane").toArray().map(deliveryOf);
  }

  /** The first pending delivery of one lane. */
  laneHead(lane: string): QueuedDelivery | null {
    const row = this.sql.exec("SELECT * FROM deliveries WHERE status = 'pending' AND lane = ? ORDER BY ord LIMIT 1", lane).toArray()[0];
    return row ? deliveryOf(row) : null;
  }

  get(id: string): QueuedDelivery | null {
    const row = this.sql.exec("SELECT * FROM deliveries WHERE id = ?", id).toArray()[0];
    return row ? deliveryOf(row) : null;
  }

  save(d: QueuedDelivery): void {
    this.sql.exec(
      "UPDATE deliveries SET status = ?, attempts = ?, next_at = ?, first_failed_at = ?, last_status_code = ?, latency_ms = ?, excerpt = ?, updated_at = ? WHERE id = ?",
      d.status, d.attempts, d.nextAt, d.firstFailedAt, d.lastStatusCode, d.latencyMs, d.excerpt, d.updatedAt, d.id,
    );
  }

  health(): EndpointHealth {
    if (this.cached) return { ...this.cached };
    const row = this.sql.exec("SELECT * FROM health WHERE one = 1").one();
    this.cached = {
      endpointId: (row.endpoint_id as string | null) ?? null,
      failingSince: (row.failing_since as number | null) ?? null,
      consecutiveFailures: row.consecutive_failures as number,
      gateUntil: row.gate_until as number,
    };
    return { ...this.cached };
  }

  setHealth(h: Omit<EndpointHealth, "endpointId">): void {
    const now = this.health();
    if (now.failingSince === h.failingSince && now.consecutiveFailures === h.consecutiveFailures && now.gateUntil === h.gateUntil) return;
    this.sql.exec("UPDATE health SET failing_since = ?, consecutive_failures = ?, gate_until = ? WHERE one = 1", h.failingSince, h.consecutiveFailures, h.gateUntil);
    this.cached = { ...now, ...h };
  }

  /** Every pending delivery due now (after an admin re-enabled the endpoint). */
  wakeAll(now: number): void {
    this.sql.exec("UPDATE deliveries SET next_at = ?, first_failed_at = NULL WHERE status = 'pending'", now);
    this.setHealth({ failingSince: null, consecutiveFailures: 0, gateUntil: 0 });
  }

  /** Puts a delivery back in its lane, due now; false when it is not here (pruned). */
  requeue(id: string, now: number): QueuedDelivery | null {
    this.sql.exec("UPDATE deliveries SET status = 'pending', next_at = ?, first_failed_at = NULL, updated_at = ? WHERE id = ?", now, now, id);
    return this.get(id);
  }

  prune(now: number): void {
    // IN, not <>: each status is a range of the (status, updated_at) index.
    this.sql.exec("DELETE FROM deliveries WHERE status IN ('delivered', 'failed') AND updated_at < ?", now - RETENTION_MS);
  }

  pendingCount(): number {
    return this.sql.exec("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'").one().n as number;
  }

  /** Test seam: every stored time moves `ms` into the past, as if that much time passed. */
  rewind(ms: number): void {
    this.sql.exec(
      "UPDATE deliveries SET next_at = next_at - ?, first_failed_at = first_failed_at - ?, created_at = created_at - ?, updated_at = updated_at - ?",
      ms, ms, ms, ms,
    );
    this.sql.exec("UPDATE health SET failing_since = failing_since - ?, gate_until = max(0, gate_until - ?) WHERE one = 1", ms, ms);
    this.cached = null;
  }

  /** Deletes every delivery of `lanes`, pending or done (an erasure: their bodies hold the
   * erased text); returns how many went. */
  eraseLanes(lanes: readonly string[]): number {
    let erased = 0;
    for (const lane of lanes) erased += this.sql.exec("DELETE FROM deliveries WHERE lane = ?", lane).rowsWritten;
    return erased;
  }

  clear(): void {
    this.sql.exec("DELETE FROM deliveries");
    this.sql.exec("UPDATE health SET failing_since = NULL, consecutive_failures = 0, gate_until = 0 WHERE one = 1");
    this.cached = null;
  }
}

function deliveryOf(r: Row): QueuedDelivery {
  return {
    id: r.id as string,
    dedupKey: r.dedup_key as string,
    lane: r.lane as string,
    ord: r.ord as number,
    event: r.event as OutboxEventName,
    conversationId: r.conversation_id as string | null,
    seq: r.seq as number | null,
    body: r.body as string,
    status: r.status as QueuedDelivery["status"],
    attempts: r.attempts as number,
    nextAt: r.next_at as number | null,
    firstFailedAt: r.first_failed_at as number | null,
    lastStatusCode: r.last_status_code as number | null,
    latencyMs: r.latency_ms as number | null,
    excerpt: r.excerpt as string | null,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}
