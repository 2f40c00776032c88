/**
 * @module ConversationRoom: the Durable Object that owns one conversation — its ordered
 * log, its sockets, its status — and is the only writer of all three.
 *
 * A command (RPC from a route, or a `send` frame from a socket) is handled in one
 * synchronous step (./room-write.ts): dedup by idempotency key, plan the events with the
 * status machine, append them with the next seqs, save the folded state, broadcast.
 * Storage writes in a Durable Object hold back every outgoing message until they are
 * durable (https://developers.cloudflare.com/durable-objects/api/state/#output-gates), so the RPC
 * reply and the `ack` frame can only leave after the event is on disk. Everything after
 * that (D1, the live list) leaves through the outbox to the event pipeline (../pipeline);
 * an agent's reply on a provider channel also leaves through the delivery queue
 * (./delivery-queue.ts), and a channel webhook's items come in through `ingest`.
 */
import { DurableObject } from "cloudflare:workers";
import { HEARTBEAT_PING, HEARTBEAT_PONG, MAX_PAGE_SIZE } from "../protocol";
import type { Attachment, History } from "../protocol";
import type { Env } from "../env";
import type { RoomInboundItem } from "../channels/types";
import { sendingAdapterFor } from "../channels/registry";
import { summaryOf, type Audience, type CommandOutcome, type IngestResult, type MessageCommand, type RoomCommand, type RoomSeed, type RoomState, type RoomSummary } from "./commands";
import { REPLACED_CLOSE_CODE, TypingThrottle, conversationFull, openSockets, socketsToReplace } from "./socket-limits";
import { EventLog } from "./event-log";
import { RoomWriter } from "./room-write";
import { ProjectionOutbox } from "./outbox";
import { DeliveryLog } from "./delivery-log";
import { DeliveryQueue } from "./delivery-queue";
import { ChannelConfigCache } from "./channel-config-cache";
import { RoomAlarm } from "./room-alarm";
import { windowRefusal } from "./service-window";
import { consentRefusal } from "./consent-gate";
import { withEmailEnvelope } from "./email-envelope";
import { ingestItems, type IngestContact } from "./ingest";
import { actorOf, attach, joinedAt, participantKey, participantOf, sendFrame, sendToOthers, tagsFor, type NamedParticipant } from "./sockets";
import { readFrame, replay } from "./socket-frames";
import { MenuSeat } from "../bots/menu/seat";
import { closeQuietly, closeSocket } from "../durable/hibernatable-sockets";
import { QueuePosition } from "./queue-position";
import { eraseRoom, type ErasureScope, type RoomErasure } from "./erasure";
import { awaitsRouting, firstMessageOf, routingSteps, type FirstText } from "../routing/first-message";

/** Header names the Worker uses to hand a socket's identity to the room. The room is
 * reachable only through this Worker's binding, so these cannot come from a client. */
export const PARTICIPANT_HEADER = "X-Switchboard-Participant";
export const SEED_HEADER = "X-Switchboard-Seed";

/** How soon the alarm retries a handoff that never ran (the object was evicted or
 * crashed between storing and handing over); a failed handoff retries sooner. */
const SAFETY_ALARM_MS = 60_000;

export class ConversationRoom extends DurableObject<Env> {
  private readonly log: EventLog;
  private readonly deliveryLog: DeliveryLog;
  private readonly outbox: ProjectionOutbox;
  private readonly channelConfig: ChannelConfigCache;
  private readonly deliveries: DeliveryQueue;
  private readonly typingThrottle = new TypingThrottle();
  private state: RoomState | null;
  private readonly alarms: RoomAlarm;
  private readonly place: QueuePosition;
  private readonly menu: MenuSeat;
  private readonly writer: RoomWriter;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new EventLog(ctx.storage.sql);
    this.deliveryLog = new DeliveryLog(ctx.storage.sql);
    this.alarms = new RoomAlarm(ctx.storage);
    this.place = new QueuePosition(ctx.storage.sql, () => ctx.getWebSockets("contact"));
    this.state = this.log.loadState();
    this.outbox = new ProjectionOutbox(this.log, env, () => this.requireState());
    this.channelConfig = new ChannelConfigCache(env, () => this.requireState().inboxId);
    this.menu = new MenuSeat(async () => { const c = await this.channelConfig.get(); return { menu: c.menuBot ?? null, agent: c.agentBot ?? null }; }, () => this.requireState(), (patch) => void this.writer.write((step) => step.setState(patch)));
    this.writer = new RoomWriter({
      ctx,
      env,
      log: this.log,
      deliveryLog: this.deliveryLog,
      outbox: this.outbox,
      menu: this.menu,
      place: this.place,
      state: () => this.requireState(),
      commit: (state) => {
        this.state = state;
      },
    });
    this.deliveries = new DeliveryQueue({
      env,
      log: this.log,
      deliveries: this.deliveryLog,
      config: this.channelConfig,
      state: () => this.requireState(),
      write: (body) => {
        if (this.writer.write(body).stored.length > 0) void this.afterWrite(false);
      },
    });
    // Answered by the runtime without waking the object, so idle sockets cost nothing
    // (https://developers.cloudflare.com/durable-objects/api/state/#setwebsocketautoresponse).
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_PING, HEARTBEAT_PONG));
  }

  // --- RPC ---------------------------------------------------------------------------

  /** Stores what `cmd` asks for and returns the seq it is acknowledged with, or why not. */
  async command(seed: RoomSeed, cmd: RoomCommand): Promise<CommandOutcome> {
    this.init(seed);
    const away = cmd.type === "message" && cmd.actor.type === "contact" ? await this.routeFirst({ text: cmd.body, recipientAddresses: [], senderAddress: null, portalCategory: cmd.portalCategory ?? null }) : null;
    const closed = (await windowRefusal(this.requireState(), cmd, this.log, this.channelConfig)) ?? consentRefusal(this.requireState(), cmd, this.log);
    if (closed) return { refused: closed };
    cmd = await withEmailEnvelope(this.requireState(), cmd, this.log, this.deliveryLog, this.channelConfig);
    const result = this.writer.apply(cmd);
    if ("refused" in result) return result;
    if (!result.duplicate) await this.afterWrite(true);
    await this.sendAway(away);
    return result;
  }

  /** Stores a channel webhook's items for this conversation, in the given (provider's)
   * order, in one synchronous write; the caller answers the provider only after this
   * returns, so everything acknowledged is stored. */
  async ingest(seed: RoomSeed, contact: IngestContact, items: RoomInboundItem[]): Promise<IngestResult> {
    this.init(seed);
    // The inbox's choice matters only for an unsend: one in this delivery, or one that
    // came before its message and is applied when the message comes in this one.
    // Unreadable (D1 down, with no copy in memory): erase, the side of the customer's request.
    const arriving = items.flatMap((i) => (i.type === "message" ? [i.providerMessageId] : []));
    const unsends = items.some((i) => i.type === "unsend") || this.deliveryLog.unsendWaitsFor(arriving);
    const keepUnsentText = unsends ? await this.channelConfig.keepsUnsentText() : false;
    const first = items.find((i) => i.type === "message" && i.from === "contact");
    const away = first?.type === "message" ? await this.routeFirst(firstMessageOf(first)) : null;
    const { result, stored } = this.writer.write((step) => ingestItems(step, contact, items, keepUnsentText));
    // Kicked when the write queued a reply (the menu bot's answer).
    if (stored.length > 0) await this.afterWrite(stored.some((e) => e.type === "message" && e.delivery === "pending"));
    await this.sendAway(away);
    return { ...result, lastSeq: this.requireState().lastSeq };
  }

  /** Which of `providerIds` this conversation already holds (a message stored under
   * that id, or one of ours the provider knows by it). The webhook asks before copying a
   * message's files: a redelivery of a stored message is dropped as a duplicate, and a
   * fresh copy of its files would be left in R2 unreferenced, once per redelivery. */
  async heldProviderIds(seed: RoomSeed, providerIds: string[]): Promise<string[]> {
    this.init(seed);
    return providerIds.filter((id) => this.deliveryLog.seqOfProviderId(id) !== null);
  }

  /** Records a file the Worker stored in R2 for this conversation, so a later send by the
   * same participant can attach it by id. */
  async registerUpload(seed: RoomSeed, owner: { type: "contact" | "agent" | "bot"; id: string }, attachment: Attachment): Promise<void> {
    this.init(seed);
    this.log.registerUpload(participantKey(owner), attachment);
  }

  /** Whether the conversation's contact may fetch file `fileId` (never a note's). */
  async contactMaySee(seed: RoomSeed, contactId: string, fileId: string): Promise<boolean> {
    this.init(seed);
    return this.log.contactMaySee(participantKey({ type: "contact", id: contactId }), fileId);
  }

  /** Events after `after` for an agent or for the contact (who never sees notes). */
  async history(seed: RoomSeed, after: number, limit: number, audience: Audience): Promise<History> {
    this.init(seed);
    const page = Math.min(limit, MAX_PAGE_SIZE);
    const events = this.log.after(after, page + 1, audience);
    return { events: events.slice(0, page), lastSeq: this.requireState().lastSeq, more: events.length > page };
  }

  /** Erases the conversation's personal data of `scope` (issue 16; ./erasure.ts). */
  async erase(seed: RoomSeed, scope: ErasureScope, resolvedBefore?: number): Promise<RoomErasure | null> {
    this.init(seed);
    return eraseRoom({ ctx: this.ctx, env: this.env, log: this.log, state: this.requireState(), saveState: (s) => (this.state = s), projected: () => this.outbox.idle() }, scope, resolvedBefore);
  }

  /** The team's queue tells a waiting web chat visitor their place (1 = next) and the
   * estimated wait, in whole seconds; null: unknown. See ./queue-position.ts. */
  async announceQueuePosition(position: number | null, etaSeconds: number | null): Promise<void> {
    this.place.announce(this.state, position, etaSeconds);
  }

  async snapshot(seed: RoomSeed): Promise<RoomSummary> {
    this.init(seed);
    return summaryOf(this.requireState());
  }

  // --- sockets -----------------------------------------------------------------------

  /** Socket upgrade. The backlog after `after` is read and sent in the same synchronous
   * step that registers the socket, so no event can fall between replay and live. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("expected a websocket", { status: 426 });
    const participant = JSON.parse(request.headers.get(PARTICIPANT_HEADER) ?? "null") as NamedParticipant | null;
    const seed = JSON.parse(request.headers.get(SEED_HEADER) ?? "null") as RoomSeed | null;
    if (!participant || !seed) return new Response("missing identity", { status: 400 });
    this.init(seed);
    // Socket caps (socket-limits.ts): the participant's oldest sockets make room for this
    // one; a full conversation refuses it before the upgrade, with an HTTP error body.
    const replaced = socketsToReplace(openSockets(this.ctx.getWebSockets(participantKey(participant))), joinedAt);
    const full = conversationFull(openSockets(this.ctx.getWebSockets()).length - replaced.length);
    if (full) return Response.json({ error: { code: "rate_limited", message: full } }, { status: 429 });
    for (const old of replaced) closeSocket(old, REPLACED_CLOSE_CODE, "replaced by a newer connection");
    const after = Math.max(0, Number(new URL(request.url).searchParams.get("after") ?? 0) || 0);

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, tagsFor(participant));
    attach(server, participant);
    this.log.rememberName(participantKey(participant), participant.name);
    sendFrame(server, { type: "hello", conversationId: this.requireState().id, lastSeq: this.requireState().lastSeq });
    replay(server, this.log, participant, after);
    this.place.greet(server, participant.type);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const participant = participantOf(ws);
    if (!participant || !this.state) return closeSocket(ws, 1011, "unknown participant");
    const frame = readFrame(ws, message);
    if (!frame) return;
    const actor = actorOf(participant, this.log.nameOf(participantKey(participant)));
    switch (frame.type) {
      case "send": {
        if (participant.readOnly) {
          return sendFrame(ws, { type: "error", code: "identity_required", message: "This chat needs a verified identity before you can write.", clientId: frame.clientId });
        }
        // A contact's socket can only send text: notes are for agents.
        const kind = participant.type === "agent" ? (frame.kind ?? "text") : "text";
        const away = participant.type === "contact" ? await this.routeFirst({ text: frame.body, recipientAddresses: [], senderAddress: null }) : null;
        const cmd: RoomCommand = { type: "message", actor, kind, body: frame.body, clientId: frame.clientId, attachmentIds: frame.attachmentIds, ...(frame.cc ? { cc: frame.cc } : {}) };
        const refused = await windowRefusal(this.state, cmd, this.log, this.channelConfig);
        const result = refused ? { refused } : this.writer.apply(await withEmailEnvelope(this.requireState(), cmd, this.log, this.deliveryLog, this.channelConfig));
        if ("refused" in result) return sendFrame(ws, { type: "error", ...result.refused, clientId: frame.clientId });
        sendFrame(ws, { type: "ack", clientId: frame.clientId, seq: result.seq });
        if (!result.duplicate) await this.afterWrite(true);
        await this.sendAway(away);
        return;
      }
      case "typing":
        // A flood is dropped here, before the fan-out: never queued behind real sends.
        if (!this.typingThrottle.take(ws)) return;
        return sendToOthers(this.ctx, { type: "typing", actor, on: frame.on }, ws);
      case "read": {
        // Coalesced: a mark that does not move forward is neither written nor sent on.
        const seq = this.log.markRead(participantKey(participant), Math.min(frame.seq, this.state.lastSeq), Date.now());
        if (seq === null) return;
        return sendToOthers(this.ctx, { type: "read", actor, seq }, ws);
      }
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    closeSocket(ws, 1011, "socket error");
  }

  // --- alarm: pipeline handoff retries and snooze wake-ups ----------------------------

  override async alarm(): Promise<void> {
    this.alarms.fired();
    if (!this.state) return;
    await this.menu.prepare();
    this.writer.write((step) => this.menu.timeout(step));
    const state = this.requireState();
    if (state.status === "snoozed" && state.snoozedUntil !== null && state.snoozedUntil <= Date.now()) {
      this.writer.apply({ type: "status", actor: { type: "system", id: null, name: null }, to: "open" });
    }
    // The two queues side by side: neither waits for the other.
    const [projection, delivery] = await Promise.allSettled([this.outbox.drain().then(() => this.outbox.settle()), this.deliveries.drain()]);
    if (projection.status === "rejected") console.warn(JSON.stringify({ msg: "pipeline handoff retry failed", conversationId: state.id, error: String(projection.reason) }));
    if (delivery.status === "rejected") console.warn(JSON.stringify({ msg: "delivery drain failed", conversationId: state.id, error: String(delivery.reason) }));
    await this.scheduleAlarm();
  }

  // --- internals ---------------------------------------------------------------------

  private init(seed: RoomSeed): void {
    if (this.state) return;
    this.state = { ...seed, lastSeq: 0, lastMessagePreview: null, firstResponseAt: null, resolvedAt: null, snoozedUntil: null, callbackAt: null };
    this.log.saveState(this.state);
  }

  private requireState(): RoomState {
    if (!this.state) throw new Error("room used before init");
    return this.state;
  }

  /** Routing before the conversation's first customer message (../routing/first-message.ts):
   * a move to another team is stored now, before the message; the away message to store
   * after it is returned. Checked again after the D1 read: a concurrent first message may
   * have been stored (and routed) meanwhile. */
  private async routeFirst(first: FirstText): Promise<MessageCommand | null> {
    // Every customer message comes this way first: the menu bot is read here too.
    await this.menu.prepare();
    const steps = await routingSteps(this.env, this.requireState(), first);
    if (!awaitsRouting(this.requireState())) return null;
    if (steps.move && !("refused" in this.writer.apply(steps.move))) await this.afterWrite(false);
    return steps.away;
  }

  /** The away message routing asked for, after the customer's message (at most once: its
   * client id dedups it). E-mail gets a reply envelope like an agent's reply. */
  private async sendAway(away: MessageCommand | null): Promise<void> {
    if (!away) return;
    const result = this.writer.apply(await withEmailEnvelope(this.requireState(), away, this.log, this.deliveryLog, this.channelConfig));
    if (!("refused" in result) && !result.duplicate) await this.afterWrite(true);
  }

  /** After a write: make sure an alarm is armed (so a crash before the handoff is
   * covered), then hand the events to the pipeline right away, and (`kick`) start the
   * delivery queue on what the write queued. A failed handoff is not the caller's
   * failure: the event is stored and acknowledged, and the alarm retries with backoff.
   * The alarm is written only when none is armed: a busy room pays one alarm write per
   * SAFETY_ALARM_MS, and a successful handoff writes nothing (clearing the alarm after
   * every handoff cost two alarm writes per message). An alarm that finds nothing to do
   * simply ends. */
  private async afterWrite(kick: boolean): Promise<void> {
    const state = this.requireState();
    await this.alarms.armBy(Math.min(Date.now() + SAFETY_ALARM_MS, state.status === "snoozed" && state.snoozedUntil !== null ? state.snoozedUntil : Infinity));
    this.outbox.drain().catch(() => this.scheduleAlarm());
    // Web chat never queues a delivery: skip even the queue's read.
    if (kick && sendingAdapterFor(state.channel)) {
      this.deliveries.drain().then(
        () => this.alarms.armBy(this.deliveries.nextAt()),
        (err) => console.warn(JSON.stringify({ msg: "delivery drain failed", conversationId: state.id, error: String(err) })),
      );
    }
  }

  private async scheduleAlarm(): Promise<void> {
    const snoozed = this.state?.status === "snoozed" ? this.state.snoozedUntil : null;
    await this.alarms.setToEarliest([this.outbox.retryAt(Date.now()), this.deliveries.nextAt(), snoozed, this.menu.deadline(this.state)]);
  }
}

