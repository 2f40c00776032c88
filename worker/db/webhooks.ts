/**
 * @module Outbound webhook endpoints and their delivery log in D1 (webhook_endpoints,
 * webhook_deliveries). The endpoint row is what the admin API edits and what each
 * WebhookOutbox reads before it sends; the log is the outbox's readable copy of its
 * attempts, for the console.
 */
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "./client";
import { webhookDeliveries, webhookEndpoints } from "./schema";
import { WebhookEventName, type WebhookDelivery, type WebhookDisabledReason, type WebhookEndpoint } from "../protocol";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferInsert;

export function endpointOf(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: eventsOf(row),
    includeNotes: row.includeNotes,
    enabled: row.enabled,
    status: row.enabled ? "active" : "disabled",
    disabledReason: row.enabled ? null : (row.disabledReason ?? "admin"),
    disabledSince: row.enabled ? null : (row.disabledAt ?? row.updatedAt),
    createdAt: row.createdAt,
  };
}

/** The row's event names; a name a later version dropped is ignored, not fatal. */
export function eventsOf(row: Pick<EndpointRow, "events">): WebhookEventName[] {
  const parsed = WebhookEventName.array().safeParse(JSON.parse(row.events));
  return parsed.success ? parsed.data : [];
}

export async function listEndpoints(db: Db): Promise<EndpointRow[]> {
  return db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

/** The enabled endpoints, as a read for a D1 batch (the pipeline's, ../pipeline/types.ts `reads`). */
export function enabledEndpointsRead(db: Db) {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true));
}

export async function enabledEndpoints(db: Db): Promise<EndpointRow[]> {
  return enabledEndpointsRead(db);
}

export async function findEndpoint(db: Db, id: string): Promise<EndpointRow | undefined> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
}

export async function countEndpoints(db: Db): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(webhookEndpoints).get();
  return row?.n ?? 0;
}

/** The admin's writes take the audit entry recording them (`audit`, ./audit-conditional.ts). */
export async function insertEndpoint(db: Db, row: typeof webhookEndpoints.$inferInsert, audit?: BatchItem<"sqlite">): Promise<void> {
  await writeAudited(db, db.insert(webhookEndpoints).values(row), audit);
}

export async function updateEndpoint(db: Db, id: string, set: Partial<typeof webhookEndpoints.$inferInsert>, audit?: BatchItem<"sqlite">): Promise<EndpointRow | undefined> {
  const [row] = await writeAudited(db, db.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)).returning(), audit);
  return row;
}

export async function deleteEndpoint(db: Db, id: string, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const gone = await writeAudited(db, db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id }), audit);
  return gone.length > 0;
}

/** Turns an endpoint off, unless an admin already did or it is gone. */
export async function disableEndpoint(db: Db, id: string, reason: WebhookDisabledReason, now: number): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, disabledAt: now, updatedAt: now })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

// --- the delivery log -----------------------------------------------------------------

/** Writes the outbox's latest view of `rows` (one D1 batch); an endpoint deleted meanwhile
 * makes its rows' foreign key fail, which only means there is no log left to keep. */
export async function recordDeliveries(db: Db, rows: DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const statements = rows.map((row) =>
    db
      .insert(webhookDeliveries)
      .values(row)
      .onConflictDoUpdate({
        target: webhookDeliveries.id,
        set: {
          status: row.status,
          attempts: row.attempts,
          lastStatusCode: row.lastStatusCode,
          latencyMs: row.latencyMs,
          responseExcerpt: row.responseExcerpt,
          nextAttemptAt: row.nextAttemptAt,
          updatedAt: row.updatedAt,
        },
      }),
  );
  await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
}

export async function findDelivery(db: Db, id: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();
}

/** Newest first, keyset-paged on (created_at, id). */
export async function deliveryPage(db: Db, endpointId: string, limit: number, before: { createdAt: number; id: string } | null): Promise<WebhookDelivery[]> {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        before ? or(lt(webhookDeliveries.createdAt, before.createdAt), and(eq(webhookDeliveries.createdAt, before.createdAt), lt(webhookDeliveries.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpointId,
    event: r.event,
    conversationId: r.conversationId,
    seq: r.seq,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    latencyMs: r.latencyMs,
    responseExcerpt: r.responseExcerpt,
    nextAttemptAt: r.nextAttemptAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}
