/**
 * @module How changes to a stored message reach D1: a delivery, reaction, edit or unsend
 * event is not a row of its own in `messages` (a WhatsApp reply's receipts would triple
 * its rows); it updates its message's row. Each update is idempotent and only moves
 * forward, so the pipeline may deliver it any number of times and in a batch with its
 * message (whose insert comes first in the batch): delivery by rank (failed is final),
 * edits and reactions by the seq of the change, stored in the row's `event` JSON.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { messages } from "./schema";
import { DELIVERY_RANK, type ConversationEvent, type DeliveryEvent, type EditEvent, type ReactionEvent, type UnsendEvent } from "../protocol";

export type ChangeEvent = DeliveryEvent | ReactionEvent | EditEvent | UnsendEvent;

export function isChangeEvent(e: ConversationEvent): e is ChangeEvent {
  return e.type === "delivery" || e.type === "reaction" || e.type === "edit" || e.type === "unsend";
}

/** A delivery status's rank in SQL, from the protocol's one table (DELIVERY_RANK). */
const rankOfColumn = sql.join(
  [sql`CASE ${messages.deliveryStatus}`, ...Object.entries(DELIVERY_RANK).map(([status, rank]) => sql`WHEN ${status} THEN ${sql.raw(String(rank))}`), sql`ELSE -1 END`],
  sql` `,
);

function target(e: ChangeEvent): SQL {
  return and(eq(messages.conversationId, e.conversationId), eq(messages.seq, e.messageSeq))!;
}

/** The seq of the latest change of `kind` applied to the row (0: none). */
function appliedSeq(kind: "editSeq" | "reactionSeq" | "unsendSeq"): SQL {
  return sql`coalesce(json_extract(${messages.event}, ${`$.${kind}`}), 0)`;
}

function statement(db: Db, e: ChangeEvent): BatchItem<"sqlite"> {
  switch (e.type) {
    case "delivery":
      // deliveryAdvances (protocol/events.ts) in SQL: forward only, nothing after failed.
      return db
        .update(messages)
        .set({
          deliveryStatus: e.status,
          providerMessageId: sql`coalesce(${e.providerMessageId}, ${messages.providerMessageId})`,
          ...(e.error ? { event: sql`json_set(${messages.event}, '$.deliveryError', ${e.error})` } : {}),
        })
        .where(and(target(e), sql`${rankOfColumn} < ${DELIVERY_RANK[e.status]}`, sql`${messages.deliveryStatus} IS NOT 'failed'`));
    case "edit":
      return db
        .update(messages)
        .set({ body: e.body, event: sql`json_set(${messages.event}, '$.editSeq', ${e.seq}, '$.editedAt', ${e.at})` })
        .where(and(target(e), sql`${appliedSeq("editSeq")} < ${e.seq}`, sql`${appliedSeq("unsendSeq")} = 0`));
    case "reaction":
      return db
        .update(messages)
        .set({ event: sql`json_set(${messages.event}, '$.reaction', ${e.emoji}, '$.reactionSeq', ${e.seq})` })
        .where(and(target(e), sql`${appliedSeq("reactionSeq")} < ${e.seq}`));
    case "unsend":
      // Erased: the text leaves the row (and, through its trigger, the search index), the
      // files and structured content leave its JSON.
      return db
        .update(messages)
        .set(
          e.erased
            ? { body: "", event: sql`json_set(json_remove(${messages.event}, '$.attachments', '$.content'), '$.unsendSeq', ${e.seq})` }
            : { event: sql`json_set(${messages.event}, '$.unsendSeq', ${e.seq})` },
        )
        .where(and(target(e), sql`${appliedSeq("unsendSeq")} = 0`));
  }
}

/** One update per change event, in seq order (after the batch's message inserts). */
export function changeStatements(db: Db, events: ConversationEvent[]): BatchItem<"sqlite">[] {
  return events.filter(isChangeEvent).map((e) => statement(db, e));
}
