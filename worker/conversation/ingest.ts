/**
 * @module A channel webhook's items for one conversation, applied inside one synchronous
 * room write in the provider's order: customer messages (deduplicated by the provider's
 * id, also after eviction: the key is in the room's SQLite), echoes of what the company
 * sent, receipts, watermarks, reactions, edits and unsends.
 */
import type { RoomInboundItem } from "../channels/types";
import type { MessageEvent } from "../protocol";
import { dedupKeyOf, type MessageCommand } from "./commands";
import { advanceDelivery, applyChange, applyPending, mapAccepted, type ChangeOptions, type ChangeOutcome, type WriteStep } from "./message-changes";
import { plan } from "./status-machine";

type InboundMessageItem = Extract<RoomInboundItem, { type: "message" }>;
type WatermarkItem = Extract<RoomInboundItem, { type: "watermark" }>;
type ReachabilityItem = Extract<RoomInboundItem, { type: "reachability" }>;

export interface IngestContact {
  externalId: string;
  name: string | null;
}

/** Applies `items` in order; returns how many changed something and how many were known. */
export function ingestItems(step: WriteStep, contact: IngestContact, items: RoomInboundItem[], keepUnsentText: boolean): { stored: number; duplicates: number } {
  // Where sends go: the customer's id on the channel, kept with the room's state.
  if (step.state().recipient !== contact.externalId) step.setState({ recipient: contact.externalId });
  const opts: ChangeOptions = { contact: { type: "contact", id: step.state().contactId, name: contact.name }, keepUnsentText };
  let stored = 0;
  let duplicates = 0;
  for (const item of items) {
    const outcome = ingestOne(step, item, opts);
    if (outcome === "duplicate") duplicates++;
    else stored++;
  }
  return { stored, duplicates };
}

function ingestOne(step: WriteStep, item: RoomInboundItem, opts: ChangeOptions): ChangeOutcome {
  switch (item.type) {
    case "message":
      return item.from === "contact" ? storeCustomerMessage(step, item, opts) : storeEcho(step, item, opts);
    case "watermark":
      return applyWatermark(step, item);
    case "reachability":
      return applyReachability(step, item, opts);
    default:
      return applyChange(step, item, opts);
  }
}

function storeCustomerMessage(step: WriteStep, item: InboundMessageItem, opts: ChangeOptions): ChangeOutcome {
  const actor = { type: "contact" as const, id: step.state().contactId, name: item.senderName ?? opts.contact.name ?? null };
  const cmd = messageCommand(step, item, actor);
  if (step.log.seqForKey(dedupKeyOf(cmd)!) !== null) return "duplicate";
  store(step, cmd);
  applyPending(step, item.providerMessageId, opts);
  return "stored";
}

/** A message the company sent outside Switchboard is stored as an agent's (already sent).
 * An echo of our own send is dropped: it carries our id, or its provider id is one we
 * already hold. Carrying our id, it also proves the provider took the send, which
 * settles a send whose answer was lost (it is never sent again). */
function storeEcho(step: WriteStep, item: InboundMessageItem, opts: ChangeOptions): ChangeOutcome {
  const ours = item.ourMessageId ? step.deliveries.outboundByEventId(item.ourMessageId) : null;
  if (ours) {
    if (ours.providerId === null) {
      const row = mapAccepted(step, ours, item.providerMessageId, item.providerAt);
      advanceDelivery(step, row, "sent", null);
      applyPending(step, item.providerMessageId, opts);
    }
    return "duplicate";
  }
  if (step.deliveries.seqOfProviderId(item.providerMessageId) !== null) return "duplicate";
  store(step, messageCommand(step, item, { type: "agent", id: null, name: item.senderName ?? null }));
  applyPending(step, item.providerMessageId, opts);
  return "stored";
}

/** Every message of ours the provider took at or before the watermark is delivered (or
 * read); each that moves forward gets its delivery event. */
function applyWatermark(step: WriteStep, item: WatermarkItem): ChangeOutcome {
  let moved = false;
  for (const row of step.deliveries.acceptedUpTo(item.providerAt)) moved = advanceDelivery(step, row, item.status, null) || moved;
  return moved ? "stored" : "duplicate";
}

function messageCommand(step: WriteStep, item: InboundMessageItem, actor: MessageCommand["actor"]): MessageCommand {
  return {
    type: "message",
    actor,
    kind: "text",
    body: item.body,
    providerMessageId: item.providerMessageId,
    attachments: item.attachments,
    providerAt: item.providerAt,
    replyTo: replyToOf(step, item.replyTo ?? null),
    content: item.content,
    ...(item.automatic ? { keepsStatus: true } : {}),
  };
}

/** The quoted message: its seq here when we hold it, and the provider's id either way. */
function replyToOf(step: WriteStep, providerId: string | null): MessageEvent["replyTo"] {
  if (!providerId) return undefined;
  return { seq: step.deliveries.seqOfProviderId(providerId), providerMessageId: providerId };
}

function store(step: WriteStep, cmd: MessageCommand): void {
  const key = dedupKeyOf(cmd);
  for (const [i, draft] of plan(step.state(), cmd, step.now).entries()) step.emit(draft, i === 0 ? key : null);
}

/** The customer blocked or unblocked the bot, or opted out or back in. Stored only when it
 * changes something, so a redelivery (or a second STOP) adds nothing. A `standing`
 * opt-out (carried from an earlier conversation) applies only to a room that has stored
 * nothing yet: the room decides, atomically, because D1 cannot tell a new conversation
 * from one whose events it has not projected yet — and an opt-in the customer sent in
 * this conversation must never be undone by a redelivery that carries the old opt-out. */
function applyReachability(step: WriteStep, item: ReachabilityItem, opts: ChangeOptions): ChangeOutcome {
  if (item.standing && step.state().lastSeq > 0) return "duplicate";
  const now = item.reachable ? null : item.reason;
  if ((step.state().unreachable ?? null) === now) return "duplicate";
  step.emit({ type: "reachability", reachable: item.reachable, reason: item.reason, actor: opts.contact, at: step.now });
  return "stored";
}
