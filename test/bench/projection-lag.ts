/**
 * Projection lag as a console sees it: the time from a message's ack (the room stored
 * it) to the moment the team's live list (`/api/v1/queue/ws`) shows its conversation at
 * that seq or later. The pipeline publishes a row only after its D1 batch committed, and
 * publishes it as read back from D1, so this is when `GET /conversations` would return
 * it at the latest. Also reads the Projector's own counters from the bench entry's
 * `/__bench/pipeline` (test/bench/bench-worker/switchboard-entry.ts).
 */
import WebSocket from "ws";
import { performance } from "node:perf_hooks";
import { api } from "./api.ts";
import type { Sent } from "./chat-ledger.ts";

export class LiveListWatcher {
  /** Per conversation: [lastSeq, time first seen] in arrival order. */
  private readonly seen = new Map<string, Array<[number, number]>>();
  private ws: WebSocket | null = null;
  frames = 0;

  async open(wsBase: string, cookie: string, origin: string): Promise<void> {
    const ws = new WebSocket(`${wsBase}/api/v1/queue/ws`, { headers: { Cookie: cookie, Origin: origin }, perMessageDeflate: false });
    this.ws = ws;
    ws.on("message", (data: WebSocket.RawData) => {
      const now = performance.now();
      const frame = JSON.parse(data.toString()) as { type: string; conversation?: { id: string; lastSeq: number } };
      if (frame.type !== "conversation" || !frame.conversation) return;
      this.frames++;
      const list = this.seen.get(frame.conversation.id) ?? [];
      list.push([frame.conversation.lastSeq, now]);
      this.seen.set(frame.conversation.id, list);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
  }

  /** When the live list first showed `conversationId` at `seq` or later, if it has. */
  visibleAt(conversationId: string, seq: number): number | null {
    for (const [lastSeq, at] of this.seen.get(conversationId) ?? []) if (lastSeq >= seq) return at;
    return null;
  }

  /** Ack → visible, per message that has been seen; and how many were not (yet). */
  lags(sent: readonly Sent[]): { lags: number[]; unseen: number } {
    const lags: number[] = [];
    let unseen = 0;
    for (const s of sent) {
      if (s.ackSeq === null || s.ackAt === null) continue;
      const at = this.visibleAt(s.conv.id, s.ackSeq);
      if (at === null) unseen++;
      else lags.push(Math.max(0, at - s.ackAt));
    }
    return { lags, unseen };
  }

  close(): void {
    this.ws?.close();
  }
}

/** PipelineStatsSnapshot (worker/pipeline/stats.ts) as JSON. Restated, not imported: the
 * bench runs under Node's type stripping (nodenext), which cannot follow the Worker's
 * extensionless imports. */
export interface PipelineCounters {
  batches: number;
  events: number;
  messages: number;
  conversationsPerBatch: number;
  d1Statements: number;
  d1RowsWritten: number;
  lagMs: { p50: number; p90: number; p99: number; max: number; count: number };
  failedPublishes: number;
  pending: number;
  flushMs: { p50: number; p99: number; max: number; total: number };
  listenerMs: Record<string, number>;
}

/** The Projectors' counters summed over shards, or null when the server has no such
 * route (the relay floor, or a server not started with the bench entry). */
export async function pipelineCounters(baseUrl: string): Promise<PipelineCounters | null> {
  const res = await api(baseUrl, "/__bench/pipeline");
  if (res.status !== 200 || !Array.isArray(res.body)) return null;
  const shards = res.body as PipelineCounters[];
  const sum = (f: (c: PipelineCounters) => number) => shards.reduce((s, c) => s + f(c), 0);
  return {
    batches: sum((c) => c.batches),
    events: sum((c) => c.events),
    messages: sum((c) => c.messages),
    conversationsPerBatch: sum((c) => c.conversationsPerBatch) / Math.max(1, shards.length),
    d1Statements: sum((c) => c.d1Statements),
    d1RowsWritten: sum((c) => c.d1RowsWritten),
    lagMs: shards[0]?.lagMs ?? { p50: 0, p90: 0, p99: 0, max: 0, count: 0 },
    failedPublishes: sum((c) => c.failedPublishes),
    pending: sum((c) => c.pending),
    flushMs: shards[0]!.flushMs,
    listenerMs: shards[0]!.listenerMs,
  };
}
