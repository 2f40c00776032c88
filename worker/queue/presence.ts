/**
 * @module A TeamQueue's record of agent presence, in the Durable Object's SQLite so it
 * survives hibernation and eviction: each agent's chosen availability, when their last
 * console socket went, and whether the grace after that has run out (offline).
 */
import { PRESENCE_GRACE_MS, type Availability, type EffectiveStatus } from "../protocol";

interface PresenceRow {
  agent_id: string;
  availability: Availability;
  offline_after: number | null;
  offline: number;
  [key: string]: SqlStorageValue;
}

export class PresenceBook {
  constructor(private readonly sql: SqlStorage) {
    // offline_after: set while the agent has no socket and the grace runs; cleared by a
    // reconnect. `offline` is flipped only by the alarm, never by reading the clock, so
    // the status the team sees changes exactly when a frame says so.
    sql.exec(`CREATE TABLE IF NOT EXISTS presence (
      agent_id TEXT PRIMARY KEY,
      availability TEXT NOT NULL,
      offline_after INTEGER,
      offline INTEGER NOT NULL)`);
    sql.exec("CREATE INDEX IF NOT EXISTS presence_grace_idx ON presence (offline_after) WHERE offline_after IS NOT NULL");
  }

  statusOf(agentId: string): EffectiveStatus {
    const row = this.row(agentId);
    return row ? effective(row) : "offline";
  }

  /** A console socket of the agent opened: present again, with the availability D1 holds. */
  connected(agentId: string, availability: Availability): void {
    this.sql.exec(
      "INSERT INTO presence (agent_id, availability, offline_after, offline) VALUES (?, ?, NULL, 0) ON CONFLICT(agent_id) DO UPDATE SET availability = excluded.availability, offline_after = NULL, offline = 0",
      agentId,
      availability,
    );
  }

  /** The agent's last socket closed at `now`: the grace starts. Returns when it ends. */
  lastSocketGone(agentId: string, now: number): number {
    const end = now + PRESENCE_GRACE_MS;
    this.sql.exec("UPDATE presence SET offline_after = ? WHERE agent_id = ? AND offline = 0", end, agentId);
    return end;
  }

  /** The agent chose online or away. Only agents this queue has seen are recorded: one
   * never connected here is offline whatever they choose. Returns whether it was known. */
  setAvailability(agentId: string, availability: Availability): boolean {
    return this.sql.exec("UPDATE presence SET availability = ? WHERE agent_id = ?", availability, agentId).rowsWritten > 0;
  }

  /** Agents whose grace ended by `at` and who have not come back: marked offline. */
  expire(at: number, stillConnected: (agentId: string) => boolean): string[] {
    const due = this.sql.exec<{ agent_id: string }>("SELECT agent_id FROM presence WHERE offline_after IS NOT NULL AND offline_after <= ?", at).toArray();
    const gone: string[] = [];
    for (const { agent_id } of due) {
      // A socket that opened without clearing the grace cannot exist (connected() clears
      // it), but a live socket must never be declared gone, so check.
      if (stillConnected(agent_id)) this.sql.exec("UPDATE presence SET offline_after = NULL WHERE agent_id = ?", agent_id);
      else {
        this.sql.exec("UPDATE presence SET offline_after = NULL, offline = 1 WHERE agent_id = ?", agent_id);
        gone.push(agent_id);
      }
    }
    return gone;
  }

  /** The earliest grace still running, if any. */
  nextDeadline(): number | null {
    const row = this.sql.exec<{ at: number | null }>("SELECT MIN(offline_after) AS at FROM presence WHERE offline_after IS NOT NULL").toArray()[0];
    return row?.at ?? null;
  }

  /** The agent was deactivated: offline now, no grace. True if they were present. */
  forceOffline(agentId: string): boolean {
    return this.sql.exec("UPDATE presence SET offline_after = NULL, offline = 1 WHERE agent_id = ? AND offline = 0", agentId).rowsWritten > 0;
  }

  /** Agents who may be given new conversations: present (connected, or inside the
   * grace) and online, not away. */
  available(): string[] {
    return this.sql
      .exec<{ agent_id: string }>("SELECT agent_id FROM presence WHERE offline = 0 AND availability = 'online' ORDER BY agent_id")
      .toArray()
      .map((r) => r.agent_id);
  }

  private row(agentId: string): PresenceRow | undefined {
    return this.sql.exec<PresenceRow>("SELECT * FROM presence WHERE agent_id = ?", agentId).toArray()[0];
  }
}

function effective(row: PresenceRow): EffectiveStatus {
  return row.offline ? "offline" : row.availability;
}
