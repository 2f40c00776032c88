/**
 * TypingSignal: few frames for many keystrokes.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { TYPING_IDLE_MS, TYPING_REPEAT_MS, TypingSignal } from "../../client/typing";

afterEach(() => vi.useRealTimers());

describe("TypingSignal", () => {
  it("says on at the first key, repeats only every few seconds, and off after a pause", () => {
    vi.useFakeTimers();
    const sent: boolean[] = [];
    const signal = new TypingSignal((on) => sent.push(on));
    for (let i = 1; i <= 10; i++) signal.input("o".repeat(i));
    expect(sent).toEqual([true]);
    // A key every second: still typing, and "on" is repeated once the repeat time is up.
    for (let waited = 1000; waited < TYPING_REPEAT_MS; waited += 1000) {
      vi.advanceTimersByTime(1000);
      signal.input("olá");
    }
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1000);
    signal.input("olá!");
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent).toEqual([true, true, false]);
  });

  it("says off when the box is emptied or the message is sent, and never twice", () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal((on) => sent.push(on));
    signal.input("oi");
    signal.input("");
    signal.stop();
    expect(sent).toEqual([true, false]);
  });
});
