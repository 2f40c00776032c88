/**
 * @module ConversationFeed: one conversation as a client sees it — the stored events in
 * seq order, plus the messages this client sent that are not stored yet. It loads the
 * history over HTTP, then keeps a LiveSocket that resumes with `?after=<last seq>`, so
 * a reconnect receives exactly what it missed. Sends carry a clientId and stay in the
 * Outbox until acknowledged; after every reconnect they are resent with the same id.
 * Used by the widget (visitor) and the console (agent) alike.
 */
import type { ConversationEvent, History, MessageKind, ServerFrame } from "../../worker/protocol";
import { MAX_BODY_CHARS } from "../../worker/protocol/limits";
import type { Outbox, OutboxMessage } from "./outbox";
import { LiveSocket, type ConnectionState } from "./socket";

export interface PendingMessage extends OutboxMessage {
  /** Set by the `ack`; the message shows as pending until its event arrives. */
  seq: number | null;
  /** The server refused it (e.g. validation); it will not be resent. */
  error: string | null;
}

export interface FeedSnapshot {
  readonly events: readonly ConversationEvent[];
  readonly pending: readonly PendingMessage[];
  readonly connection: ConnectionState;
  readonly lastSeq: number;
}

export interface FeedOptions {
  loadHistory: (after: number) => Promise<History>;
  socketUrl: (after: number) => string;
  /** Raw JSON to a frame, or null to ignore it. The console validates with zod; the
   * widget, which must stay small, trusts its own server and checks the tag only. */
  parseFrame: (raw: unknown) => ServerFrame | null;
  outbox: Outbox;
}

export class ConversationFeed {
  private events: ConversationEvent[] = [];
  private readonly pending = new Map<string, PendingMessage>();
  private lastSeq = 0;
  private connection: ConnectionState = "connecting";
  /** True between the socket's `hello` and its close: sends before `hello` would be
   * resent by the flush that `hello` triggers. */
  private ready = false;
  private socket: LiveSocket | null = null;
  private stopped = false;
  private readonly listeners = new Set<() => void>();
  private snap: FeedSnapshot;

  constructor(private readonly options: FeedOptions) {
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
        this.update(() => (this.connection = state));
      },
    });
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
    this.listeners.clear();
  }

  /** Queues a message; it goes out now if connected, else after the next reconnect.
   * Returns false for a body the server would refuse anyway. */
  send(text: string, kind: Exclude<MessageKind, "attachment"> = "text"): boolean {
    const body = text.trim();
    if (body.length === 0 || body.length > MAX_BODY_CHARS) return false;
    const message: OutboxMessage = { clientId: crypto.randomUUID(), body, kind, createdAt: Date.now() };
    this.options.outbox.put(message);
    this.update(() => this.pending.set(message.clientId, { ...message, seq: null, error: null }));
    if (this.ready) this.transmit(message);
    return true;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The same object until something changes, so it can be compared by identity. */
  snapshot(): FeedSnapshot {
    return this.snap;
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case "hello":
        this.ready = true;
        this.socket?.markHealthy();
        this.update(() => (this.connection = "online"));
        for (const m of this.pending.values()) if (m.seq === null && m.error === null) this.transmit(m);
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
      case "error": {
        const clientId = frame.clientId;
        if (clientId === undefined) return;
        this.options.outbox.delete(clientId);
        this.update(() => {
          const m = this.pending.get(clientId);
          if (m) this.pending.set(clientId, { ...m, error: frame.message });
        });
        return;
      }
      default:
        // typing and read marks: not shown yet.
        return;
    }
  }

  /** Appends events in seq order. Gaps are normal (a visitor never receives notes), so
   * only repeats are dropped: a replay can overlap what the history page returned. */
  private accept(events: readonly ConversationEvent[]): void {
    const fresh = events.filter((e) => e.seq > this.lastSeq);
    if (fresh.length === 0) return;
    this.update(() => {
      this.events = [...this.events, ...fresh];
      this.lastSeq = fresh[fresh.length - 1]!.seq;
      for (const event of fresh) {
        if (event.type === "message" && event.clientId !== null && this.pending.delete(event.clientId)) {
          // Stored means durable: even without its ack it must not be resent.
          this.options.outbox.delete(event.clientId);
        }
      }
    });
  }

  private transmit(m: OutboxMessage): void {
    this.socket?.send({ type: "send", clientId: m.clientId, body: m.body, kind: m.kind });
  }

  private update(change: () => void): void {
    change();
    this.snap = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }

  private buildSnapshot(): FeedSnapshot {
    return { events: this.events, pending: [...this.pending.values()], connection: this.connection, lastSeq: this.lastSeq };
  }
}
