/**
 * @module Hibernatable-socket plumbing both socket-holding Durable Objects share
 * (ConversationRoom, TeamQueue): tags checked against the documented limits before
 * `acceptWebSocket`, a send that never throws, and closes that never write back to a
 * socket that is already gone. Modelled on PartyServer's connection manager
 * (cloudflare/partykit, packages/partyserver/src/connection.ts).
 */

/** At most 10 tags per socket, each at most 256 characters
 * (https://developers.cloudflare.com/durable-objects/api/state/#acceptwebsocket). */
export const MAX_SOCKET_TAGS = 10;
export const MAX_SOCKET_TAG_CHARS = 256;

/** Close codes that only describe how a socket ended and may never be sent in a close
 * frame (RFC 6455 §7.4.1): 1005 no status, 1006 abnormal closure, 1015 TLS failure. */
const RESERVED_CLOSE_CODES: ReadonlySet<number> = new Set([1005, 1006, 1015]);

/** Returns `tags` when the runtime will accept them, else throws, so a bad caller fails
 * here with a clear message instead of inside `acceptWebSocket`. */
export function checkedTags(tags: readonly string[]): string[] {
  if (tags.length > MAX_SOCKET_TAGS) throw new Error(`a socket may carry at most ${MAX_SOCKET_TAGS} tags`);
  if (tags.some((t) => t.length > MAX_SOCKET_TAG_CHARS)) throw new Error(`socket tags are at most ${MAX_SOCKET_TAG_CHARS} characters`);
  return [...tags];
}

/** Sends `frame` as JSON without throwing: a socket that closed between lookup and send
 * is simply gone, and its close handler does the cleanup. */
export function sendFrame(ws: WebSocket, frame: unknown): void {
  sendText(ws, JSON.stringify(frame));
}

/** The same for text already serialized once for a whole broadcast. */
export function sendText(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch {
    // Already closing; nothing to do.
  }
}

/** Closes `ws` with `code` without throwing (it may be closing already). */
export function closeSocket(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closed.
  }
}

/** Answers a close the peer started (`webSocketClose`), so the client sees its close
 * handshake complete. When the close code is one that cannot be sent back, the socket
 * ended without a close frame (network gone, TLS failure): there is nobody to answer,
 * so nothing is written, as PartyServer's `closeQuietly` does. */
export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  if (RESERVED_CLOSE_CODES.has(code)) return;
  closeSocket(ws, code, reason);
}
