/**
 * @module The alert sound: a short two-tone beep made with Web Audio, so there is no file
 * to load (the same idea as the widget's chime, pitched lower so an agent with the demo
 * page open can tell the two apart).
 */
let context: AudioContext | null = null;

/** Creates or resumes the audio context. Call from a user gesture (the bell toggle):
 * browsers keep audio suspended until the page has had one. */
export function unlockAudio(): void {
  try {
    awakeContext();
  } catch {
    // No Web Audio: alerts stay silent.
  }
}

function awakeContext(): AudioContext {
  context ??= new AudioContext();
  if (context.state === "suspended") void context.resume();
  return context;
}

export function beep(): void {
  try {
    const audio = awakeContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [[0, 660], [0.14, 990]] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.1, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.2);
    }
  } catch {
    // Silent is still working.
  }
}
