/**
 * @module The room's one alarm, shared by everything that must happen later: the
 * pipeline handoff's retries, the delivery queue's next attempt, a snooze's wake-up.
 *
 * The room remembers the time it last set or read (`at`): only this object sets its
 * alarm, so the copy stays true, and a write needs no storage read to know whether one
 * is armed (a `getAlarm` per message, though a read, cost an await and a storage call on
 * every send).
 */
import { MAX_SNOOZE_MS } from "../protocol";

export class RoomAlarm {
  /** A time, null when none is armed, undefined when not known (a fresh instance). */
  private at: number | null | undefined = undefined;

  constructor(private readonly storage: DurableObjectStorage) {}

  /** A fired alarm is no longer armed. */
  fired(): void {
    this.at = null;
  }

  /** Arms the alarm for `at` unless one is armed as early or earlier. */
  async armBy(at: number | null): Promise<void> {
    if (at === null) return;
    const armed = this.at === undefined ? await this.storage.getAlarm() : this.at;
    this.at = armed;
    if (armed === null || armed > at) {
      await this.storage.setAlarm(at);
      this.at = at;
    }
  }

  /** Sets the alarm to the earliest of `times`, or deletes it when none is given.
   * The routes refuse a snooze beyond MAX_SNOOZE_MS, but a room may already hold a wilder
   * `snoozedUntil` (stored before that check existed). `setAlarm` throws for dates past
   * 2189, which would fail every write and every wake of the room, so the alarm is never
   * set beyond the horizon: a far snooze just wakes early, finds its time has not come
   * and sets the alarm again. */
  async setToEarliest(times: Array<number | null>, now = Date.now()): Promise<void> {
    const due = times.filter((t): t is number => t !== null);
    if (due.length === 0) {
      await this.storage.deleteAlarm();
      this.at = null;
    } else {
      const at = Math.min(...due, now + MAX_SNOOZE_MS);
      await this.storage.setAlarm(at);
      this.at = at;
    }
  }
}
