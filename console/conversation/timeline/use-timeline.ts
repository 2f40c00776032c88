/**
 * @module useTimeline: the open conversation's events for an agent. The live part is the
 * shared ConversationFeed (history, then the room's socket resuming with `after=`, the
 * outbox of unacknowledged sends, typing and read marks). What differs from the widget is
 * where it starts: a long conversation opens at its latest page (or a little before a
 * search hit) instead of at seq 1, and earlier pages load on demand. That works because
 * an agent's seqs are gapless, so `after = first - 1 - PAGE` addresses the page before.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { MAX_PAGE_SIZE } from "../../../worker/protocol/limits";
import { ConversationFeed, type FeedEvent, type FeedSnapshot } from "../../../client/feed";
import { Outbox } from "../../../client/outbox";
import { useFeed } from "../../../client/use-feed";
import { socketUrl } from "../../api";
import { paneApi } from "../api";
import { readFrame } from "../stored-events";

/** Events shown when a conversation opens, and per "load earlier" step. */
export const PAGE_SIZE = 50;
/** A search hit opens with this many events of context above it. */
const HIT_CONTEXT = 5;

export interface TimelineOptions {
  id: string;
  agentId: string;
  /** The list's last seq for this conversation, if known: saves one round trip. */
  knownLastSeq: number | undefined;
  atSeq: number | null;
  onLiveEvent: (event: FeedEvent) => void;
  /** The room refused one of this agent's sends with this code (e.g.
   * `outside_service_window`): the composer explains it. */
  onSendRefused?: (code: string) => void;
}

export interface Timeline {
  feed: ConversationFeed<FeedEvent>;
  snapshot: FeedSnapshot<FeedEvent>;
  /** Earlier pages, then the feed's events: the whole loaded log in seq order. */
  events: readonly FeedEvent[];
  /** The first page has arrived (before it, an empty list means "not loaded yet"). */
  loaded: boolean;
  loadError: unknown;
  hasOlder: boolean;
  olderState: "idle" | "loading" | "failed";
  loadOlder: () => Promise<void>;
  /** Loads back to a little before `seq` if it is older than what is loaded (a second
   * search hit in the same conversation). */
  reveal: (seq: number) => Promise<void>;
}

/** Where the first page starts: the last PAGE_SIZE events, or earlier to include a hit. */
export function startAfter(lastSeq: number, atSeq: number | null): number {
  const latest = Math.max(0, lastSeq - PAGE_SIZE);
  return atSeq === null ? latest : Math.min(latest, Math.max(0, atSeq - 1 - HIT_CONTEXT));
}

/** The window just before `firstSeq`: `after` and `limit` for the history call. */
export function olderWindow(firstSeq: number): { after: number; limit: number } {
  const after = Math.max(0, firstSeq - 1 - PAGE_SIZE);
  return { after, limit: firstSeq - 1 - after };
}

export function createAgentFeed(options: TimelineOptions, onLive: (event: FeedEvent) => void, onRefused: (code: string) => void = () => {}): ConversationFeed<FeedEvent> {
  const { id, agentId } = options;
  let first = true;
  return new ConversationFeed<FeedEvent>({
    loadHistory: async (after) => {
      if (first && after === 0) {
        first = false;
        const lastSeq = options.knownLastSeq ?? (await paneApi.history(id, 0, 1)).lastSeq;
        return paneApi.history(id, startAfter(lastSeq, options.atSeq), MAX_PAGE_SIZE);
      }
      return paneApi.history(id, after, MAX_PAGE_SIZE);
    },
    socketUrl: (after) => socketUrl(`/api/v1/conversations/${encodeURIComponent(id)}/ws`, { after: String(after) }),
    parseFrame: (raw) => {
      const frame = readFrame(raw);
      // The feed keeps only the refusal's message on the pending send; the code is what
      // tells the pane why (a closed messaging window offers a template).
      if (frame?.type === "error" && frame.clientId !== undefined) onRefused(frame.code);
      return frame;
    },
    // Keyed by agent too: a clientId is scoped to its sender, so another agent signing in
    // on this browser must not resend these under their own name.
    outbox: new Outbox(`switchboard:agent-outbox:${agentId}:${id}`),
    onLiveEvent: onLive,
  });
}

export function useTimeline(options: TimelineOptions): Timeline {
  const onLiveRef = useRef(options.onLiveEvent);
  onLiveRef.current = options.onLiveEvent;
  const onRefusedRef = useRef(options.onSendRefused);
  onRefusedRef.current = options.onSendRefused;
  const [feed] = useState(() =>
    createAgentFeed(
      options,
      (event) => onLiveRef.current(event),
      (code) => onRefusedRef.current?.(code),
    ),
  );
  const snapshot = useFeed(feed);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [older, setOlder] = useState<readonly FeedEvent[]>([]);
  const [olderState, setOlderState] = useState<Timeline["olderState"]>("idle");

  useEffect(() => {
    feed.start().then(
      () => setLoaded(true),
      (err: unknown) => setLoadError(err ?? new Error("history failed")),
    );
    return () => feed.stop();
  }, [feed]);

  const events = useMemo(() => (older.length === 0 ? snapshot.events : [...older, ...snapshot.events]), [older, snapshot.events]);
  const firstSeq = events[0]?.seq ?? null;
  const hasOlder = loaded && firstSeq !== null && firstSeq > 1;

  const busy = useRef(false);
  /** Loads every event after `from` and before the first loaded one, page by page. */
  const loadBefore = useCallback(
    async (from: number) => {
      if (busy.current || firstSeq === null || from >= firstSeq - 1) return;
      busy.current = true;
      setOlderState("loading");
      try {
        const earlier: FeedEvent[] = [];
        for (let after = from; after < firstSeq - 1; ) {
          const page = await paneApi.history(options.id, after, Math.min(MAX_PAGE_SIZE, firstSeq - 1 - after));
          const got = page.events.filter((e) => e.seq < firstSeq);
          if (got.length === 0) break;
          earlier.push(...got);
          after = got[got.length - 1]!.seq;
        }
        setOlder((current) => [...earlier, ...current]);
        setOlderState("idle");
      } catch {
        setOlderState("failed");
      } finally {
        busy.current = false;
      }
    },
    [firstSeq, options.id],
  );
  const loadOlder = useCallback(() => loadBefore(firstSeq === null ? 0 : olderWindow(firstSeq).after), [loadBefore, firstSeq]);
  const reveal = useCallback((seq: number) => loadBefore(Math.max(0, seq - 1 - HIT_CONTEXT)), [loadBefore]);

  return { feed, snapshot, events, loaded, loadError, hasOlder, olderState, loadOlder, reveal };
}
