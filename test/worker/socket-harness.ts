/**
 * The socket harness: WebSocket handshakes through the Worker's upgrade routes (which may
 * be refused), and a live socket that records every frame it receives.
 */
import { exports } from "cloudflare:workers";
import type { ServerFrame } from "../../worker/protocol";
import { bearer, call, ORIGIN, type Client } from "./http-client";

/** The widget socket's path for a visitor: a fresh socket ticket minted with its token
 * (the token itself never goes in the URL). */
export async function widgetSocketPath(token: string, after: number | string = 0): Promise<string> {
  const res = await call("/api/v1/widget/socket-tickets", { method: "POST", headers: bearer(token) });
  if (res.status !== 200) throw new Error(`socket ticket failed: ${JSON.stringify(res.body)}`);
  return `/api/v1/widget/ws?ticket=${encodeURIComponent(res.body.ticket)}&after=${after}`;
}

/** A live socket that records every frame it receives. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<() => void> = [];
  closed = false;
  /** The close code the server sent, once closed. */
  closeCode: number | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      if (typeof e.data === "string" && e.data !== "pong") this.frames.push(JSON.parse(e.data) as ServerFrame);
      else if (e.data === "pong") this.frames.push({ type: "error", code: "pong", message: "pong" });
      this.wake();
    });
    ws.addEventListener("close", (e) => {
      this.closed = true;
      this.closeCode = e.code;
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Resolves when `predicate` holds over the frames received so far. */
  async until(predicate: (frames: ServerFrame[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.frames)) {
      if (this.closed) throw new Error("socket closed while waiting");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; frames: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  eventSeqs(): number[] {
    return this.frames.flatMap((f) => (f.type === "event" ? [f.event.seq] : []));
  }

  acks(): Array<{ clientId: string; seq: number }> {
    return this.frames.flatMap((f) => (f.type === "ack" ? [{ clientId: f.clientId, seq: f.seq }] : []));
  }

  close() {
    try {
      this.ws.close(1000, "done");
    } catch {
      // already closed
    }
  }
}

export async function openSocket(path: string, client?: Client): Promise<TestSocket> {
  const res = await upgrade(path, { client });
  if (!res.socket) throw new Error(`upgrade failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.socket;
}

/** A WebSocket handshake that may be refused: `socket` is set on 101, `body` (parsed JSON
 * when it is JSON) otherwise. Browsers always send `Origin` on a handshake; pass one to
 * test the cross-site check, or leave it out as non-browser clients do. */
export async function upgrade(path: string, init: { client?: Client; origin?: string; headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.set("Upgrade", "websocket");
  if (init.client?.cookie) headers.set("Cookie", init.client.cookie);
  if (init.origin !== undefined) headers.set("Origin", init.origin);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { headers }));
  if (res.status === 101 && res.webSocket) {
    res.webSocket.accept();
    return { status: res.status, body: null as any, socket: new TestSocket(res.webSocket) };
  }
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text so a failing assertion shows it
  }
  return { status: res.status, body, socket: undefined };
}
