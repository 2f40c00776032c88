/**
 * @module ConversationFeed: one conversation as a client sees it — the stored events in
 * seq order, plus the messages this client sent that are not stored yet. It loads the
 * history over HTTP, then keeps a LiveSocket that resumes with `?after=<last seq>`, so
 * a reconnect receives exactly what it missed. Sends carry a clientId and stay in the
 * Outbox until acknowledged; after every reconnect they are resent with the same id, in
 * the order they were written. It also keeps the ephemeral side of the room: who is
 * typing, how far each participant has read, and (a visitor's feed) their place in line. Used by the widget (visitor) and the
 * console (agent) alike.
 */
import type { Actor, Attachment, ConversationEvent, History, MessageKind, ServerFrame } from "../worker/protocol";
import { MAX_BODY_CHARS } from "../worker/protocol/limits";
import type { Outbox, OutboxMessage } from "./outbox";
import { LiveSocket, type ConnectionState } from "./socket";

/** A typing indicator that is not refreshed within this long is stale (the sender's tab
 * closed mid-word); senders repeat `typing on` more often than this while they type. */
export const TYPING_TTL_MS = 8_000;
/** After a `rate_limited` refusal, sends wait this long before they are tried again. */
export const RATE_LIMIT_RETRY_MS = 5_000;

/** A stored event this client cannot read: a type a newer server added, or a shape it
 * does not know. It keeps its place (and its seq) in the log, so a client shows a line
 * for it and carries on instead of failing the whole history. Only the console produces
 * these (it validates each event); the widget trusts its server and never does. */
export interface UnknownEvent {
  type: "unknown";
  seq: number;
  /** When it was stored, if the event said so in a readable way. */
  at: number | null;
  /** The `type` the server gave it, for the line the console shows. */
  storedType: string;
}
/** What a feed may hold: the widget's feeds hold only `ConversationEvent`s (the
 * default), the console's also unknown ones. */
export type FeedEvent = ConversationEvent | UnknownEvent;
export type FeedFrame<E extends FeedEvent = ConversationEvent> = Exclude<ServerFrame, { type: "event" }> | { type: "event"; event: E };
/** A history page as the feed takes it: the protocol's `History` with its events as `E`. */
export interface FeedHistory<E extends FeedEvent = ConversationEvent> extends Omit<History, "events"> {
  events: readonly E[];
}

export interface PendingMessage extends OutboxMessage {
  /** Set by the `ack`; the message shows as pending until its event arrives. */
  seq: number | null;
  /** The server refused it (e.g. validation); it will not be resent. */
  error: string | null;
}

export interface ReadMark {
  actor: Actor;
  seq: number;
}

/** Where a waiting visitor stands in the team's queue (1 = next), as the room last said. */
export interface QueuePlace {
  position: number;
  /** The estimated wait; null when the team has no recent pick-ups to estimate from. */
  etaSeconds: number | null;
}

export interface FeedSnapshot<E extends FeedEvent = ConversationEvent> {
  readonly events: readonly E[];
  readonly pending: readonly PendingMessage[];
  readonly connection: ConnectionState;
  readonly lastSeq: number;
  /** Other participants typing right now. */
  readonly typing: readonly Actor[];
  /** How far each other participant has read, as their latest `read` frames said. */
  readonly reads: readonly ReadMark[];
  /** The server is refusing sends as too fast; they wait and go out by themselves. */
  readonly limited: boolean;
  /** The visitor's place in line while no agent has the conversation; null otherwise,
   * and while disconnected (the room says it again after the next `hello`). */
  readonly queuePlace: QueuePlace | null;
}

export interface FeedOptions<E extends FeedEvent = ConversationEvent> {
  loadHistory: (after: number) => Promise<FeedHistory<E>>;
  /** May be asynchronous: the widget fetches a socket ticket for every attempt. */
  socketUrl: (after: number) => string | Promise<string>;
  /** Raw JSON to a frame, or null to ignore it. The console validates with zod; the
   * widget, which must stay small, trusts its own server and checks the tag only. */
  parseFrame: (raw: unknown) => FeedFrame<E> | null;
  outbox: Outbox;
  /** Every stored event that arrives live (not the history loaded by `start`). */
  onLiveEvent?: (event: E) => void;
}

const keyOf = (actor: Actor) => `${actor.type}:${actor.id}`;

export class ConversationFeed<E extends FeedEvent = ConversationEvent> {
  private events: E[] = [];
  private readonly pending = new Map<string, PendingMessage>();
  private lastSeq = 0;
  private connection: ConnectionState = "connecting";
  /** True between the socket's `hello` and its close: sends before `hello` would be
   * resent by the flush that `hello` triggers. */
  private ready = false;
  private socket: LiveSocket | null = null;
  private stopped = false;
  private readonly listeners = new Set<() => void>();
  private readonly typing = new Map<string, { actor: Actor; timer: ReturnType<typeof setTimeout> }>();
  private readonly reads = new Map<string, ReadMark>();
  private queuePlace: QueuePlace | null = null;
  private limitTimer: ReturnType<typeof setTimeout> | undefined;
  private readSent = 0;
  private readWanted = 0;
  private live = false;
  private snap: FeedSnapshot<E>;

  constructor(private readonly options: FeedOptions<E>) {
    for (const m of options.outbox.list()) this.pending.set(m.clientId, { ...m, seq: null, error: null });
    this.snap = this.buildSnapshot();
  }

  /** Loads the history (every page), then goes live. Rejects if the history cannot load. */
  async start(): Promise<void> {
    for (let more = true; more && !this.stopped; ) {
      const page = await this.options.loadHistory(this.lastSeq);
      this.accept(page.events);
      more = page.more && page.events.length > 0;
    }
    if (this.stopped) return;
    this.live = true;
    this.socket = new LiveSocket({
      url: () => this.options.socketUrl(this.lastSeq),
      onFrame: (raw) => {
        const frame = this.options.parseFrame(raw);
        if (frame) this.onFrame(frame);
      },
      onState: (state) => {
        // "online" waits for `hello`: only then has the replay begun and may sends go out.
        if (state === "online") return;
        this.ready = false;
        // A place from before the drop may be stale; a reconnect is greeted with the
        // current one (cleared here, not on `hello`, so it never blinks on a reconnect).
        this.update(() => {
          this.connection = state;
          this.queuePlace = null;
        });
      },
    });
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
    clearTimeout(this.limitTimer);
    for (const { timer } of this.typing.values()) clearTimeout(timer);
    this.listeners.clear();
  }

  /** Messages this feed has queued that the server has not acknowledged. */
  unacknowledged(): OutboxMessage[] {
    return this.options.outbox.list();
  }

  /** Takes over messages another feed of this conversation queued but never had
   * acknowledged (the widget switched feeds mid-send, e.g. on identify()). They keep their
   * clientIds, so one the server did store is acknowledged again, never stored twice. */
  adopt(messages: OutboxMessage[]): void {
    for (const m of messages) {
      if (this.pending.has(m.clientId) || this.events.some((e) => e.type === "message" && e.clientId === m.clientId)) continue;
      this.options.outbox.put(m);
      this.update(() => this.pending.set(m.clientId, { ...m, seq: null, error: null }));
      if (this.ready && !this.limitTimer) this.transmit(m);
    }
  }

  /** Queues a message; it goes out now if connected, else after the next reconnect.
   * Returns false for a message the server would refuse anyway. */
  send(text: string, kind: Exclude<MessageKind, "attachment"> = "text", attachments: Attachment[] = []): boolean {
    const body = text.trim();
    if ((body.length === 0 && attachments.length === 0) || body.length > MAX_BODY_CHARS) return false;
    const message: OutboxMessage = { clientId: crypto.randomUUID(), body, kind, createdAt: Date.now() };
    if (attachments.length > 0) message.attachments = attachments;
    this.options.outbox.put(message);
    this.update(() => this.pending.set(message.clientId, { ...message, seq: null, error: null }));
    if (this.ready && !this.limitTimer) this.transmit(message);
    return true;
  }

  /** Tells the others whether this client is typing (dropped while disconnected: a
   * stale indicator is worse than none). */
  setTyping(on: boolean): void {
    if (this.ready) this.socket?.send({ type: "typing", on });
  }

  /** Marks everything up to `seq` read; sent once connected, never twice for one seq. */
  markRead(seq: number): void {
    this.readWanted = Math.max(this.readWanted, seq);
    this.flushRead();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The same object until something changes, so it can be compared by identity. */
  snapshot(): FeedSnapshot<E> {
    return this.snap;
  }

  private onFrame(frame: FeedFrame<E>): void {
    switch (frame.type) {
      case "hello":
        this.ready = true;
        this.socket?.markHealthy();
        this.update(() => (this.connection = "online"));
        if (!this.limitTimer) this.flushPending();
        this.readSent = 0; // a new socket: the room may have been evicted since
        this.flushRead();
        return;
      case "event":
        this.accept([frame.event]);
        return;
      case "ack":
        this.options.outbox.delete(frame.clientId);
        this.update(() => {
          const m = this.pending.get(frame.clientId);
          if (!m) return;
          if (this.events.some((e) => e.seq === frame.seq)) this.pending.delete(frame.clientId);
          else this.pending.set(frame.clientId, { ...m, seq: frame.seq });
        });
        return;
      case "typing":
        this.setTypingOf(frame.actor, frame.on);
        return;
      case "read": {
        const key = keyOf(frame.actor);
        if ((this.reads.get(key)?.seq ?? -1) >= frame.seq) return;
        this.update(() => this.reads.set(key, { actor: frame.actor, seq: frame.seq }));
        return;
      }
      case "queuePosition":
        if (frame.position === this.queuePlace?.position && frame.etaSeconds === this.queuePlace.etaSeconds) return;
        this.update(() => (this.queuePlace = frame.position === null ? null : { position: frame.position, etaSeconds: frame.etaSeconds }));
        return;
      case "erased":
        // The conversation's text was erased (LGPD): forget what is shown; the room closes
        // this socket, and the next one replays every (erased) event from seq 0.
        this.update(() => {
          this.events = [];
          this.lastSeq = 0;
        });
        return;
      case "error":
        this.onError(frame);
        return;
    }
  }

  private onError(frame: Extract<ServerFrame, { type: "error" }>): void {
    const clientId = frame.clientId;
    if (clientId === undefined) return;
    if (frame.code === "rate_limited") {
      // Not the message's fault: it stays in the outbox and goes out again, in order,
      // once the limit has had time to refill. Later sends wait behind it.
      if (!this.limitTimer) {
        this.limitTimer = setTimeout(() => {
          this.limitTimer = undefined;
          this.update(() => {});
          if (this.ready) this.flushPending();
        }, RATE_LIMIT_RETRY_MS);
        this.update(() => {});
      }
      return;
    }
    this.options.outbox.delete(clientId);
    this.update(() => {
      const m = this.pending.get(clientId);
      if (m) this.pending.set(clientId, { ...m, error: frame.message });
    });
  }

  /** Appends events in seq order. Gaps are normal (a visitor never receives notes), so
   * only repeats are dropped: a replay can overlap what the history page returned. */
  private accept(events: readonly E[]): void {
    const fresh = events.filter((e) => e.seq > this.lastSeq);
    if (fresh.length === 0) return;
    this.update(() => {
      this.events = [...this.events, ...fresh];
      this.lastSeq = fresh[fresh.length - 1]!.seq;
      for (const stored of fresh) {
        const event: FeedEvent = stored;
        if (event.type !== "message") continue;
        if (event.clientId !== null && this.pending.delete(event.clientId)) {
          // Stored means durable: even without its ack it must not be resent.
          this.options.outbox.delete(event.clientId);
        }
        // Whoever just sent a message has stopped typing it.
        const typing = this.typing.get(keyOf(event.actor));
        if (typing) {
          clearTimeout(typing.timer);
          this.typing.delete(keyOf(event.actor));
        }
      }
    });
    if (this.live) for (const event of fresh) this.options.onLiveEvent?.(event);
  }

  private setTypingOf(actor: Actor, on: boolean): void {
    const key = keyOf(actor);
    clearTimeout(this.typing.get(key)?.timer);
    this.update(() => {
      if (on) this.typing.set(key, { actor, timer: setTimeout(() => this.setTypingOf(actor, false), TYPING_TTL_MS) });
      else this.typing.delete(key);
    });
  }

  /** Resends everything unacknowledged, oldest first: the server answers a known clientId
   * with its original seq, so nothing is stored twice. */
  private flushPending(): void {
    const waiting = [...this.pending.values()].filter((m) => m.seq === null && m.error === null).sort((a, b) => a.createdAt - b.createdAt);
    for (const m of waiting) this.transmit(m);
  }

  private flushRead(): void {
    if (!this.ready || this.readWanted <= this.readSent) return;
    if (this.socket?.send({ type: "read", seq: this.readWanted })) this.readSent = this.readWanted;
  }

  private transmit(m: OutboxMessage): void {
    const ids = m.attachments?.map((a) => a.id);
    this.socket?.send({ type: "send", clientId: m.clientId, body: m.body, kind: m.kind, ...(ids?.length ? { attachmentIds: ids } : {}) });
  }

  private update(change: () => void): void {
    change();
    this.snap = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }

  private buildSnapshot(): FeedSnapshot<E> {
    return {
      events: this.events,
      pending: [...this.pending.values()],
      connection: this.connection,
      lastSeq: this.lastSeq,
      typing: [...this.typing.values()].map((t) => t.actor),
      reads: [...this.reads.values()],
      limited: this.limitTimer !== undefined,
      queuePlace: this.queuePlace,
    };
  }
}
