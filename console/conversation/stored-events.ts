/**
 * @module Reading stored events leniently. A conversation's log outlives console
 * versions: a newer server may store an event type this console does not know, or a
 * shape it does not expect. Parsing the whole history page with the strict schema would
 * reject the page and leave the pane loading forever, so each event is validated on its
 * own and one that fails becomes an `UnknownEvent` that keeps its seq (the timeline shows
 * a line for it). Only an event without a usable seq is dropped: it has no place.
 */
import { z } from "zod";
import { ConversationEvent, History, ServerFrame } from "../../worker/protocol";
import type { FeedEvent, FeedFrame } from "../../client/feed";

const Placeable = z.object({ seq: z.number().int().positive() });

/** One stored event: the protocol's shape when it matches, else an unknown placeholder. */
export function readEvent(raw: unknown): FeedEvent | null {
  const known = ConversationEvent.safeParse(raw);
  if (known.success) return known.data;
  const placed = Placeable.safeParse(raw);
  if (!placed.success) return null;
  const fields = raw as { type?: unknown; at?: unknown };
  return {
    type: "unknown",
    seq: placed.data.seq,
    at: typeof fields.at === "number" && Number.isFinite(fields.at) ? fields.at : null,
    storedType: typeof fields.type === "string" ? fields.type.slice(0, 64) : "?",
  };
}

/** The protocol's history page with each event read by `readEvent`. */
export const LenientHistory = History.extend({
  events: z.array(z.unknown()).transform((list) => list.map(readEvent).filter((e): e is FeedEvent => e !== null)),
});

/** A room socket frame; an `event` frame whose event the console cannot read still
 * arrives (as unknown), so the log has no hole where it was. */
export function readFrame(raw: unknown): FeedFrame<FeedEvent> | null {
  if (typeof raw === "object" && raw !== null && (raw as { type?: unknown }).type === "event") {
    const event = readEvent((raw as { event?: unknown }).event);
    return event && { type: "event", event };
  }
  const frame = ServerFrame.safeParse(raw);
  return frame.success ? frame.data : null;
}
