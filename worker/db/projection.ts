/**
 * @module `projectToD1`: writes a room's events and state into D1. Idempotent, so the
 * outbox may retry it any number of times: messages are inserted with ON CONFLICT DO
 * NOTHING on (conversation_id, seq), and the conversation row only moves forward
 * (guarded by last_seq). All of it is one D1 batch, which D1 runs as a transaction.
 * The UPDATE names its columns, so what agents set on a conversation in D1 (its type)
 * is never overwritten by a later projection.
 */
import { and, eq, lte } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { readMarkStatement } from "./agent-marks";
import { contacts, conversations, csatResponses, messages } from "./schema";
import type { ConversationEvent, ConversationSummary } from "../protocol";
import type { RoomState } from "../conversation/commands";

/** D1 binds at most 100 parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/); a message row binds 13. */
const D1_MAX_BOUND_PARAMETERS = 100;
const MESSAGE_COLUMNS = 13;
const ROWS_PER_INSERT = Math.floor(D1_MAX_BOUND_PARAMETERS / MESSAGE_COLUMNS);

function messageRow(e: ConversationEvent): typeof messages.$inferInsert {
  const isMessage = e.type === "message";
  return {
    conversationId: e.conversationId,
    seq: e.seq,
    id: e.id,
    direction: e.actor.type === "contact" ? "in" : isMessage && e.kind !== "note" ? "out" : "internal",
    senderType: e.actor.type,
    senderId: e.actor.id,
    kind: isMessage ? e.kind : "event",
    body: isMessage ? e.body : e.type === "csat" ? e.comment : null,
    event: e as unknown as Record<string, unknown>,
    providerMessageId: isMessage ? e.providerMessageId : null,
    clientId: isMessage ? e.clientId : null,
    deliveryStatus: isMessage ? e.delivery : null,
    createdAt: e.at,
  };
}

/** The highest seq each agent wrote a message at, among `events`. */
function agentMessageSeqs(events: ConversationEvent[]): Map<string, number> {
  const seqs = new Map<string, number>();
  for (const e of events) {
    if (e.type === "message" && e.actor.type === "agent" && e.actor.id) seqs.set(e.actor.id, Math.max(seqs.get(e.actor.id) ?? 0, e.seq));
  }
  return seqs;
}

/** Projects `events` and the room's latest `state`; returns the list row as D1 now has it. */
export async function projectToD1(db: Db, state: RoomState, events: ConversationEvent[]): Promise<ConversationSummary> {
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
    const rows = events.slice(i, i + ROWS_PER_INSERT).map(messageRow);
    statements.push(db.insert(messages).values(rows).onConflictDoNothing({ target: [messages.conversationId, messages.seq] }));
  }
  // An agent who wrote a message has read the conversation up to it. Done here because a
  // socket send reaches the room without passing any route; the HTTP route also marks it
  // at once, so its caller's next read already shows it.
  for (const [agentId, seq] of agentMessageSeqs(events)) statements.push(readMarkStatement(db, agentId, state.id, seq, Date.now()));
  const csat = events.flatMap((e) => (e.type === "csat" ? [{ conversationId: e.conversationId, seq: e.seq, rating: e.rating, comment: e.comment, createdAt: e.at }] : []));
  if (csat.length > 0) statements.push(db.insert(csatResponses).values(csat).onConflictDoNothing());
  statements.push(
    db
      .update(conversations)
      .set({
        status: state.status,
        assigneeId: state.assigneeId,
        teamId: state.teamId,
        priority: state.priority,
        firstResponseAt: state.firstResponseAt,
        resolvedAt: state.resolvedAt,
        lastActivityAt: state.lastActivityAt,
        snoozedUntil: state.snoozedUntil,
        lastSeq: state.lastSeq,
        lastMessagePreview: state.lastMessagePreview,
      })
      .where(and(eq(conversations.id, state.id), lte(conversations.lastSeq, state.lastSeq))),
  );
  const contactName = db.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, state.contactId));
  const [first, ...rest] = [...statements, contactName];
  const results = await db.batch([first!, ...rest]);
  const nameRows = results[results.length - 1] as { name: string | null }[];
  return { ...state, contactName: nameRows[0]?.name ?? null };
}

/** Used by tests and repairs: how many times each seq of a conversation is in D1. */
export async function projectedSeqs(db: Db, conversationId: string): Promise<number[]> {
  const rows = await db
    .select({ seq: messages.seq })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(messages.seq);
  return rows.map((r) => r.seq);
}

