/**
 * @module The widget's new-message chime (the shared sound in client/chime.ts, at the
 * widget's pitch) and the visitor's on/off choice, kept in storage.
 */
import { chime as playChime } from "../client/chime";
import { safeLocalStorage } from "../client/outbox";

const PREF_KEY = "switchboard:sound";

export function soundEnabled(storage = safeLocalStorage()): boolean {
  try {
    return storage?.getItem(PREF_KEY) !== "off";
  } catch {
    return true;
  }
}

export function setSoundEnabled(on: boolean, storage = safeLocalStorage()): void {
  try {
    storage?.setItem(PREF_KEY, on ? "on" : "off");
  } catch {
    // Not remembered; it still applies to this page.
  }
}

/** The widget's pitch: higher than the console's, so the two sound different side by side. */
const CHIME_PITCH_HZ = 880;

/** Plays the new-message chime, if the browser lets us (see client/chime.ts). */
export function chime(): void {
  playChime(CHIME_PITCH_HZ);
}
