/**
 * @module The header's availability toggle: the agent switches between online and away
 * (away: they keep their conversations but get no new ones). Shown once the server has
 * said which one is set; a failed change keeps the old state and says so.
 */
import { useEffect, useState } from "preact/hooks";
import type { Availability } from "../../worker/protocol";
import { statusApi } from "./status-api";
import { st } from "./status-strings";

export function AvailabilityToggle() {
  const [status, setStatus] = useState<Availability | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    // Without an answer there is nothing true to show: the toggle stays hidden.
    statusApi.mine().then(
      (s) => live && setStatus(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (!status) return null;
  const next: Availability = status === "online" ? "away" : "online";
  const change = async () => {
    setBusy(true);
    setFailed(false);
    try {
      setStatus(await statusApi.set(next));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="availability">
      <button
        type="button"
        class={`availability-toggle availability--${status}`}
        aria-label={st.toggleLabel(st.statuses[status])}
        title={next === "away" ? st.goAway : st.goOnline}
        aria-pressed={status === "away"}
        disabled={busy}
        onClick={() => void change()}
      >
        <span class={`status-dot status-dot--${status}`} aria-hidden="true" />
        {st.statuses[status]}
      </button>
      {failed && (
        <span class="availability-error" role="alert">
          {st.failed}
        </span>
      )}
    </span>
  );
}
