/**
 * The one new-message sound both apps play (client/chime.ts): two tones, the first at
 * the pitch the app asks for, and silence instead of an error where Web Audio is missing.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

/** Records the oscillators a chime starts; only what chime.ts calls is implemented. */
class FakeAudioContext {
  static instances: FakeAudioContext[] = [];
  state = "suspended";
  currentTime = 10;
  destination = {};
  started: { frequency: number; at: number }[] = [];
  resumed = 0;
  constructor() {
    FakeAudioContext.instances.push(this);
  }
  resume() {
    this.resumed++;
    this.state = "running";
    return Promise.resolve();
  }
  createGain() {
    const node = { gain: { setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} }, connect: (next: unknown) => next };
    return node;
  }
  createOscillator() {
    const osc = {
      type: "",
      frequency: { value: 0 },
      connect: (next: unknown) => next,
      start: (at: number) => this.started.push({ frequency: osc.frequency.value, at }),
      stop: () => {},
    };
    return osc;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeAudioContext.instances = [];
});

describe("chime", () => {
  it("plays two rising tones from the pitch each app passes, on one resumed audio context", async () => {
    vi.stubGlobal("AudioContext", FakeAudioContext);
    const { chime } = await import("../../client/chime");
    chime(880); // the widget's
    chime(660); // the console's
    expect(FakeAudioContext.instances).toHaveLength(1);
    const [audio] = FakeAudioContext.instances;
    expect(audio!.resumed).toBe(1);
    expect(audio!.started.map((s) => s.frequency)).toEqual([880, 1320, 660, 990]);
    // The first tone starts now, the second just after it.
    expect(audio!.started[0]!.at).toBe(10);
    expect(audio!.started[1]!.at).toBeGreaterThan(10);
  });

  it("wakes the audio context on unlock, so a later chime is not held back by autoplay rules", async () => {
    vi.stubGlobal("AudioContext", FakeAudioContext);
    const { unlockAudio } = await import("../../client/chime");
    unlockAudio();
    expect(FakeAudioContext.instances[0]?.state).toBe("running");
  });

  it("stays silent, without throwing, where the browser has no Web Audio", async () => {
    vi.stubGlobal("AudioContext", undefined);
    const { chime, unlockAudio } = await import("../../client/chime");
    expect(() => unlockAudio()).not.toThrow();
    expect(() => chime(660)).not.toThrow();
  });
});
