/**
 * @module Runs a batch through the pipeline's listeners, typed and in a fixed order:
 * every `committed` listener in turn (the first failure stops the batch, which stays
 * buffered for a retry), then the caller's `onCommitted` (the Projector forgets the
 * batch), then every `after-commit` listener, each on its own so one failure does not
 * starve the others. Before any of them, it gathers what listeners want to read from D1
 * (`reads`), which the projection runs at the end of its own D1 batch. Chatwoot's event
 * dispatcher is the model: producers know nothing of who listens.
 */
import type { Env } from "../env";
import { database } from "../db/client";
import type { ListenerReport, PipelineBatch, PipelineListener } from "./types";

export interface DispatchReport {
  /** Per listener name: what it reported (D1 statements and rows written). */
  listeners: Record<string, ListenerReport>;
  /** Per listener name: how long it took, ms. */
  durations: Record<string, number>;
  /** Listeners of the `after-commit` stage that failed this time. */
  failed: string[];
}

export async function dispatch(batch: PipelineBatch, listeners: readonly PipelineListener[], env: Env, onCommitted: () => void): Promise<DispatchReport> {
  const report: DispatchReport = { listeners: {}, durations: {}, failed: [] };
  // Every listener's reads, for the projection to run inside its batch (types.ts `reads`).
  const db = database(env.DB);
  batch.readsWanted = listeners.flatMap((l) => {
    const statements = l.reads?.(batch, db) ?? [];
    return statements.length > 0 ? [{ listener: l.name, statements }] : [];
  });
  for (const listener of listeners) {
    if (listener.stage !== "committed") continue;
    const started = Date.now();
    const done = await listener.handle(batch, env);
    report.durations[listener.name] = Date.now() - started;
    if (done) report.listeners[listener.name] = done;
  }
  onCommitted();
  await Promise.all(
    listeners
      .filter((l) => l.stage === "after-commit")
      .map(async (listener) => {
        const started = Date.now();
        try {
          const done = await listener.handle(batch, env);
          report.durations[listener.name] = Date.now() - started;
          if (done) report.listeners[listener.name] = done;
        } catch (err) {
          report.failed.push(listener.name);
          console.warn(JSON.stringify({ msg: "pipeline listener failed", listener: listener.name, conversations: batch.conversations.length, error: String(err) }));
        }
      }),
  );
  return report;
}
