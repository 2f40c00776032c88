/**
 * @module Whether this agent wants alerts (notification and sound) in this browser. Off
 * until they turn the bell on, which is also the click the browser needs before it lets
 * the page ask for notification permission or play sound.
 */
const KEY = "switchboard:console-alerts";

export function alertsEnabled(storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(KEY) === "on";
  } catch {
    return false;
  }
}

export function setAlertsEnabled(on: boolean, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, on ? "on" : "off");
  } catch {
    // Applies to this page only.
  }
}
