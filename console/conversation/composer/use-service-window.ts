/**
 * @module useServiceWindow: the open conversation's messaging-window notice, kept current
 * as time passes (a timer re-renders when the window closes while the pane is open) and
 * after the room refuses a send as `outside_service_window` (until the customer writes
 * again, which opens a new window).
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { ChannelKind } from "../../../worker/protocol";
import type { FeedEvent } from "../../../client/feed";
import { lastInbound, serviceWindow, type WindowNotice } from "./service-window";

export interface ServiceWindowState {
  notice: WindowNotice | null;
  /** Call when the room refused a send as outside the window. */
  refused: () => void;
}

/** Browsers run a longer timeout at once (a 32-bit overflow); the 7-day window is within it. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function useServiceWindow(channel: ChannelKind | undefined, events: readonly FeedEvent[], hasOlder: boolean): ServiceWindowState {
  const inbound = useMemo(() => lastInbound(events, hasOlder), [events, hasOlder]);
  // The customer message the refusal came after (0: none known): a newer one clears it.
  const [refusedAfter, setRefusedAfter] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const inboundSeq = inbound?.seq ?? 0;
  const refused = refusedAfter !== null && refusedAfter >= inboundSeq;
  const { notice, changesAt } = channel ? serviceWindow({ channel, inbound, now: Date.now(), refused }) : { notice: null, changesAt: null };

  useEffect(() => {
    if (changesAt === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(MAX_TIMEOUT_MS, Math.max(0, changesAt - Date.now()) + 1_000));
    return () => clearTimeout(timer);
  }, [changesAt, now]);

  return { notice, refused: () => setRefusedAfter(inboundSeq) };
}
