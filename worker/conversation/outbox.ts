/**
 * @module The projection outbox: events stored in the room but not yet in D1. A drain
 * projects them in batches and then tells the team's queue; a failed drain leaves them
 * queued and the room's alarm retries with backoff until D1 accepts.
 */
import { database } from "../db/client";
import { projectToD1 } from "../db/projection";
import type { Env } from "../env";
import type { RoomState } from "./commands";
import type { EventLog } from "./event-log";

const BATCH = 50;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 60_000;

export class ProjectionOutbox {
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;

  constructor(
    private readonly log: EventLog,
    private readonly env: Env,
    private readonly state: () => RoomState,
  ) {}

  /** When the next retry should run, or null when nothing waits. */
  retryAt(now: number): number | null {
    if (!this.log.hasPendingProjection()) return null;
    return now + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
  }

  /** Drains until empty. Concurrent calls share one run; a call during a run makes the
   * run go round once more, so nothing stored meanwhile waits for the alarm. Rejects
   * when D1 refuses (the caller schedules the retry). */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const events = this.log.pendingProjection(BATCH);
        if (events.length === 0) break;
        let summary;
        try {
          summary = await projectToD1(database(this.env.DB), this.state(), events);
        } catch (err) {
          this.failures++;
          throw err;
        }
        this.failures = 0;
        this.log.markProjected(events[events.length - 1]!.seq);
        await this.notifyQueue(summary);
      }
    } while (this.again);
  }

  /** The live list is a convenience on top of D1, which already holds the truth; a queue
   * that misses one update gets the next one, so a failure here is logged, not retried. */
  private async notifyQueue(summary: Awaited<ReturnType<typeof projectToD1>>): Promise<void> {
    try {
      await this.env.TEAM_QUEUE.getByName(summary.teamId ?? "unrouted").publish(summary);
    } catch (err) {
      console.warn(JSON.stringify({ msg: "queue notify failed", conversationId: summary.id, error: String(err) }));
    }
  }
}
