/**
 * @module TypingSignal: turns keystrokes into few `typing` frames. The first keystroke
 * says "on", a pause says "off", and while typing goes on "on" is repeated before the
 * other side's indicator would expire (feed.ts TYPING_TTL_MS), never once per key.
 */

/** Silence after the last keystroke that counts as having stopped typing. */
export const TYPING_IDLE_MS = 3_000;
/** How often "on" is repeated during a long stretch of typing. */
export const TYPING_REPEAT_MS = 5_000;

export class TypingSignal {
  private sentAt = 0;
  private on = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (on: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** A keystroke. An emptied box means no longer typing. */
  input(text: string): void {
    if (text.trim() === "") return this.stop();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
    if (this.on && this.now() - this.sentAt < TYPING_REPEAT_MS) return;
    this.on = true;
    this.sentAt = this.now();
    this.send(true);
  }

  /** The message was sent, or the box emptied, or the chat closed. */
  stop(): void {
    clearTimeout(this.idleTimer);
    if (!this.on) return;
    this.on = false;
    this.send(false);
  }
}
