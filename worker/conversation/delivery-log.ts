/**
 * @module A room's channel bookkeeping in its Durable Object SQLite: our outgoing
 * messages and their provider ids (`outbound`), the delivery queue (`deliveries`, the
 * second queue beside the projection outbox), and changes that arrived before the
 * message they are about (`pending_changes`).
 *
 * Synchronous like the event log (./event-log.ts), so a send's outcome, its delivery
 * event and the receipts waiting for its provider id are written in one step.
 */
import type { DeliveryStatus } from "../protocol";
import type { RoomInboundItem } from "../channels/types";
import { providerKey } from "./commands";

const SCHEMA = [
  // Every agent message of ours on a provider channel: queued sends and messages the
  // company sent from its own phone or page inbox (echoes). `delivery` is the latest
  // status, so a receipt is checked against it without folding the log; `accepted_at`
  // is when the provider took it (watermarks cover messages accepted up to their time).
  `CREATE TABLE IF NOT EXISTS outbound (
     seq INTEGER PRIMARY KEY,
     event_id TEXT NOT NULL UNIQUE,
     provider_id TEXT UNIQUE,
     delivery TEXT NOT NULL,
     accepted_at INTEGER)`,
  // The delivery queue: one row per message still to hand to the provider, drained in
  // seq order. `first_at` bounds the retries (give up after a day).
  `CREATE TABLE IF NOT EXISTS deliveries (
     seq INTEGER PRIMARY KEY,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_at INTEGER NOT NULL,
     first_at INTEGER NOT NULL,
     last_error TEXT)`,
  // Receipts, reactions, edits and unsends for a provider id we do not know yet: kept
  // until the message appears (our send's answer maps it, or it is ingested).
  `CREATE TABLE IF NOT EXISTS pending_changes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     provider_id TEXT NOT NULL,
     item TEXT NOT NULL,
     at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS pending_changes_provider ON pending_changes (provider_id)`,
];

/** A change kept until its target message appears. */
export type PendingChange = Extract<RoomInboundItem, { type: "status" | "reaction" | "edit" | "unsend" }>;

/** How long a change waits for its message. Statuses also come for messages the business
 * sent from another system on the same number, which never appear here; without a bound
 * they would accumulate forever. A month is far beyond any provider's redelivery or any
 * send's retry horizon (a day, ./delivery-queue.ts). */
const PENDING_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface OutboundRow {
  seq: number;
  eventId: string;
  providerId: string | null;
  delivery: DeliveryStatus;
  acceptedAt: number | null;
}

export interface QueueRow {
  seq: number;
  attempts: number;
  nextAt: number;
  firstAt: number;
  lastError: string | null;
}

type RawOutbound = { seq: number; event_id: string; provider_id: string | null; delivery: string; accepted_at: number | null };

function toOutbound(r: RawOutbound | undefined): OutboundRow | null {
  return r ? { seq: r.seq, eventId: r.event_id, providerId: r.provider_id, delivery: r.delivery as DeliveryStatus, acceptedAt: r.accepted_at } : null;
}

export class DeliveryLog {
  constructor(private readonly sql: SqlStorage) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  // --- outbound messages ---

  addOutbound(seq: number, eventId: string, delivery: DeliveryStatus, providerId: string | null, acceptedAt: number | null): void {
    this.sql.exec("INSERT INTO outbound (seq, event_id, provider_id, delivery, accepted_at) VALUES (?, ?, ?, ?, ?)", seq, eventId, providerId, delivery, acceptedAt);
  }

  outboundBySeq(seq: number): OutboundRow | null {
    return toOutbound(this.sql.exec<RawOutbound>("SELECT * FROM outbound WHERE seq = ?", seq).toArray()[0]);
  }

  outboundByEventId(eventId: string): OutboundRow | null {
    return toOutbound(this.sql.exec<RawOutbound>("SELECT * FROM outbound WHERE event_id = ?", eventId).toArray()[0]);
  }

  outboundByProviderId(providerId: string): OutboundRow | null {
    return toOutbound(this.sql.exec<RawOutbound>("SELECT * FROM outbound WHERE provider_id = ?", providerId).toArray()[0]);
  }

  /** The provider took message `seq` as `providerId` at `acceptedAt`. */
  mapProviderId(seq: number, providerId: string, acceptedAt: number): void {
    this.sql.exec("UPDATE outbound SET provider_id = ?, accepted_at = coalesce(accepted_at, ?) WHERE seq = ?", providerId, acceptedAt, seq);
  }

  setDelivery(seq: number, delivery: DeliveryStatus): void {
    this.sql.exec("UPDATE outbound SET delivery = ? WHERE seq = ?", delivery, seq);
  }

  /** Our messages the provider accepted at or before `at`, in seq order. */
  acceptedUpTo(at: number): OutboundRow[] {
    return this.sql
      .exec<RawOutbound>("SELECT * FROM outbound WHERE provider_id IS NOT NULL AND accepted_at <= ? ORDER BY seq", at)
      .toArray()
      .map((r) => toOutbound(r)!);
  }

  /** The seq of the message the provider knows as `providerId`: one of ours, or one
   * ingested under that id (its idempotency key, ./event-log.ts). */
  seqOfProviderId(providerId: string): number | null {
    const ours = this.sql.exec<{ seq: number }>("SELECT seq FROM outbound WHERE provider_id = ?", providerId).toArray()[0];
    if (ours) return ours.seq;
    const ingested = this.sql.exec<{ seq: number }>("SELECT seq FROM events WHERE dedup_key = ?", providerKey(providerId)).toArray()[0];
    return ingested ? ingested.seq : null;
  }

  // --- the delivery queue ---

  enqueue(seq: number, now: number): void {
    this.sql.exec("INSERT OR IGNORE INTO deliveries (seq, attempts, next_at, first_at) VALUES (?, 0, ?, ?)", seq, now, now);
  }

  /** The first message in line: later ones wait behind it (customers read in order). */
  head(): QueueRow | null {
    const r = this.sql
      .exec<{ seq: number; attempts: number; next_at: number; first_at: number; last_error: string | null }>("SELECT * FROM deliveries ORDER BY seq LIMIT 1")
      .toArray()[0];
    return r ? { seq: r.seq, attempts: r.attempts, nextAt: r.next_at, firstAt: r.first_at, lastError: r.last_error } : null;
  }

  queued(seq: number): boolean {
    return this.sql.exec("SELECT 1 FROM deliveries WHERE seq = ?", seq).toArray().length > 0;
  }

  retryLater(seq: number, attempts: number, nextAt: number, error: string): void {
    this.sql.exec("UPDATE deliveries SET attempts = ?, next_at = ?, last_error = ? WHERE seq = ?", attempts, nextAt, error, seq);
  }

  dequeue(seq: number): void {
    this.sql.exec("DELETE FROM deliveries WHERE seq = ?", seq);
  }

  // --- changes waiting for their message ---

  keepPending(change: PendingChange, now: number): void {
    this.sql.exec("DELETE FROM pending_changes WHERE at < ?", now - PENDING_TTL_MS);
    this.sql.exec("INSERT INTO pending_changes (provider_id, item, at) VALUES (?, ?, ?)", change.providerMessageId, JSON.stringify(change), now);
  }

  /** Whether an unsend waits for one of `providerIds` (the messages a delivery brings). */
  unsendWaitsFor(providerIds: string[]): boolean {
    if (providerIds.length === 0) return false;
    return (
      this.sql
        .exec("SELECT 1 FROM pending_changes WHERE provider_id IN (SELECT value FROM json_each(?)) AND json_extract(item, '$.type') = 'unsend' LIMIT 1", JSON.stringify(providerIds))
        .toArray().length > 0
    );
  }

  /** The changes waiting for `providerId`, in arrival order, removed from the table. */
  takePending(providerId: string): PendingChange[] {
    return this.sql
      .exec<{ item: string }>("DELETE FROM pending_changes WHERE provider_id = ? RETURNING id, item", providerId)
      .toArray()
      .map((r) => r as unknown as { id: number; item: string })
      .sort((a, b) => a.id - b.id)
      .map((r) => JSON.parse(r.item) as PendingChange);
  }
}
