/**
 * @module A message's later changes folded over it. Delivery receipts, reactions, edits
 * and unsends are events of their own that name their message by seq; the room never
 * rewrites the message event it sent (protocol/events.ts), so the console shows each
 * message in its latest state and draws none of these as a line. Pure, for tests.
 */
import { deliveryAdvances, type Actor, type DeliveryEvent, type DeliveryStatus, type EditEvent, type ReactionEvent, type UnsendEvent } from "../../../worker/protocol";
import type { FeedEvent } from "../../../client/feed";

export type ChangeEvent = DeliveryEvent | ReactionEvent | EditEvent | UnsendEvent;

export interface Reaction {
  actor: Actor;
  emoji: string;
}

export interface MessageChanges {
  /** The message's delivery as its own event said, moved only forward by receipts. */
  delivery: { status: DeliveryStatus; error: string | null } | null;
  /** One per person (the latest they sent), in the order they first reacted. */
  reactions: Reaction[];
  /** The latest edit. */
  edit: { body: string; at: number } | null;
  unsentAt: number | null;
}

const CHANGE_TYPES: ReadonlySet<string> = new Set<ChangeEvent["type"]>(["delivery", "reaction", "edit", "unsend"]);

/** Whether an event changes an earlier message instead of standing on its own. */
export function isChange(event: FeedEvent): event is ChangeEvent {
  return CHANGE_TYPES.has(event.type);
}

const actorKey = (actor: Actor) => `${actor.type}:${actor.id ?? ""}`;

interface Draft extends Omit<MessageChanges, "reactions"> {
  reactions: Map<string, Reaction>;
}

function draftFor(map: Map<number, Draft>, seq: number): Draft {
  let draft = map.get(seq);
  if (!draft) {
    draft = { delivery: null, reactions: new Map(), edit: null, unsentAt: null };
    map.set(seq, draft);
  }
  return draft;
}

/** Each message's changes, by its seq, from a log in seq order. A change whose message is
 * on a page not loaded yet is kept too: the message shows it once that page arrives. */
export function foldChanges(events: readonly FeedEvent[]): ReadonlyMap<number, MessageChanges> {
  const drafts = new Map<number, Draft>();
  for (const e of events) {
    if (e.type === "message") {
      // The stored state is where receipts start from (e.g. `pending` in the queue).
      if (e.delivery !== null) draftFor(drafts, e.seq).delivery = { status: e.delivery, error: e.deliveryError ?? null };
      continue;
    }
    if (!isChange(e)) continue;
    const draft = draftFor(drafts, e.messageSeq);
    switch (e.type) {
      case "delivery":
        // Receipts arrive late and out of order; only a step forward counts, and
        // `failed` is final (deliveryAdvances, the room's own rule).
        if (deliveryAdvances(draft.delivery?.status ?? null, e.status)) draft.delivery = { status: e.status, error: e.status === "failed" ? e.error : null };
        break;
      case "reaction": {
        const key = actorKey(e.actor);
        // A Map keeps a key's first position when it is set again: a changed reaction
        // stays where it was.
        if (e.emoji === null) draft.reactions.delete(key);
        else draft.reactions.set(key, { actor: e.actor, emoji: e.emoji });
        break;
      }
      case "edit":
        draft.edit = { body: e.body, at: e.at };
        break;
      case "unsend":
        draft.unsentAt ??= e.at;
        break;
    }
  }
  const out = new Map<number, MessageChanges>();
  for (const [seq, d] of drafts) out.set(seq, { ...d, reactions: [...d.reactions.values()] });
  return out;
}

/** Reactions grouped by emoji, in the order each emoji first appeared. */
export function groupReactions(reactions: readonly Reaction[]): Array<{ emoji: string; actors: Actor[] }> {
  const groups = new Map<string, Actor[]>();
  for (const r of reactions) groups.set(r.emoji, [...(groups.get(r.emoji) ?? []), r.actor]);
  return [...groups].map(([emoji, actors]) => ({ emoji, actors }));
}
