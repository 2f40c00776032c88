/**
 * The chat benchmark's bookkeeping: every message it sends, and a check of every frame
 * the sockets receive against them (see chat-latency.ts for what integrity means here).
 * Failures are counted and the first few kept as readable lines.
 */
import WebSocket from "ws";
import { performance } from "node:perf_hooks";

export type Role = "customer" | "agent";
export type Phase = "latency" | "throughput";

export interface Side {
  role: Role;
  ws: WebSocket;
  lastSeq: number;
  messageEvents: number;
}

export interface Conversation {
  index: number;
  id: string;
  token: string;
  customer: Side;
  agent: Side;
  sent: number;
}

export interface Sent {
  clientId: string;
  conv: Conversation;
  from: Role;
  phase: Phase;
  body: string;
  sentAt: number;
  ackAt: number | null;
  ackSeq: number | null;
  echoSeq: number | null;
  deliveredAt: number | null;
  deliveredSeq: number | null;
}

const MAX_LISTED_FAILURES = 25;

export const settled = (s: Sent) => s.ackAt !== null && s.deliveredAt !== null;

export class ChatLedger {
  readonly failures: string[] = [];
  totalFailures = 0;
  duplicateAcks = 0;
  readonly sent = new Map<string, Sent>();
  /** Set before the bench closes its sockets, so those closes are not failures. */
  closing = false;
  readonly hooks: { onAck: (s: Sent) => void; onSettled: (s: Sent) => void } = { onAck: () => {}, onSettled: () => {} };
  private counter = 0;
  private readonly padding: string;
  private readonly bodyChars: number;

  constructor(bodyChars: number) {
    this.bodyChars = bodyChars;
    this.padding = "x".repeat(Math.max(0, bodyChars - 24));
  }

  fail(message: string): void {
    this.totalFailures++;
    if (this.failures.length < MAX_LISTED_FAILURES) this.failures.push(message);
  }

  send(conv: Conversation, from: Role, phase: Phase): Sent {
    const clientId = `${phase === "latency" ? "l" : "t"}${from === "customer" ? "c" : "a"}-${conv.index}-${++this.counter}`;
    const body = `${clientId} ${this.padding}`.slice(0, this.bodyChars);
    const s: Sent = { clientId, conv, from, phase, body, sentAt: 0, ackAt: null, ackSeq: null, echoSeq: null, deliveredAt: null, deliveredSeq: null };
    this.sent.set(clientId, s);
    conv.sent++;
    s.sentAt = performance.now();
    conv[from].ws.send(JSON.stringify({ type: "send", clientId, body }));
    return s;
  }

  onFrame(conv: Conversation, side: Side, raw: string, now: number): void {
    if (raw === "pong") return;
    let frame: any;
    try {
      frame = JSON.parse(raw);
    } catch {
      this.fail(`conversation ${conv.index} ${side.role} socket: frame is not JSON: ${raw.slice(0, 100)}`);
      return;
    }
    const where = `conversation ${conv.index} ${side.role} socket`;
    switch (frame.type) {
      case "event": {
        const event = frame.event;
        if (event.seq !== side.lastSeq + 1) this.fail(`${where}: event seq ${event.seq} after ${side.lastSeq} (gap or reorder)`);
        side.lastSeq = Math.max(side.lastSeq, event.seq);
        if (event.conversationId !== conv.id) this.fail(`${where}: event of conversation ${event.conversationId}`);
        if (event.type !== "message") return;
        side.messageEvents++;
        const s = this.sent.get(event.clientId);
        if (!s || s.conv !== conv) {
          this.fail(`${where}: message with unknown clientId ${event.clientId}`);
          return;
        }
        if (event.body !== s.body) this.fail(`${where}: ${s.clientId} arrived with a different body`);
        if (s.from === side.role) {
          if (s.echoSeq !== null) this.fail(`${where}: own message ${s.clientId} echoed twice (seqs ${s.echoSeq}, ${event.seq})`);
          s.echoSeq = event.seq;
        } else {
          if (s.deliveredSeq !== null) {
            this.fail(`${where}: ${s.clientId} delivered twice (seqs ${s.deliveredSeq}, ${event.seq})`);
            return;
          }
          s.deliveredAt = now;
          s.deliveredSeq = event.seq;
        }
        if (s.ackSeq !== null && s.ackSeq !== event.seq) this.fail(`${where}: ${s.clientId} acked as seq ${s.ackSeq} but stored as ${event.seq}`);
        if (s.from !== side.role && settled(s)) this.hooks.onSettled(s);
        return;
      }
      case "ack": {
        const s = this.sent.get(frame.clientId);
        if (!s || s.conv !== conv || s.from !== side.role) {
          this.fail(`${where}: ack for a clientId it did not send: ${frame.clientId}`);
          return;
        }
        if (s.ackSeq !== null) {
          if (s.ackSeq !== frame.seq) this.fail(`${where}: ${s.clientId} acked twice with different seqs (${s.ackSeq}, ${frame.seq})`);
          else this.duplicateAcks++;
          return;
        }
        s.ackAt = now;
        s.ackSeq = frame.seq;
        for (const seq of [s.echoSeq, s.deliveredSeq]) {
          if (seq !== null && seq !== frame.seq) this.fail(`${where}: ${s.clientId} acked as seq ${frame.seq} but stored as ${seq}`);
        }
        this.hooks.onAck(s);
        if (settled(s)) this.hooks.onSettled(s);
        return;
      }
      case "error":
        this.fail(`${where}: error frame ${frame.code}: ${frame.message}${frame.clientId ? ` (clientId ${frame.clientId})` : ""}`);
        return;
      case "hello":
        if (frame.conversationId !== conv.id || frame.lastSeq !== side.lastSeq) {
          this.fail(`${where}: hello for ${frame.conversationId} at lastSeq ${frame.lastSeq}, expected ${conv.id} at ${side.lastSeq}`);
        }
        return;
      case "typing":
      case "read":
      // The customer's place in the team's queue (issue 14): ephemeral, not a stored event.
      case "queuePosition":
        return;
      default:
        this.fail(`${where}: unknown frame type ${String(frame.type)}`);
    }
  }

  /** Opens a socket and resolves once its `hello` frame arrived. */
  openSide(conv: Conversation, role: Role, url: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const ws = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: 15_000 });
      const side: Side = { role, ws, lastSeq: 0, messageEvents: 0 };
      conv[role] = side;
      let greeted = false;
      ws.on("message", (data: WebSocket.RawData, isBinary: boolean) => {
        const now = performance.now();
        if (isBinary) {
          this.fail(`conversation ${conv.index} ${role} socket: unexpected binary frame`);
          return;
        }
        const raw = data.toString();
        this.onFrame(conv, side, raw, now);
        if (!greeted && raw.startsWith('{"type":"hello"')) {
          greeted = true;
          resolve(now - started);
        }
      });
      ws.on("unexpected-response", (_req, res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => reject(new Error(`${role} socket upgrade refused: ${res.statusCode} ${text.slice(0, 300)}`)));
      });
      ws.on("error", (err) => {
        if (!greeted) reject(err);
        else this.fail(`conversation ${conv.index} ${role} socket: ${err.message}`);
      });
      ws.on("close", (code, reason) => {
        if (!greeted) reject(new Error(`${role} socket closed before hello: ${code} ${reason.toString()}`));
        else if (!this.closing) this.fail(`conversation ${conv.index} ${role} socket closed unexpectedly: ${code} ${reason.toString()}`);
      });
    });
  }

  /** After the run: every message acked, echoed and delivered once, and both sockets of
   * each conversation at the same seq. */
  checkCompleteness(convs: readonly Conversation[]): void {
    const all = [...this.sent.values()];
    const missing = { ack: all.filter((s) => s.ackSeq === null), delivery: all.filter((s) => s.deliveredSeq === null), echo: all.filter((s) => s.echoSeq === null) };
    for (const [what, list] of Object.entries(missing)) {
      if (list.length > 0) this.fail(`${list.length} of ${all.length} messages got no ${what} (e.g. ${list.slice(0, 3).map((s) => s.clientId).join(", ")})`);
    }
    for (const conv of convs) {
      for (const side of [conv.customer, conv.agent]) {
        if (side.messageEvents !== conv.sent) this.fail(`conversation ${conv.index} ${side.role} socket saw ${side.messageEvents} messages, ${conv.sent} were sent`);
      }
      if (conv.customer.lastSeq !== conv.agent.lastSeq) this.fail(`conversation ${conv.index}: customer socket at seq ${conv.customer.lastSeq}, agent socket at ${conv.agent.lastSeq}`);
    }
  }

  summary() {
    return { ok: this.totalFailures === 0, failures: this.failures, totalFailures: this.totalFailures, duplicateAcks: this.duplicateAcks, checkedMessages: this.sent.size };
  }
}
