/**
 * @module The D1 projection of reachability events into `contact_channel_optouts`: an
 * opt-out (SMS STOP, a blocked Telegram bot) outlives the conversation it happened in,
 * so the contact's next conversation in that inbox starts unreachable
 * (../channels/ingest.ts), and the contact panel shows it.
 *
 * Idempotent, as every projection statement must be (the pipeline may deliver a batch
 * again): an opt-out is inserted with ON CONFLICT DO NOTHING, which keeps the time of the
 * first one (a conversation that starts unreachable stores a reachability event too, and
 * it must not move the date the customer opted out); an opt-in deletes the row. A room
 * hands its events over in seq order and the next handoff waits for the previous one, so
 * an older event of the same conversation never lands after a newer one.
 */
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { contactChannelOptouts } from "./schema";
import type { ReachabilityEvent } from "../protocol";
import type { RoomEvents } from "../pipeline/types";

/** The statements that bring the opt-outs of `rooms`' contacts up to date: per contact
 * and inbox, only the batch's last reachability event counts. */
export function optOutStatements(db: Db, rooms: readonly RoomEvents[]): BatchItem<"sqlite">[] {
  const latest = new Map<string, { contactId: string; inboxId: string; event: ReachabilityEvent }>();
  for (const { state, events } of rooms) {
    for (const e of events) {
      if (e.type === "reachability") latest.set(`${state.contactId}\u0000${state.inboxId}`, { contactId: state.contactId, inboxId: state.inboxId, event: e });
    }
  }
  return [...latest.values()].map(({ contactId, inboxId, event }) =>
    event.reachable
      ? db.delete(contactChannelOptouts).where(and(eq(contactChannelOptouts.contactId, contactId), eq(contactChannelOptouts.inboxId, inboxId)))
      : db.insert(contactChannelOptouts).values({ contactId, inboxId, reason: event.reason, at: event.at }).onConflictDoNothing(),
  );
}

/** The contact's standing opt-out of `inboxId`, if any. */
export async function optOutOf(db: Db, contactId: string, inboxId: string): Promise<{ reason: ReachabilityEvent["reason"]; at: number } | null> {
  const row = await db
    .select({ reason: contactChannelOptouts.reason, at: contactChannelOptouts.at })
    .from(contactChannelOptouts)
    .where(and(eq(contactChannelOptouts.contactId, contactId), eq(contactChannelOptouts.inboxId, inboxId)))
    .get();
  return row ?? null;
}
