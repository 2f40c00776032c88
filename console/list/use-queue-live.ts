/**
 * @module useQueueLive: the team queue sockets that keep the store current. One socket
 * per team the agent belongs to (an agent in no team gets the default team's), each
 * pushing every conversation change of its team. A frame that moves a conversation on
 * triggers a fetch of this agent's item (see ItemRefresher) — except for the one the
 * agent is reading right now, which is read by definition.
 *
 * The queue sends no greeting and replays nothing: a change made while a socket was not
 * yet (or no longer) connected reaches this tab only through what it loads after the
 * socket is up. So the hook says when the feed last became whole (`since`), and what was
 * loaded before that moment is loaded again (use-conversation-list.ts, view-counts.ts).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { QueueFrame } from "../../worker/protocol";
import { LiveSocket, type ConnectionState } from "../../client/socket";
import { api, socketUrl } from "../api";
import type { ConversationStore } from "./conversation-store";
import { ItemRefresher } from "./item-refresher";

/** Teams beyond this many share nothing with the agent's daily work; more sockets would
 * only cost. */
const MAX_TEAM_SOCKETS = 5;

export interface LiveFeed {
  /** Online only when every socket is; offline as soon as one is. */
  state: ConnectionState;
  /** When every socket was last (re)connected, on `performance.now()`'s clock; null
   * while the feed is not whole. */
  since: number | null;
}

export function useQueueLive(opts: {
  store: ConversationStore;
  teamIds: readonly string[];
  /** True for the conversation open on screen while the tab is visible. */
  isReading: (id: string) => boolean;
}): LiveFeed {
  const [feed, setFeed] = useState<LiveFeed>({ state: "connecting", since: null });
  const latest = useRef(opts);
  latest.current = opts;
  const teamsKey = opts.teamIds.slice(0, MAX_TEAM_SOCKETS).join(",");

  useEffect(() => {
    const { store } = latest.current;
    const refresher = new ItemRefresher(
      async (id) => (await api.conversation(id)).conversation,
      (item) => store.putItem(item, "live"),
    );
    const teams: (string | null)[] = teamsKey ? teamsKey.split(",") : [null];
    const states: ConnectionState[] = teams.map(() => "connecting");
    let reported: ConnectionState = "connecting";
    setFeed({ state: reported, since: null });
    const report = () => {
      const state = combined(states);
      if (state === reported) return;
      reported = state;
      setFeed({ state, since: state === "online" ? performance.now() : null });
    };
    const sockets = teams.map((team, index) => {
      const socket: LiveSocket = new LiveSocket({
        url: () => socketUrl("/api/v1/queue/ws", team ? { team } : {}),
        onFrame: (raw) => {
          const frame = QueueFrame.safeParse(raw);
          if (!frame.success || frame.data.type !== "conversation") return;
          const summary = frame.data.conversation;
          const result = store.putSummary(summary);
          if (result !== "new" && result !== "advanced") return;
          if (latest.current.isReading(summary.id)) store.patch(summary.id, { unread: 0, readSeq: summary.lastSeq }, "live");
          else refresher.request(summary.id);
        },
        onState: (state) => {
          states[index] = state;
          // The queue sends no greeting, so an open socket is as healthy as it gets.
          if (state === "online") socket.markHealthy();
          report();
        },
      });
      return socket;
    });
    return () => {
      for (const socket of sockets) socket.close();
    };
  }, [teamsKey]);

  return feed;
}

function combined(states: readonly ConnectionState[]): ConnectionState {
  if (states.includes("offline")) return "offline";
  if (states.every((s) => s === "online")) return "online";
  return "connecting";
}
