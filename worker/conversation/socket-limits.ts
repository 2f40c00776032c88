/**
 * @module How much one room lets its sockets cost: how many sockets a participant and a
 * conversation may hold, and how many ephemeral frames (typing) a socket may make the
 * room fan out. Without these, one visitor token opened 200 sockets to one conversation,
 * and 200 `typing` frames became 34,772 delivered frames in 5.5 s, delaying a real
 * send's ack by 1.6 s.
 */

/** Sockets one participant may hold in one conversation: a person's tabs and devices.
 * The widget holds one per tab and the console one per open conversation view. */
export const MAX_SOCKETS_PER_PARTICIPANT = 5;

/** Sockets one conversation may hold in all. A conversation has one customer and a few
 * agents (assignee, a colleague, a supervisor); 50 leaves room for all of them on several
 * devices while bounding the fan-out of every event to 50 sends. Durable Objects have no
 * fixed connection limit of their own but share one thread and 128 MB of memory per
 * object (https://developers.cloudflare.com/durable-objects/platform/limits/), so the
 * room bounds itself. */
export const MAX_SOCKETS_PER_CONVERSATION = 50;

/** Close code for a socket replaced by a newer one of the same participant; it lives in
 * the protocol's limits so the zod-free client socket can read it too. */
export { SOCKET_REPLACED_CLOSE_CODE as REPLACED_CLOSE_CODE } from "../protocol/limits";

/** Which of a participant's sockets to close so that one more fits under
 * MAX_SOCKETS_PER_PARTICIPANT: the oldest. A participant over the cap is most often one
 * whose network dropped without a close frame (mobile, a sleeping laptop): the room
 * cannot tell those dead sockets from live ones until the runtime notices, and refusing
 * the new socket would lock the person out of their own chat meanwhile. The newest
 * connection is the one most likely alive, so it wins; a flood of connections still
 * never holds more than the cap. */
export function socketsToReplace(own: readonly WebSocket[], joinedAt: (ws: WebSocket) => number): WebSocket[] {
  const excess = own.length - MAX_SOCKETS_PER_PARTICIPANT + 1;
  if (excess <= 0) return [];
  return own
    .map((ws, i) => ({ ws, i, at: joinedAt(ws) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .slice(0, excess)
    .map((x) => x.ws);
}

/** Why a socket is refused before the upgrade (the conversation is full), or null. */
export function conversationFull(allSockets: number): string | null {
  return allSockets >= MAX_SOCKETS_PER_CONVERSATION ? `This conversation already has ${MAX_SOCKETS_PER_CONVERSATION} connections.` : null;
}

/** Typing frames a socket may have forwarded in a burst, and how fast that refills. A
 * real client (client/typing.ts) sends "on" at most every 5 s while typing and one
 * "off" when it stops, so a burst of 3 (on, off after a send, on again) and one more
 * every 2 s is never reached by a person. Frames beyond it are dropped, never queued:
 * typing is a hint, and the other side's indicator expires by itself (feed.ts). */
const TYPING_BURST = 3;
const TYPING_REFILL_MS = 2_000;

/** Per-socket token buckets for typing frames. Kept in memory, keyed by the socket
 * object: a room that hibernates forgets them and starts each socket with a full bucket,
 * which is fine for a flood guard (a flood keeps the room awake). */
export class TypingThrottle {
  private readonly buckets = new WeakMap<WebSocket, { tokens: number; at: number }>();

  /** Takes one token for `ws`; false means drop the frame. */
  take(ws: WebSocket, now = Date.now()): boolean {
    const b = this.buckets.get(ws) ?? { tokens: TYPING_BURST, at: now };
    b.tokens = Math.min(TYPING_BURST, b.tokens + (now - b.at) / TYPING_REFILL_MS);
    b.at = now;
    this.buckets.set(ws, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

/** Sockets still open: one the room has just closed may be listed until its close
 * handshake ends, and must not count against a cap. */
export function openSockets(sockets: WebSocket[]): WebSocket[] {
  return sockets.filter((ws) => ws.readyState === WebSocket.OPEN);
}
