/**
 * @module Changes to stored messages, inside one synchronous room write: delivery moving
 * forward (the queue's outcomes and the provider's receipts), reactions, edits and
 * unsends; and the changes that arrived before their message, applied when it appears.
 */
import { deliveryAdvances, type Actor, type ConversationEvent, type DeliveryStatus, type MessageEvent } from "../protocol";
import type { RoomState } from "./commands";
import type { DeliveryLog, OutboundRow, PendingChange } from "./delivery-log";
import { goesOut, speaksForCompany } from "./delivery-rule";
import type { EventLog } from "./event-log";
import { previewOf, type DraftEvent } from "./status-machine";

/** One synchronous write of the room (inside its transactionSync): what the logic here
 * may read and append. `emit` gives the draft the next seq, folds it into the state and
 * queues it for projection and broadcast. */
export interface WriteStep {
  readonly now: number;
  readonly log: EventLog;
  readonly deliveries: DeliveryLog;
  state(): RoomState;
  setState(patch: Partial<RoomState>): void;
  emit(draft: DraftEvent, dedupKey?: string | null): ConversationEvent;
  /** Files (R2) to delete once the write is stored: an unsend erased the message. */
  forgetFiles(ids: string[]): void;
}

/** What an item did: changed something, was already known, or waits for its message. */
export type ChangeOutcome = "stored" | "duplicate" | "kept";

export interface ChangeOptions {
  /** The customer, as reactions, edits and unsends name them. */
  contact: Actor;
  /** The inbox keeps an unsent message's text and files for its agents. */
  keepUnsentText: boolean;
}

const SYSTEM: Actor = { type: "system", id: null, name: null };
/** DeliveryEvent.error's limit (protocol/events.ts). */
const MAX_ERROR_CHARS = 500;

/** Bookkeeping for a message just appended: one we must deliver joins the delivery queue
 * in the same write; one the company sent from elsewhere (an echo) is remembered with
 * its provider id, so receipts and watermarks find it. */
export function trackMessage(step: WriteStep, event: MessageEvent): void {
  if (!speaksForCompany(event.actor) || event.kind === "note") return;
  if (goesOut(event, step.state().channel)) {
    step.deliveries.addOutbound(event.seq, event.id, "pending", null, null);
    step.deliveries.enqueue(event.seq, step.now);
  } else if (event.providerMessageId !== null) {
    step.deliveries.addOutbound(event.seq, event.id, "sent", event.providerMessageId, event.providerAt ?? event.at);
  }
}

/** Stores a delivery event when `status` moves message `row` forward (never backwards,
 * never past `failed`). Any receipt means the provider has the message or refused it for
 * good, so it leaves the queue: it is never sent again. */
export function advanceDelivery(step: WriteStep, row: OutboundRow, status: DeliveryStatus, error: string | null): boolean {
  if (!deliveryAdvances(row.delivery, status)) return false;
  step.emit({
    type: "delivery",
    messageSeq: row.seq,
    status,
    error: status === "failed" ? (error || "failed").slice(0, MAX_ERROR_CHARS) : null,
    providerMessageId: row.providerId,
    actor: SYSTEM,
    at: step.now,
  });
  step.deliveries.setDelivery(row.seq, status);
  if (status !== "pending") step.deliveries.dequeue(row.seq);
  return true;
}

/** The provider accepted message `row` as `providerId` (our send's answer, or a receipt
 * or echo carrying our id after the answer was lost). Out of the queue for good. */
export function mapAccepted(step: WriteStep, row: OutboundRow, providerId: string, acceptedAt: number): OutboundRow {
  step.deliveries.dequeue(row.seq);
  if (row.providerId !== null) return row;
  step.deliveries.mapProviderId(row.seq, providerId, acceptedAt);
  return { ...row, providerId, acceptedAt: row.acceptedAt ?? acceptedAt };
}

/** Applies what waited for `providerId`, now that a message has it. */
export function applyPending(step: WriteStep, providerId: string, opts: ChangeOptions): void {
  for (const change of step.deliveries.takePending(providerId)) applyChange(step, change, opts);
}

/** A receipt, reaction, edit or unsend: applied to its message, or kept until it appears. */
export function applyChange(step: WriteStep, change: PendingChange, opts: ChangeOptions): ChangeOutcome {
  if (change.type === "status") return applyStatus(step, change, opts);
  const seq = step.deliveries.seqOfProviderId(change.providerMessageId);
  if (seq === null) {
    step.deliveries.keepPending(change, step.now);
    return "kept";
  }
  switch (change.type) {
    case "reaction": {
      const latest = step.log.latestChange("reaction", seq);
      const current = latest?.type === "reaction" ? latest.emoji : null;
      if (current === change.emoji) return "duplicate";
      step.emit({ type: "reaction", messageSeq: seq, emoji: change.emoji, actor: opts.contact, at: step.now });
      return "stored";
    }
    case "edit": {
      const latest = step.log.latestChange("edit", seq);
      const target = step.log.event(seq);
      if (target?.type !== "message" || step.log.latestChange("unsend", seq)) return "duplicate";
      if ((latest?.type === "edit" ? latest.body : target.body) === change.body) return "duplicate";
      step.emit({ type: "edit", messageSeq: seq, body: change.body, actor: opts.contact, at: step.now });
      if (isLatestMessage(step, seq)) step.setState({ lastMessagePreview: previewOf(change.body, target.attachments) });
      return "stored";
    }
    case "unsend":
      return unsend(step, seq, opts);
  }
}

function applyStatus(step: WriteStep, change: Extract<PendingChange, { type: "status" }>, opts: ChangeOptions): ChangeOutcome {
  let row = step.deliveries.outboundByProviderId(change.providerMessageId);
  if (!row && change.ourMessageId) {
    // Our id echoed back (WhatsApp's biz_opaque_callback_data): the send's answer was
    // lost, or this is a receipt for a later part of a split message.
    const ours = step.deliveries.outboundByEventId(change.ourMessageId);
    if (ours) {
      row = mapAccepted(step, ours, change.providerMessageId, change.providerAt);
      if (row.providerId === change.providerMessageId) {
        const applied = advanceDelivery(step, row, change.status, change.error ?? null);
        applyPending(step, change.providerMessageId, opts);
        return applied ? "stored" : "duplicate";
      }
    }
  }
  if (!row) {
    // A receipt for a customer's message is not ours to track; any other unknown id is
    // one of our sends whose answer has not been written yet.
    if (step.deliveries.seqOfProviderId(change.providerMessageId) !== null) return "duplicate";
    step.deliveries.keepPending(change, step.now);
    return "kept";
  }
  return advanceDelivery(step, row, change.status, change.error ?? null) ? "stored" : "duplicate";
}

/** The customer took message `seq` back. Unless the inbox keeps unsent text for its
 * agents, its body, files and content are erased from the room's log (rewriting the
 * stored event and the text of its edits: a privacy request outranks the log's
 * immutability), its files from R2, and, through the projection, the text from D1 and
 * its search index. */
function unsend(step: WriteStep, seq: number, opts: ChangeOptions): ChangeOutcome {
  if (step.log.latestChange("unsend", seq)) return "duplicate";
  const target = step.log.event(seq);
  if (target?.type !== "message") return "duplicate";
  step.emit({ type: "unsend", messageSeq: seq, erased: !opts.keepUnsentText, actor: opts.contact, at: step.now });
  if (opts.keepUnsentText) return "stored";
  const { attachments, content: _c, ...rest } = target;
  step.log.rewrite({ ...rest, body: "" });
  if (attachments?.length) step.forgetFiles(attachments.map((a) => a.id));
  step.log.eraseEdits(seq);
  if (isLatestMessage(step, seq)) step.setState({ lastMessagePreview: null });
  return "stored";
}

function isLatestMessage(step: WriteStep, seq: number): boolean {
  return step.log.latestMessageSeq() === seq;
}
