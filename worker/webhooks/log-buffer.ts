/**
 * @module The outbox's writes to the D1 delivery log, batched: attempts are recorded in
 * the outbox's own storage at once (that is the durable state); their readable copy in
 * D1 goes in batches of up to FLUSH_ROWS, one at a time, while sending goes on. Locally
 * D1 shares workerd's one thread with everything else, and a D1 round trip per attempt
 * was most of an endpoint's delivery time at 100 messages a second.
 */
import type { Db } from "../db/client";
import { recordDeliveries, type DeliveryRow } from "../db/webhooks";

/** D1 counts each statement against its per-invocation query limit (1,000 on Workers Paid,
 * https://developers.cloudflare.com/d1/platform/limits/): a batch stays far below it. */
const FLUSH_ROWS = 50;

export class DeliveryLogBuffer {
  private rows = new Map<string, DeliveryRow>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly endpointId: string,
  ) {}

  add(row: DeliveryRow): void {
    this.rows.set(row.id, row); // a later attempt of the same delivery replaces the earlier
    if (this.rows.size >= FLUSH_ROWS) this.flush();
  }

  /** Writes what is buffered once the previous write is done. */
  flush(): Promise<void> {
    const rows = [...this.rows.values()];
    this.rows = new Map();
    if (rows.length > 0) {
      this.flushing = this.flushing.then(() =>
        recordDeliveries(this.db, rows).catch((err) => console.warn(JSON.stringify({ msg: "webhook log write failed", endpoint: this.endpointId, rows: rows.length, error: String(err) }))),
      );
    }
    return this.flushing;
  }
}
