/**
 * @module What an erasure leaves of one stored conversation event (LGPD art. 18): the
 * pure rule the room applies to its log, written once so the room's replay, the D1 copy
 * and the tests agree. The event keeps its place and shape — seq, id, time, kind, author
 * type, status, rating — so reports still count it; its words and files go.
 *
 * Two scopes: `contact` (the contact's erasure: also the contact's own name on what they
 * sent, and the provider's delivery reasons, which may quote their number) and `text`
 * (an inbox's retention: message text and files only; the contact stays).
 */
import { REMOVED_TEXT, type ConversationEvent, type MessageEvent } from "../protocol";

export type ErasureScope = "contact" | "text";

/** Text that was there reads as REMOVED_TEXT; text that was empty stays empty. */
const removed = (text: string): string => (text === "" ? "" : REMOVED_TEXT);

/** The files (R2 ids) an event names: its attachments and an e-mail's HTML part and
 * original `.eml`. */
export function fileIdsOf(event: ConversationEvent): string[] {
  if (event.type !== "message") return [];
  const ids = (event.attachments ?? []).map((a) => a.id);
  if (event.content?.type === "email") {
    if (event.content.htmlFileId) ids.push(event.content.htmlFileId);
    if (event.content.rawFileId) ids.push(event.content.rawFileId);
  }
  return ids;
}

function erasedMessage(e: MessageEvent, scope: ErasureScope): MessageEvent {
  // Attachments and structured content (e-mail addresses and subject, a shared location or
  // contact card, template parameters) are dropped whole; both are optional in the shape.
  const { attachments: _a, content: _c, ...rest } = e;
  const out: MessageEvent = { ...rest, body: removed(e.body) };
  if (scope === "contact" && e.deliveryError) out.deliveryError = null;
  return out;
}

/** The event as it is kept after an erasure of `scope`. Idempotent: erasing an erased
 * event changes nothing. A `switch` over every type, so a new event type fails the
 * typecheck until someone decides what of it is personal. */
export function erasedEvent(event: ConversationEvent, scope: ErasureScope): ConversationEvent {
  const actor = scope === "contact" && event.actor.type === "contact" && event.actor.name != null ? { ...event.actor, name: null } : event.actor;
  const e = { ...event, actor } as ConversationEvent;
  switch (e.type) {
    case "message":
      return erasedMessage(e, scope);
    case "edit":
      return { ...e, body: removed(e.body) };
    case "csat":
      return { ...e, comment: removed(e.comment) };
    case "field":
      return { ...e, value: removed(e.value) };
    case "delivery":
      return scope === "contact" && e.error ? { ...e, error: null } : e;
    case "status":
    case "assignment":
    case "reachability":
    case "reaction":
    case "unsend":
    case "callback":
    case "automation":
      return e;
  }
}
