/**
 * @module The new-message chime: two short sine tones made with Web Audio, so there is
 * no audio file to download. The visitor's on/off choice is kept in storage.
 */
import { safeLocalStorage } from "../client/outbox";

const PREF_KEY = "switchboard:sound";
let context: AudioContext | null = null;

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

/** Plays the chime if the browser lets us. Autoplay rules may keep the context
 * suspended until the visitor has interacted with the chat; then it stays silent. */
export function chime(): void {
  try {
    context ??= new AudioContext();
    if (context.state === "suspended") void context.resume();
    const start = context.currentTime;
    for (const [offset, frequency] of [[0, 880], [0.12, 1320]] as const) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      osc.connect(gain).connect(context.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.25);
    }
  } catch {
    // No Web Audio here: a silent widget is still a working one.
  }
}
