/**
 * @module Where each waiting web chat visitor stands in line, and how long they may wait
 * (issue 14, "Customers see their place"). Positions follow the waiting list's order;
 * the estimate is the position times the average time between the team's recent
 * pick-ups (how fast the line moves now, not a guess from agent counts). Only changes
 * are told to the rooms, so a quiet queue costs nothing.
 */
import type { ConversationSummary } from "../protocol";
import type { WaitingList } from "./waiting-list";

/** Pick-ups remembered for the estimate. */
const PICKUPS_KEPT = 20;
/** Older pick-ups say nothing about how fast the line moves now. */
const PICKUP_HORIZON_MS = 60 * 60_000;
/** Visitors told per run; the rest are told on the next run (the alarm runs again). */
export const POSITIONS_PER_RUN = 200;
/** Places counted from the head: a visitor further back than this is told nothing until
 * they are within it, so a queue of 10,000 does not walk 10,000 rows on every change. */
export const POSITIONS_SHOWN = 500;

export interface LinePosition {
  summary: ConversationSummary;
  /** 1 = next; null: no longer waiting here. */
  position: number | null;
  etaSeconds: number | null;
}

export class LinePositions {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS pickups (at INTEGER NOT NULL)");
    sql.exec("CREATE INDEX IF NOT EXISTS pickups_at ON pickups (at)");
    sql.exec("CREATE TABLE IF NOT EXISTS told (conversation_id TEXT PRIMARY KEY, summary TEXT NOT NULL, position INTEGER NOT NULL, eta INTEGER)");
  }

  /** An agent took a waiting conversation at `at`. */
  recordPickup(at: number): void {
    this.sql.exec("INSERT INTO pickups (at) VALUES (?)", at);
    this.sql.exec("DELETE FROM pickups WHERE at NOT IN (SELECT at FROM pickups ORDER BY at DESC LIMIT ?)", PICKUPS_KEPT);
  }

  /** Seconds per pick-up lately; null while there is too little to go on. */
  secondsPerPickup(now: number): number | null {
    const r = this.sql.exec<{ n: number; first: number | null; last: number | null }>("SELECT COUNT(*) AS n, MIN(at) AS first, MAX(at) AS last FROM pickups WHERE at > ?", now - PICKUP_HORIZON_MS).one();
    if (r.n < 2 || r.first === null || r.last === null) return null;
    // The line has not moved since the last pick-up: the wait so far counts too.
    const span = Math.max(r.last - r.first, 0) + Math.max(now - r.last, 0);
    return span / r.n / 1000;
  }

  /** What changed since the rooms were last told: new positions, and null for visitors
   * who stopped waiting here. */
  changes(list: WaitingList, now: number): LinePosition[] {
    const perPickup = this.secondsPerPickup(now);
    const current = new Map<string, LinePosition>();
    // Web chat rows sort first (after due callbacks): walking that many from the head
    // reaches all of them.
    const span = Math.min(list.dueCallbackCount() + list.webchatCount(), POSITIONS_SHOWN);
    list.inOrder(span).forEach((row, index) => {
      if (row.channel !== "webchat") return;
      const position = index + 1;
      current.set(row.conversationId, { summary: row.summary, position, etaSeconds: perPickup === null ? null : Math.round(position * perPickup) });
    });
    const out: LinePosition[] = [];
    for (const t of this.sql.exec<{ conversation_id: string; summary: string; position: number; eta: number | null }>("SELECT * FROM told")) {
      const fresh = current.get(t.conversation_id);
      if (!fresh) out.push({ summary: JSON.parse(t.summary) as ConversationSummary, position: null, etaSeconds: null });
      else if (fresh.position === t.position && fresh.etaSeconds === t.eta) current.delete(t.conversation_id);
    }
    return [...out, ...current.values()].slice(0, POSITIONS_PER_RUN);
  }

  /** The room has been told. */
  told(p: LinePosition): void {
    if (p.position === null) this.sql.exec("DELETE FROM told WHERE conversation_id = ?", p.summary.id);
    else {
      this.sql.exec(
        "INSERT INTO told (conversation_id, summary, position, eta) VALUES (?, ?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET summary = excluded.summary, position = excluded.position, eta = excluded.eta",
        p.summary.id,
        JSON.stringify(p.summary),
        p.position,
        p.etaSeconds,
      );
    }
  }
}
