/**
 * @module WebhookOutbox: the Durable Object, one per outbound webhook endpoint, that
 * stores the endpoint's deliveries durably (./outbox-store.ts) before it acknowledges
 * them, then delivers them from its alarm: signed, in `seq` order per conversation,
 * retried with backoff (./retry-policy.ts), the endpoint disabled after 24 hours of
 * failure. One object per endpoint, so a dead endpoint never delays another.
 *
 * Lanes: one per conversation (and one per contact), each strictly ordered, up to
 * CONCURRENCY lanes in flight at once. One lane per endpoint would be simpler, but caps
 * an endpoint at one request in flight: a receiver answering in 100 ms would then take at
 * most 10 events a second, and a single conversation whose payload the receiver keeps
 * refusing would stop every other conversation for a day.
 *
 * An eviction or crash mid-delivery loses nothing: every pass first sets a watchdog alarm,
 * so an attempt cut off is made again (the receiver may then see a delivery id twice,
 * which is why the id is there).
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { database } from "../db/client";
import { disableEndpoint, type DeliveryRow } from "../db/webhooks";
import { DeliveryLogBuffer } from "./log-buffer";
import { OutboxStore, type NewDelivery, type QueuedDelivery } from "./outbox-store";
import { attemptDelivery, SEND_TIMEOUT_MS, type Attempt } from "./send";
import { backoffMs, DISABLE_AFTER_MS, DOWN_AFTER_FAILURES, GIVE_UP_AFTER_MS } from "./retry-policy";
import { outboxTarget, type OutboxTarget } from "./targets";
import { allowsLocal } from "./url-guard";

/** Lanes delivered at once. Workers allow 6 simultaneous outgoing connections per
 * invocation; more wait for one to free up
 * (https://developers.cloudflare.com/workers/platform/limits/#simultaneous-open-connections). */
const CONCURRENCY = 6;
/** One alarm delivers for at most this long, then hands over to the next alarm. */
const PASS_BUDGET_MS = 20_000;
/** If a pass dies (eviction, crash), its deliveries are retried this long after it began. */
const WATCHDOG_MS = PASS_BUDGET_MS + SEND_TIMEOUT_MS + 5_000;
/** The endpoint's row (URL, enabled, sealed secret) is kept this long between D1 reads.
 * The admin routes tell the outbox at once when they change it (`refresh`); this bounds
 * what a change made behind their back (by hand in D1) takes to be seen. */
const ENDPOINT_TTL_MS = 30_000;
/** Delivered and given-up deliveries older than the retention are swept this often. */
const PRUNE_EVERY_MS = 10 * 60_000;

interface EndpointView {
  /** A webhook endpoint, or an inbox's agent bot (./targets.ts). */
  row: OutboxTarget;
  secret: string | null;
  readAt: number;
}

export class WebhookOutbox extends DurableObject<Env> {
  private readonly store: OutboxStore;
  private running = false;
  /** Something arrived while a pass ran: make sure another alarm follows it. */
  private dirty = false;
  /** The endpoint as last read from D1, with its secret opened: a pass per pipeline batch
   * would otherwise read D1 and decrypt every time. */
  private endpoint: EndpointView | null = null;
  private prunedAt = 0;
  /** Set while a pass runs: tells its idle workers something arrived. */
  private kick: (() => void) | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new OutboxStore(ctx.storage.sql);
  }

  /** Stores `items` (those not already here by dedup key) and resolves once they are
   * durable; delivery follows from the alarm. Returns how many were new. */
  async enqueue(endpointId: string, items: NewDelivery[]): Promise<number> {
    const added = this.store.add(endpointId, items, Date.now());
    if (added > 0) await this.wake();
    return added;
  }

  /** "Send again": the delivery back in its lane, due now. False when it is not here. */
  async resend(deliveryId: string): Promise<boolean> {
    const d = this.store.requeue(deliveryId, Date.now());
    if (!d) return false;
    // An admin asked for it now: one attempt goes out even while the endpoint is paused.
    const h = this.store.health();
    this.store.setHealth({ failingSince: h.failingSince, consecutiveFailures: h.consecutiveFailures, gateUntil: 0 });
    await this.wake();
    return true;
  }

  /** An admin enabled the endpoint again: everything waiting is due now. */
  async resume(): Promise<void> {
    this.endpoint = null;
    this.store.wakeAll(Date.now());
    await this.wake();
  }

  /** The endpoint was deleted. */
  /** An admin changed the endpoint (URL, events, secret, enabled): read it again before sending. */
  async refresh(): Promise<void> {
    this.endpoint = null;
  }

  async forget(): Promise<void> {
    this.endpoint = null;
    this.store.clear();
    await this.ctx.storage.deleteAlarm();
  }

  /** An erasure (issue 16, worker/rights): the stored payloads of these conversations and
   * this contact go, delivered or not. A delivery already on the wire finishes; its
   * outcome then updates no row. */
  async erase(conversationIds: string[], contactId: string | null): Promise<number> {
    const lanes = conversationIds.map((id) => `conversation:${id}`);
    if (contactId) lanes.push(`contact:${contactId}`);
    return this.store.eraseLanes(lanes);
  }

  /** Test seam: as if `ms` had passed (every stored time moves back). */
  async rewind(ms: number): Promise<void> {
    this.store.rewind(ms);
  }

  /** Test and bench seam: what is still waiting. */
  async pending(): Promise<number> {
    return this.store.pendingCount();
  }

  private async wake(): Promise<void> {
    if (this.running) {
      // The pass in progress picks it up; `dirty` covers arriving after its last look.
      this.dirty = true;
      this.kick?.();
      return;
    }
    // An endpoint that looks down waits out its pause: new deliveries do not wake it early
    // (a down receiver would otherwise cost a pass per pipeline batch).
    const due = Math.max(Date.now(), this.store.health().gateUntil);
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > due) await this.ctx.storage.setAlarm(due);
  }

  override async alarm(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.dirty = false;
    try {
      await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
      const next = await this.pass();
      if (this.dirty) await this.ctx.storage.setAlarm(Date.now());
      else if (next === null) await this.ctx.storage.deleteAlarm();
      else await this.ctx.storage.setAlarm(next);
    } finally {
      this.running = false;
    }
  }

  /** Delivers what is due; returns when to come back (null: nothing waits). Up to
   * CONCURRENCY workers, each taking the next due lane head that is not in flight; a
   * worker whose delivery went through puts that lane's next delivery in line. */
  private async pass(): Promise<number | null> {
    const started = Date.now();
    const endpointId = this.store.health().endpointId;
    if (!endpointId) return null;
    const db = database(this.env.DB);
    const view = await this.endpointView(db, endpointId, started);
    if (!view) {
      this.store.clear();
      return null;
    }
    const { row: endpoint, secret } = view;
    // Disabled: keep everything; `resume` picks it up when an admin enables it again.
    if (!endpoint.enabled) return null;
    const allowLocal = allowsLocal(this.env);
    if (started - this.prunedAt > PRUNE_EVERY_MS) {
      this.store.prune(started);
      this.prunedAt = started;
    }
    const log = new DeliveryLogBuffer(db, endpoint.id);
    const inFlight = new Set<string>();
    let line: QueuedDelivery[] = [];
    let verdict: { next: number | null } | null = null;

    const due = (d: QueuedDelivery, now: number) => !inFlight.has(d.lane) && (d.nextAt ?? 0) <= now;
    // The lane heads are read again only when the line ran dry and something may have
    // arrived since the last read: delivered lanes bring their next head themselves.
    let arrived = true;
    const take = (): QueuedDelivery | null => {
      const now = Date.now();
      if (line.length === 0 && arrived) {
        arrived = false;
        line = this.store.heads().filter((d) => due(d, now)).sort((a, b) => (a.nextAt ?? 0) - (b.nextAt ?? 0));
      }
      const i = line.findIndex((d) => due(d, now));
      return i < 0 ? null : line.splice(i, 1)[0]!;
    };
    const send = (d: QueuedDelivery): Promise<Attempt> =>
      secret === null
        ? Promise.resolve({ ok: false, statusCode: null, latencyMs: 0, excerpt: "Not sent: the endpoint's secret cannot be opened (CREDENTIALS_KEY changed?)." })
        : attemptDelivery({ url: endpoint.url, secret, deliveryId: d.id, event: d.event, body: d.body, allowLocal });

    // Idle workers wait here for a lane to free up or a delivery to arrive, rather than
    // leave the rest of the pass to fewer workers.
    const newSignal = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    };
    let signal = newSignal();
    const notify = () => {
      const fired = signal;
      signal = newSignal();
      fired.resolve();
    };
    this.kick = () => {
      arrived = true;
      notify();
    };
    const worker = async (n: number) => {
      while (verdict === null && Date.now() - started < PASS_BUDGET_MS) {
        const health = this.store.health();
        if (health.gateUntil > Date.now()) {
          verdict = { next: health.gateUntil };
          notify();
          return;
        }
        // A receiver that looks down gets one probe at a time, not every lane.
        if (n > 0 && health.consecutiveFailures >= DOWN_AFTER_FAILURES) return;
        const d = take();
        if (!d) {
          if (inFlight.size === 0) return;
          await signal.promise;
          continue;
        }
        inFlight.add(d.lane);
        const attempt = await send(d);
        const now = Date.now();
        const settled = this.settle(d, attempt, now, endpoint.isEndpoint);
        inFlight.delete(d.lane);
        // Only webhook endpoints keep a delivery log admins browse (not agent bots).
        if (endpoint.isEndpoint) log.add(logRow(endpoint.id, settled));
        if (settled.status !== "pending") {
          const next = this.store.laneHead(d.lane);
          if (next) line.push(next);
        }
        notify();
        const h = this.store.health();
        if (endpoint.isEndpoint && h.failingSince !== null && now - h.failingSince >= DISABLE_AFTER_MS) {
          verdict = { next: null };
          this.endpoint = null;
          notify();
          if (await disableEndpoint(db, endpoint.id, "failing", now)) console.warn(JSON.stringify({ msg: "webhook endpoint disabled after 24 h of failures", endpoint: endpoint.id }));
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, n) => worker(n)));
    } finally {
      this.kick = null;
      notify();
    }
    await log.flush();
    if (verdict !== null) return (verdict as { next: number | null }).next;
    const heads = this.store.heads();
    if (heads.length === 0) return null;
    const earliest = Math.min(...heads.map((d) => d.nextAt ?? 0));
    return Math.max(earliest, this.store.health().gateUntil, Date.now());
  }

  private async endpointView(db: ReturnType<typeof database>, id: string, now: number): Promise<EndpointView | null> {
    if (this.endpoint && now - this.endpoint.readAt < ENDPOINT_TTL_MS) return this.endpoint;
    const row = await outboxTarget(this.env, db, id);
    if (!row) return (this.endpoint = null);
    return (this.endpoint = { row, secret: row.secret, readAt: now });
  }

  /** Records one attempt's outcome on the delivery and on the endpoint's health. */
  private settle(d: QueuedDelivery, a: Attempt, now: number, disables: boolean): QueuedDelivery {
    const health = this.store.health();
    const next: QueuedDelivery = { ...d, attempts: d.attempts + 1, lastStatusCode: a.statusCode, latencyMs: a.latencyMs, excerpt: a.excerpt, updatedAt: now };
    if (a.ok) {
      Object.assign(next, { status: "delivered", nextAt: null, firstFailedAt: null });
      this.store.setHealth({ failingSince: null, consecutiveFailures: 0, gateUntil: 0 });
    } else {
      const firstFailedAt = d.firstFailedAt ?? now;
      const failures = health.consecutiveFailures + 1;
      const failingSince = health.failingSince ?? now;
      // Given up only if the endpoint works for others: a dead endpoint is disabled
      // instead, and keeps the delivery for when it comes back. An agent bot is never
      // disabled, so its deliveries are given up after the same day either way.
      const giveUp = now - firstFailedAt >= GIVE_UP_AFTER_MS && (!disables || now - failingSince < DISABLE_AFTER_MS);
      Object.assign(next, giveUp ? { status: "failed", nextAt: null, firstFailedAt } : { nextAt: now + backoffMs(next.attempts), firstFailedAt });
      const gateUntil = failures >= DOWN_AFTER_FAILURES ? now + backoffMs(failures - DOWN_AFTER_FAILURES + 1) : 0;
      this.store.setHealth({ failingSince, consecutiveFailures: failures, gateUntil });
    }
    this.store.save(next);
    return next;
  }
}

function logRow(endpointId: string, d: QueuedDelivery): DeliveryRow {
  return {
    id: d.id,
    endpointId,
    dedupKey: d.dedupKey,
    event: d.event as DeliveryRow["event"],
    conversationId: d.conversationId,
    seq: d.seq,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    latencyMs: d.latencyMs,
    responseExcerpt: d.excerpt,
    nextAttemptAt: d.status === "pending" ? d.nextAt : null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}
