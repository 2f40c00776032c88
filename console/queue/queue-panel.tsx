/**
 * @module The queue panel beside the list's views: per team of the agent, how many
 * customers wait and for how long ("3 waiting · oldest 4 min"), and the Next button that
 * assigns the longest-waiting one to the agent and opens it. The button turns red while
 * a priority customer waits in any of the agent's teams. Shift+N presses Next (the
 * `take-next` command from the console's shortcuts).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { onCommand } from "../commands";
import { ApiError } from "../api";
import type { ConversationStore } from "../list/conversation-store";
import { conversationPath, navigate } from "../router";
import { queueApi } from "./queue-api";
import { qs, type QueueStrings } from "./queue-strings";
import { useQueueStats } from "./use-queue-stats";
import "./queue.css";

export function QueuePanel(props: {
  store: ConversationStore;
  /** The team's name, or null while the directory has not said. */
  teamName: (teamId: string) => string | null;
  /** Tests render each language; the console uses the agent's. */
  strings?: QueueStrings;
  floorMs?: number;
}) {
  const t = props.strings ?? qs;
  const stats = useQueueStats(props.store, props.floorMs);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const teams = stats.teams ?? [];
  const priority = teams.some((team) => team.priorityWaiting);

  const takeNext = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const item = await queueApi.next();
      // Put it in the store first, so the list and the pane show it without a second read.
      props.store.putItem(item, "action");
      navigate(conversationPath(item.id));
    } catch (err) {
      setNotice(err instanceof ApiError && err.code === "queue_empty" ? t.empty : t.failed);
    } finally {
      setBusy(false);
      stats.refresh();
    }
  };

  // The shortcut presses the button: never while a take is already under way.
  const latest = useRef({ busy, takeNext });
  latest.current = { busy, takeNext };
  useEffect(
    () =>
      onCommand((command) => {
        if (command === "take-next" && !latest.current.busy) void latest.current.takeNext();
      }),
    [],
  );

  return (
    <section class="queue-panel" aria-label={t.panelLabel}>
      {teams.length > 0 && (
        <ul class="queue-teams">
          {teams.map((team) => {
            const name = props.teamName(team.teamId);
            const figures = team.oldestWaitMs === null || team.waiting === 0 ? t.waiting(team.waiting) : `${t.waiting(team.waiting)} · ${t.oldest(team.oldestWaitMs)}`;
            return (
              <li key={team.teamId} class="queue-team" data-team={team.teamId}>
                {name && <span class="queue-team-name">{name}</span>}
                <span class="queue-figures">{figures}</span>
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        class={`queue-next${priority ? " queue-next--priority" : ""}`}
        title={t.nextTitle}
        aria-description={priority ? t.priority : undefined}
        disabled={busy}
        onClick={() => void takeNext()}
      >
        {t.next}
      </button>
      {notice && (
        <p class="queue-notice" role="status">
          {notice}
        </p>
      )}
    </section>
  );
}
