/**
 * @module The new-message sound of both apps: two short sine tones made with Web Audio,
 * so there is no audio file to download. Each app passes its own pitch (the widget's is
 * higher than the console's), so an agent with the demo page open can tell the two apart.
 */
let context: AudioContext | null = null;

/** The second tone is a fifth above the first: a rising "ding-dong" at any pitch. */
const SECOND_TONE_RATIO = 1.5;
const SECOND_TONE_AFTER_S = 0.13;
const TONE_LENGTH_S = 0.22;
const VOLUME = 0.09;

/** Creates or resumes the audio context. Call it from a user gesture (a click on a sound
 * toggle): browsers keep audio suspended until the page has had one. */
export function unlockAudio(): void {
  try {
    awakeContext();
  } catch {
    // No Web Audio here: sounds stay silent.
  }
}

function awakeContext(): AudioContext {
  context ??= new AudioContext();
  if (context.state === "suspended") void context.resume();
  return context;
}

/** Plays the two tones, the first at `pitchHz`, if the browser lets us. Autoplay rules may
 * keep the context suspended until the user has interacted with the page; then it stays
 * silent. */
export function chime(pitchHz: number): void {
  try {
    const audio = awakeContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [[0, pitchHz], [SECOND_TONE_AFTER_S, pitchHz * SECOND_TONE_RATIO]] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(VOLUME, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + TONE_LENGTH_S);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + TONE_LENGTH_S);
    }
  } catch {
    // No Web Audio here: a silent app is still a working one.
  }
}
