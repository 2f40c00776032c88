/**
 * @module useQueueStats: the caller's teams' queue figures, read again whenever the
 * list's live sockets report a change (a conversation arriving, taken or resolved moves
 * the queue) and every 15 s regardless, so the oldest wait keeps counting and a missed
 * frame costs at most one interval. A failed read keeps the figures already shown.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { TeamQueueStats } from "../../worker/protocol";
import type { ConversationStore } from "../list/conversation-store";
import { queueApi } from "./queue-api";

/** The floor: figures are never older than this, sockets or not. */
export const QUEUE_REFRESH_MS = 15_000;

export function useQueueStats(store: ConversationStore, floorMs = QUEUE_REFRESH_MS): { teams: readonly TeamQueueStats[] | null; refresh: () => void } {
  const [teams, setTeams] = useState<readonly TeamQueueStats[] | null>(null);
  // One read at a time: changes that arrive during a read ask for one more, not one each,
  // so a burst of frames costs two reads and the last answer is never an older one.
  const reading = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);

  const refresh = useCallback(() => {
    if (reading.current) {
      again.current = true;
      return;
    }
    reading.current = true;
    queueApi.stats().then(
      (t) => alive.current && setTeams(t),
      () => undefined,
    ).finally(() => {
      reading.current = false;
      if (again.current && alive.current) {
        again.current = false;
        refresh();
      }
    });
  }, []);

  useEffect(() => {
    alive.current = true;
    refresh();
    const timer = setInterval(refresh, floorMs);
    const unsubscribe = store.subscribe((change) => {
      if (change.source === "live") refresh();
    });
    return () => {
      alive.current = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [store, floorMs, refresh]);

  return { teams, refresh };
}
