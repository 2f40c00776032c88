/**
 * @module One Durable Object has one alarm; a TeamQueue has several reasons to wake
 * (a presence grace ending, a callback's lead time, a no-answer deadline, distribution
 * or positions to run now). The clock keeps the time the alarm is set for in SQLite, so
 * the alarm handler knows "every deadline up to then has passed" even when a test runs
 * the alarm early (runDurableObjectAlarm), and so a later wish never pushes back an
 * earlier alarm.
 */
export class WakeClock {
  constructor(
    private readonly sql: SqlStorage,
    private readonly storage: DurableObjectStorage,
  ) {
    sql.exec("CREATE TABLE IF NOT EXISTS wake (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL)");
  }

  /** The alarm's time, if one is set. */
  setFor(): number | null {
    return this.sql.exec<{ at: number }>("SELECT at FROM wake WHERE id = 1").toArray()[0]?.at ?? null;
  }

  /** Wake no later than `at`. */
  async wakeBy(at: number): Promise<void> {
    const current = this.setFor();
    if (current !== null && current <= at) return;
    this.sql.exec("INSERT INTO wake (id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at", at);
    await this.storage.setAlarm(at);
  }

  /** The alarm is running: answers the time it was set for (everything due by then is
   * due) and forgets it, so the handler can set the next one. */
  fired(now: number): number {
    const at = Math.max(now, this.setFor() ?? 0);
    this.sql.exec("DELETE FROM wake");
    return at;
  }
}
