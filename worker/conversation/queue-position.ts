/**
 * @module The web chat visitor's place in line, as the room keeps it: the last position
 * and wait the team's queue announced, stored in the room's SQLite (so a room woken from
 * hibernation or eviction still knows it), sent to the customer's sockets only, and
 * withdrawn (`position: null`) by the room itself the moment the conversation has an
 * agent or is no longer open. Never an event: not in the log, not projected.
 */
import { ServerFrame } from "../protocol";
import type { RoomState } from "./commands";
import { sendText } from "../durable/hibernatable-sockets";

type QueuePositionFrame = Extract<ServerFrame, { type: "queuePosition" }>;
type Place = Pick<QueuePositionFrame, "position" | "etaSeconds">;

const NOT_WAITING: Place = { position: null, etaSeconds: null };

const SCHEMA = `CREATE TABLE IF NOT EXISTS queue_position (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER,
  eta_seconds INTEGER)`;

/** Only an open conversation nobody has taken has a place in line. */
function waits(state: RoomState): boolean {
  return state.status === "open" && state.assigneeId === null;
}

export class QueuePosition {
  /** The stored place, read once per object life: settle() runs after every write, and
   * most rooms never had a place, so it must not cost a storage read each time. */
  private current: Place | undefined;

  /** `customers`: the room's customer sockets (tagged by participant type, ./sockets.ts). */
  constructor(
    private readonly sql: SqlStorage,
    private readonly customers: () => WebSocket[],
  ) {
    sql.exec(SCHEMA);
  }

  /** Records and sends the queue's latest figures. The queue computes them outside the
   * room, so they may arrive after an agent took the conversation: a room that no longer
   * waits turns any position into null. An unchanged place is not sent again. The wait is
   * an estimate, rounded to whole seconds; anything else the frame does not allow (a
   * position below 1 or not whole, a negative or infinite wait) throws: a bug in the
   * caller, never a visitor's input. */
  announce(state: RoomState | null, position: number | null, etaSeconds: number | null): void {
    const eta = etaSeconds === null ? null : Math.round(etaSeconds);
    const frame = ServerFrame.parse({ type: "queuePosition", position, etaSeconds: eta }) as QueuePositionFrame;
    // A room never initialised holds no conversation and no sockets: nothing to tell.
    if (!state) return;
    // Without a position there is no wait to show either.
    this.change(waits(state) && frame.position !== null ? { position: frame.position, etaSeconds: frame.etaSeconds } : NOT_WAITING);
  }

  /** After every write: once someone has the conversation (or it is resolved, snoozed, a
   * bot's), a "you are number 3" must not stay on the visitor's screen. */
  settle(state: RoomState): void {
    if (!waits(state)) this.change(NOT_WAITING);
  }

  /** A customer socket that just joined gets the place after its replay; an agent's, or
   * a room with no place, gets nothing. */
  greet(ws: WebSocket, participantType: "contact" | "agent"): void {
    if (participantType !== "contact") return;
    const place = this.load();
    if (place.position === null) return;
    sendText(ws, JSON.stringify(frameOf(place)));
  }

  private change(next: Place): void {
    const was = this.load();
    if (was.position === next.position && was.etaSeconds === next.etaSeconds) return;
    this.sql.exec(
      "INSERT INTO queue_position (id, position, eta_seconds) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position, eta_seconds = excluded.eta_seconds",
      next.position,
      next.etaSeconds,
    );
    this.current = next;
    // Serialized once for every socket of the visitor (several tabs, devices).
    const text = JSON.stringify(frameOf(next));
    for (const ws of this.customers()) sendText(ws, text);
  }

  private load(): Place {
    if (this.current) return this.current;
    const row = this.sql.exec<{ position: number | null; eta_seconds: number | null }>("SELECT position, eta_seconds FROM queue_position WHERE id = 1").toArray()[0];
    this.current = row ? { position: row.position, etaSeconds: row.eta_seconds } : NOT_WAITING;
    return this.current;
  }
}

function frameOf(place: Place): QueuePositionFrame {
  return { type: "queuePosition", ...place };
}
