/**
 * @module Who is on a room's sockets. Each hibernatable socket carries a tag (its
 * participant type, so broadcasts can pick the agents' sockets) and an attachment
 * holding ids only, because both survive hibernation but are tightly limited.
 */
import type { Actor, ServerFrame } from "../protocol";

export interface Participant {
  type: "contact" | "agent";
  id: string;
  /** May read and mark read but not send: a visitor who has not proved the identity its
   * inbox requires (`requireIdentity`). Fixed for the socket's life; identifying
   * reconnects with a new ticket. */
  readOnly?: boolean;
}

/** What the Worker hands the room on connect: the participant plus a display name, which
 * the room keeps in storage (not in the socket attachment, which holds ids only). */
export interface NamedParticipant extends Participant {
  name: string | null;
}

/** Attachments are limited to 2,048 bytes serialized
 * (https://developers.cloudflare.com/durable-objects/api/websockets/#serializeattachment);
 * ids are UUIDs, so this never nears the limit, but a bad caller fails here, not later. */
const MAX_ATTACHMENT_BYTES = 2048;
/** At most 10 tags per socket, each at most 256 characters
 * (https://developers.cloudflare.com/durable-objects/api/state/#acceptwebsocket). */
const MAX_TAG_CHARS = 256;

export function tagsFor(p: Participant): string[] {
  const tags = [p.type, `${p.type}:${p.id}`];
  if (tags.some((t) => t.length > MAX_TAG_CHARS)) throw new Error("socket tag too long");
  return tags;
}

/** `since` orders a participant's sockets, so the room can close the oldest first. */
export function attach(ws: WebSocket, p: Participant, since = Date.now()): void {
  const attachment = p.readOnly ? { type: p.type, id: p.id, readOnly: true, since } : { type: p.type, id: p.id, since };
  if (JSON.stringify(attachment).length > MAX_ATTACHMENT_BYTES) throw new Error("socket attachment too large");
  ws.serializeAttachment(attachment);
}

export function participantOf(ws: WebSocket): Participant | null {
  const a = ws.deserializeAttachment() as Participant | null;
  return a && (a.type === "contact" || a.type === "agent") && typeof a.id === "string" ? { type: a.type, id: a.id, readOnly: a.readOnly === true } : null;
}

/** When `ws` joined (0 for a socket attached before this was recorded). */
export function joinedAt(ws: WebSocket): number {
  const a = ws.deserializeAttachment() as { since?: unknown } | null;
  return typeof a?.since === "number" ? a.since : 0;
}

export function actorOf(p: Participant, name: string | null): Actor {
  return { type: p.type, id: p.id, name };
}

export function participantKey(p: Participant): string {
  return `${p.type}:${p.id}`;
}

/** Sends without throwing: a socket that closed between lookup and send is simply gone. */
export function sendFrame(ws: WebSocket, frame: ServerFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // The close handler cleans up; nothing to do for a socket that is already closing.
  }
}
