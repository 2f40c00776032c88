/**
 * @module The bell in the header: turns alerts on and off. Turning them on is the user
 * gesture the browser needs to ask for notification permission and to allow sound.
 */
import { useState } from "preact/hooks";
import { alertsEnabled, setAlertsEnabled } from "./alert-prefs";
import { unlockAudio } from "../../client/chime";
import { notificationPermission, requestNotificationPermission, type Permission } from "./desktop";
import { s } from "./strings";

export function useAlertToggle(): { enabled: boolean; permission: Permission; toggle: () => Promise<void> } {
  const [enabled, setEnabled] = useState(() => alertsEnabled());
  const [permission, setPermission] = useState<Permission>(() => notificationPermission());
  const toggle = async () => {
    const next = !enabled;
    setEnabled(next);
    setAlertsEnabled(next);
    if (!next) return;
    unlockAudio();
    setPermission(await requestNotificationPermission());
  };
  return { enabled, permission, toggle };
}

export function BellToggle(props: { enabled: boolean; permission: Permission; onToggle: () => void }) {
  const hint = !props.enabled ? s.bellOff : props.permission === "granted" ? s.bellOn : s.blocked;
  return (
    <button type="button" class="icon-button bell" aria-pressed={props.enabled} aria-label={s.bell} title={hint} onClick={props.onToggle}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        {!props.enabled && <path d="M3 3l18 18" />}
      </svg>
    </button>
  );
}
