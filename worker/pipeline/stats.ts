/**
 * @module The Projector's running counters: batches, events, D1 statements and rows
 * written per message, and the lag from a room storing an event to its batch's end.
 * Memory only (they restart with the object); the benchmark reads them.
 */
import type { DispatchReport } from "./dispatcher";
import type { PipelineBatch } from "./types";

/** Lag samples kept, newest last; enough for a benchmark run. */
const MAX_SAMPLES = 200_000;

export interface PipelineStatsSnapshot {
  batches: number;
  events: number;
  messages: number;
  conversationsPerBatch: number;
  d1Statements: number;
  d1RowsWritten: number;
  /** Stored in the room → its batch through every listener (D1 commit and publish), ms. */
  lagMs: { p50: number; p90: number; p99: number; max: number; count: number };
  failedPublishes: number;
  pending: number;
  /** Time per flush (every listener: the D1 batch, the read-back and the publishes), ms. */
  flushMs: { p50: number; p99: number; max: number; total: number };
  /** Per listener: total time spent, ms. */
  listenerMs: Record<string, number>;
}

export class PipelineStats {
  private batches = 0;
  private events = 0;
  private messages = 0;
  private conversations = 0;
  private statements = 0;
  private rowsWritten = 0;
  private failedPublishes = 0;
  private lags: number[] = [];
  private flushes: number[] = [];
  private listenerMs: Record<string, number> = {};

  record(batch: PipelineBatch, report: DispatchReport, committedAt: number, flushMs: number): void {
    this.batches++;
    if (this.flushes.length < MAX_SAMPLES) this.flushes.push(flushMs);
    this.conversations += batch.conversations.length;
    for (const { events } of batch.conversations) {
      for (const e of events) {
        this.events++;
        if (e.type === "message") this.messages++;
        if (this.lags.length < MAX_SAMPLES) this.lags.push(committedAt - e.at);
      }
    }
    for (const r of Object.values(report.listeners)) {
      this.statements += r.statements;
      this.rowsWritten += r.rowsWritten;
    }
    this.failedPublishes += report.failed.length;
    for (const [name, ms] of Object.entries(report.durations)) this.listenerMs[name] = (this.listenerMs[name] ?? 0) + ms;
  }

  snapshot(pending: number): PipelineStatsSnapshot {
    const sorted = [...this.lags].sort((a, b) => a - b);
    const flushes = [...this.flushes].sort((a, b) => a - b);
    const pick = (list: number[], p: number) => (list.length ? list[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)]! : 0);
    const at = (p: number) => pick(sorted, p);
    return {
      batches: this.batches,
      events: this.events,
      messages: this.messages,
      conversationsPerBatch: this.batches ? this.conversations / this.batches : 0,
      d1Statements: this.statements,
      d1RowsWritten: this.rowsWritten,
      lagMs: { p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? 0, count: sorted.length },
      failedPublishes: this.failedPublishes,
      pending,
      listenerMs: { ...this.listenerMs },
      flushMs: { p50: pick(flushes, 50), p99: pick(flushes, 99), max: flushes.at(-1) ?? 0, total: flushes.reduce((s, x) => s + x, 0) },
    };
  }
}
