/**
 * @module The channel benchmark's HTTP load: an offered load (requests scheduled at a
 * fixed rate, whatever the server does — open loop, so a slow server shows as latency
 * and backlog rather than as a politely slower client) with a bound on requests in
 * flight, as a provider's webhook sender has. Each shot records when it was due, when it
 * went out and when its answer came, so both the time to the 200 and the wait for a free
 * slot (the backlog a slow receiver builds up at the sender) can be told apart.
 */
import { performance } from "node:perf_hooks";

export interface Shot {
  index: number;
  /** When the schedule wanted it sent (ms, performance clock). */
  dueAt: number;
  startedAt: number;
  doneAt: number;
  /** HTTP status, or 0 when the request failed (network, timeout). */
  status: number;
}

export interface LoadRun {
  shots: Shot[];
  startedAt: number;
  /** Shots due in each whole second since the start, and those answered 200 in it. */
  offeredSeries: number[];
  completedSeries: number[];
}

/** Sends `count` requests at `rate` per second, at most `maxInFlight` at once; `fire(i)`
 * sends request i and resolves with its HTTP status. */
export async function offeredLoad(count: number, rate: number, maxInFlight: number, fire: (index: number) => Promise<number>): Promise<LoadRun> {
  const shots: Shot[] = [];
  const t0 = performance.now();
  let next = 0;
  let inFlight = 0;
  let finished = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      const due = Math.min(count, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
      while (next < due && inFlight < maxInFlight) {
        const shot: Shot = { index: next, dueAt: t0 + (next * 1000) / rate, startedAt: performance.now(), doneAt: NaN, status: 0 };
        shots.push(shot);
        next++;
        inFlight++;
        fire(shot.index)
          .catch(() => 0)
          .then((status) => {
            shot.status = status;
            shot.doneAt = performance.now();
            inFlight--;
            finished++;
            if (finished === count) {
              clearInterval(timer);
              resolve();
            } else pump();
          });
      }
    };
    const timer = setInterval(pump, 2);
    pump();
  });
  const seconds = Math.ceil(Math.max(...shots.map((s) => s.doneAt - t0)) / 1000);
  const offeredSeries = new Array<number>(Math.max(1, seconds)).fill(0);
  const completedSeries = new Array<number>(Math.max(1, seconds)).fill(0);
  for (const s of shots) {
    offeredSeries[Math.floor((s.dueAt - t0) / 1000)]!++;
    if (s.status === 200) completedSeries[Math.floor((s.doneAt - t0) / 1000)]!++;
  }
  return { shots, startedAt: t0, offeredSeries, completedSeries };
}

/** Fires `count` requests at once (as fast as the client can start them). */
export async function allAtOnce(count: number, fire: (index: number) => Promise<number>): Promise<Shot[]> {
  const shots = Array.from({ length: count }, (_, index): Shot => ({ index, dueAt: NaN, startedAt: NaN, doneAt: NaN, status: 0 }));
  await Promise.all(
    shots.map(async (shot) => {
      shot.startedAt = shot.dueAt = performance.now();
      shot.status = await fire(shot.index).catch(() => 0);
      shot.doneAt = performance.now();
    }),
  );
  return shots;
}

/** Fires `count` requests one after another, each once the previous one was answered. */
export async function oneAfterAnother(count: number, fire: (index: number) => Promise<number>): Promise<Shot[]> {
  const shots: Shot[] = [];
  for (let index = 0; index < count; index++) {
    const startedAt = performance.now();
    const status = await fire(index).catch(() => 0);
    shots.push({ index, dueAt: startedAt, startedAt, doneAt: performance.now(), status });
  }
  return shots;
}

/** Answers other than 200, counted by status ("0" = no answer). */
export function failuresOf(shots: readonly Shot[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of shots) if (s.status !== 200) out[String(s.status)] = (out[String(s.status)] ?? 0) + 1;
  return out;
}
