/**
 * @module Who is on a room's sockets. Each hibernatable socket carries a tag (its
 * participant type, so broadcasts can pick the agents' sockets) and an attachment
 * holding ids only, because both survive hibernation but are tightly limited.
 */
import { isVisibleToContact, type Actor, type ConversationEvent, type ServerFrame } from "../protocol";
import { checkedTags, sendFrame as sendJson } from "../durable/hibernatable-sockets";

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
/** A socket's tags: its participant type (broadcasts pick the agents' sockets) and its
 * participant key (a participant's own sockets), checked against the runtime's limits. */
export function tagsFor(p: Participant): string[] {
  return checkedTags([p.type, participantKey(p)]);
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

/** `type:id`, the one spelling of a participant used as a socket tag and as the key of
 * its names, uploads and read marks in the room's storage. Built and read only here. */
export function participantKey(p: Pick<Actor, "type" | "id">): string {
  return `${p.type}:${p.id}`;
}

/** The participant a key names, or null for a key this room never wrote. Splits at the
 * first colon only: the type never holds one, an id might. */
export function parseParticipantKey(key: string): Pick<Participant, "type" | "id"> | null {
  const at = key.indexOf(":");
  const type = key.slice(0, at);
  if (at < 0 || (type !== "contact" && type !== "agent")) return null;
  return { type, id: key.slice(at + 1) };
}

/** Sends a room frame without throwing (see ../durable/hibernatable-sockets.ts). */
export function sendFrame(ws: WebSocket, frame: ServerFrame): void {
  sendJson(ws, frame);
}

/** A stored event to every socket that may see it: private notes reach agents only. */
export function broadcastEvent(ctx: DurableObjectState, event: ConversationEvent): void {
  const frame: ServerFrame = { type: "event", event };
  for (const ws of isVisibleToContact(event) ? ctx.getWebSockets() : ctx.getWebSockets("agent")) sendFrame(ws, frame);
}

/** A passing frame (typing, a read mark) to every socket but the sender's. */
export function sendToOthers(ctx: DurableObjectState, frame: ServerFrame, from: WebSocket): void {
  for (const ws of ctx.getWebSockets()) if (ws !== from) sendFrame(ws, frame);
}
