/**
 * @module The chat's header: who the visitor talks to, whether the team is online, the
 * sound switch and the close button. "Online" is the team's presence as the visitor can
 * reach it: while the visitor's own connection is down it says so instead, since a green
 * dot then would promise an answer that cannot arrive.
 */
import type { WidgetConfig } from "../../worker/protocol";
import { useStrings } from "../i18n";

export function Header(props: {
  name: string;
  avatarUrl: string | null;
  presence: Pick<WidgetConfig, "online" | "withinBusinessHours"> | null;
  /** The visitor's own connection is down (see useOwnConnectionLost). */
  connectionLost: boolean;
  sound: boolean;
  onSound: (on: boolean) => void;
  /** Absent when there is nobody to close us (the chat opened as a page of its own). */
  onClose?: () => void;
}) {
  const s = useStrings();
  const presence = props.presence;
  const teamOnline = presence?.online === true && !props.connectionLost;
  const status = props.connectionLost ? s.youAreOffline : !presence ? null : presence.online ? s.online : presence.withinBusinessHours ? s.replySoon : s.away;
  return (
    <header class="sb-header">
      {props.avatarUrl && <img class="sb-avatar" src={props.avatarUrl} alt="" width={36} height={36} />}
      <div class="sb-heading">
        <h1 class="sb-title" id="sb-title">
          {props.name}
        </h1>
        {status && (
          <p class={`sb-presence${teamOnline ? " sb-presence--online" : ""}`}>
            {status}
          </p>
        )}
      </div>
      <button
        type="button"
        class="sb-icon-button"
        aria-pressed={props.sound}
        aria-label={props.sound ? s.soundOn : s.soundOff}
        title={props.sound ? s.soundOn : s.soundOff}
        onClick={() => props.onSound(!props.sound)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="currentColor" d="M3 9v6h4l5 4V5L7 9H3z" />
          {props.sound ? (
            <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" />
          ) : (
            <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M16 9l5 6M21 9l-5 6" />
          )}
        </svg>
      </button>
      {props.onClose && (
        <button type="button" class="sb-icon-button sb-close" aria-label={s.close} title={s.close} onClick={props.onClose}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      )}
    </header>
  );
}
