/**
 * @module The room's write step (./room.ts owns the object; this is how it changes): a
 * command is deduplicated by its idempotency key and checked (the contact's send rate,
 * their uploads, the quoted message), planned by the status machine, and written in one
 * synchronous transaction — events appended with the next seqs, folded into the state,
 * the state saved with the outbox's mark — and only then broadcast. Everything that
 * writes the log (commands, channel ingests, the delivery queue, the menu bot) comes
 * through `write`, so there is one place where seqs are handed out.
 */
import type { ConversationEvent } from "../protocol";
import type { Env } from "../env";
import { dedupKeyOf, summaryOf, type CommandOutcome, type RoomCommand, type RoomState } from "./commands";
import { SendLimiter } from "./send-limiter";
import type { EventLog } from "./event-log";
import type { ProjectionOutbox } from "./outbox";
import { plan, reduce } from "./status-machine";
import type { DeliveryLog } from "./delivery-log";
import { fileKey } from "../channels/webchat/files";
import { trackMessage, type WriteStep } from "./message-changes";
import { broadcastEvent, participantKey } from "./sockets";
import type { MenuSeat } from "../bots/menu/seat";
import type { QueuePosition } from "./queue-position";

/** What the write step uses of its room. */
export interface RoomParts {
  ctx: DurableObjectState;
  env: Env;
  log: EventLog;
  deliveryLog: DeliveryLog;
  outbox: ProjectionOutbox;
  menu: MenuSeat;
  place: QueuePosition;
  /** The room's state (it must have been initialised). */
  state(): RoomState;
  /** The state after a write, once it is stored. */
  commit(state: RoomState): void;
}

export class RoomWriter {
  /** The contacts' send rate: only commands pass it, so it lives with them. */
  private readonly limiter = new SendLimiter();

  constructor(private readonly room: RoomParts) {}

  /** A command's write: dedup, check, plan, then one synchronous write. */
  apply(cmd: RoomCommand): CommandOutcome {
    const state = this.room.state();
    const dedupKey = cmd.type === "message" ? dedupKeyOf(cmd) : cmd.type === "automation" ? `a:${cmd.key}` : null;
    if (dedupKey) {
      const known = this.room.log.seqForKey(dedupKey);
      if (known !== null) return { seq: known, duplicate: true, state: summaryOf(state) };
    }
    if (cmd.type === "message") {
      const sender = participantKey(cmd.actor);
      if (cmd.actor.type === "contact" && !this.limiter.take(sender)) {
        return { refused: { code: "rate_limited", message: "You are sending messages too quickly; wait a few seconds." } };
      }
      if (cmd.attachmentIds?.length) {
        const found = this.room.log.uploadsOf(sender, cmd.attachmentIds);
        if (!found) return { refused: { code: "attachment_not_found", message: "Attach files you uploaded to this conversation." } };
        cmd = { ...cmd, attachments: [...(cmd.attachments ?? []), ...found] };
      }
      if (cmd.replyToSeq !== undefined) {
        const quoted = this.room.log.event(cmd.replyToSeq);
        if (quoted?.type !== "message") return { refused: { code: "message_not_found", message: "Quote a message of this conversation (replyToSeq)." } };
        cmd = { ...cmd, replyTo: { seq: quoted.seq, providerMessageId: this.room.deliveryLog.outboundBySeq(quoted.seq)?.providerId ?? quoted.providerMessageId } };
      }
    }
    const drafts = plan(state, cmd, Date.now());
    if (drafts.length === 0) return { seq: state.lastSeq, duplicate: true, state: summaryOf(state) };
    const { stored } = this.write((step) => {
      for (const [i, draft] of drafts.entries()) step.emit(draft, i === 0 ? dedupKey : null);
    });
    return { seq: stored[0]!.seq, duplicate: false, state: summaryOf(this.room.state()) };
  }

  /** The single synchronous write step: `body` appends events (each gets the next seq and
   * is folded into the state; a message to deliver joins the delivery queue), then the
   * state is saved, all in one transaction; then the events are broadcast. */
  write<T>(body: (step: WriteStep) => T): { result: T; stored: ConversationEvent[] } {
    let state = this.room.state();
    let dirty = false;
    const stored: ConversationEvent[] = [];
    const forgotten: string[] = [];
    const step: WriteStep = {
      now: Date.now(),
      log: this.room.log,
      deliveries: this.room.deliveryLog,
      state: () => state,
      setState: (patch) => {
        state = { ...state, ...patch };
        dirty = true;
      },
      emit: (draft, dedupKey = null) => {
        const event = this.room.log.append(draft, state.id, state.lastSeq + 1, dedupKey);
        state = reduce(state, event);
        stored.push(event);
        if (event.type === "message") trackMessage(step, event);
        return event;
      },
      forgetFiles: (ids) => forgotten.push(...ids),
    };
    const result = this.room.ctx.storage.transactionSync(() => {
      const r = body(step);
      this.room.menu.follow(step, stored);
      if (stored.length > 0 || dirty) this.room.log.saveState(state, this.room.outbox.through());
      return r;
    });
    this.room.commit(state);
    this.room.outbox.stored(stored);
    for (const event of stored) broadcastEvent(this.room.ctx, event);
    this.room.place.settle(state);
    // After the write is stored (so a failed write never loses a file it still names).
    if (forgotten.length > 0) {
      this.room.env.FILES.delete(forgotten.map(fileKey)).catch((err) => console.warn(JSON.stringify({ msg: "erasing unsent files failed", conversationId: state.id, error: String(err) })));
    }
    return { result, stored };
  }
}
