/**
 * @module LiveSocket: a WebSocket that stays connected. It reconnects with jittered
 * exponential backoff, sends the heartbeat the server answers at the edge, and asks the
 * caller for a fresh URL on every attempt so a conversation socket can resume with
 * `?after=<last seq seen>`. Framework-free and zod-free: the widget and the console
 * both use it.
 */
// From limits.ts, not the protocol index: the index pulls in zod, which the widget's
// size budget cannot afford.
import { HEARTBEAT_PING as PING, HEARTBEAT_PONG as PONG, SOCKET_REPLACED_CLOSE_CODE } from "../worker/protocol/limits";

/** The server answers `ping` without waking the Durable Object, so a heartbeat is cheap;
 * 25 s stays under the ~30–60 s idle timeouts of common proxies and load balancers. */
const HEARTBEAT_MS = 25_000;
/** A socket that has heard nothing (not even a pong) for this long is presumed dead:
 * mobile networks and sleeping laptops drop TCP without a close frame. */
const SILENCE_LIMIT_MS = HEARTBEAT_MS * 2 + 5_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;

export type ConnectionState = "connecting" | "online" | "offline";

export interface LiveSocketOptions {
  /** Called before every attempt: the URL may change (e.g. a newer `after`), and may have
   * to be fetched first (the widget's single-use socket ticket). A rejection counts as a
   * failed attempt. */
  url: () => string | Promise<string>;
  /** Every JSON frame the server sends; heartbeats are filtered out. */
  onFrame: (frame: unknown) => void;
  onState?: (state: ConnectionState) => void;
}

/** "Full jitter" (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 * a uniform delay up to the exponential ceiling, so a server restart does not get every
 * client back in the same instant. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

export class LiveSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastHeardAt = 0;
  private stopped = false;
  /** Waiting for an asynchronous URL: no second attempt may start meanwhile. */
  private resolving = false;
  private readonly onOnline = () => this.reconnectNow();
  /** Replaced by a newer socket of the same person (another tab): wait until this tab is
   * looked at again, or the tabs would take the room's socket from each other forever. */
  private replaced = false;
  private readonly onVisible = () => {
    if (!this.replaced || document.visibilityState !== "visible") return;
    this.replaced = false;
    this.reconnectNow();
  };
  /** The browser knows the network is gone: drop the socket now instead of waiting up to
   * a minute for the heartbeat to notice, so sends queue visibly in the outbox. */
  private readonly onOffline = () => {
    const ws = this.ws;
    if (!ws) return;
    this.drop(ws);
    ws.close(4001, "browser offline");
  };

  constructor(private readonly options: LiveSocketOptions) {
    addEventListener("online", this.onOnline);
    addEventListener("offline", this.onOffline);
    document.addEventListener("visibilitychange", this.onVisible);
    this.connect();
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a JSON frame if connected; returns false otherwise (callers keep an outbox). */
  send(frame: object): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(JSON.stringify(frame));
    return true;
  }

  /** The server confirmed the session (e.g. a `hello` frame): later drops start the
   * backoff from the bottom again. */
  markHealthy(): void {
    this.attempt = 0;
  }

  close(): void {
    this.stopped = true;
    removeEventListener("online", this.onOnline);
    removeEventListener("offline", this.onOffline);
    document.removeEventListener("visibilitychange", this.onVisible);
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    this.ws?.close(1000, "closed by client");
    this.ws = null;
  }

  private connect(): void {
    if (this.stopped || this.resolving) return;
    this.options.onState?.("connecting");
    let url: string | Promise<string>;
    try {
      url = this.options.url();
    } catch {
      return this.failAttempt();
    }
    if (typeof url === "string") return this.open(url);
    this.resolving = true;
    url.then(
      (resolved) => {
        this.resolving = false;
        if (!this.stopped && !this.ws) this.open(resolved);
      },
      () => {
        this.resolving = false;
        this.failAttempt();
      },
    );
  }

  /** An attempt that never reached the socket (its URL could not be made). */
  private failAttempt(): void {
    if (this.stopped) return;
    this.options.onState?.("offline");
    this.scheduleRetry();
  }

  private open(url: string): void {
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.lastHeardAt = Date.now();
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = setInterval(() => this.beat(ws), HEARTBEAT_MS);
      this.options.onState?.("online");
    };
    ws.onmessage = (msg) => {
      this.lastHeardAt = Date.now();
      if (typeof msg.data !== "string" || msg.data === PONG) return;
      let frame: unknown;
      try {
        frame = JSON.parse(msg.data);
      } catch {
        return; // Not ours to interpret; the protocol only sends JSON besides `pong`.
      }
      this.options.onFrame(frame);
    };
    // `error` is always followed by `close`, so only `close` schedules the retry.
    ws.onclose = (event) => {
      if (event.code === SOCKET_REPLACED_CLOSE_CODE && this.ws === ws) {
        this.replaced = true;
        if (document.visibilityState !== "visible") {
          clearInterval(this.heartbeatTimer);
          this.ws = null;
          this.options.onState?.("offline");
          return;
        }
        this.replaced = false;
      }
      this.drop(ws);
    };
  }

  /** Forgets a socket and schedules the next attempt. Idempotent per socket. */
  private drop(ws: WebSocket): void {
    if (this.ws !== ws) return;
    clearInterval(this.heartbeatTimer);
    this.ws = null;
    this.options.onState?.("offline");
    this.scheduleRetry();
  }

  private beat(ws: WebSocket): void {
    if (Date.now() - this.lastHeardAt > SILENCE_LIMIT_MS) {
      // On a dead link the closing handshake may never finish and `close` may come
      // minutes later, so give up on the socket now rather than waiting for it.
      this.drop(ws);
      ws.close(4000, "heartbeat timeout");
      return;
    }
    if (ws.readyState === WebSocket.OPEN) ws.send(PING);
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    // Offline, every attempt would fail: the `online` event reconnects at once instead.
    if (navigator.onLine === false) return;
    this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt));
    this.attempt += 1;
  }

  private reconnectNow(): void {
    if (this.stopped || this.ws || this.resolving || this.replaced) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }
}
