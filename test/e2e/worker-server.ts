/**
 * @module The real Worker for browser tests: the same `wrangler dev` runner the benchmarks
 * use (test/bench/server.ts), on a snapshot of the sources and a throwaway state
 * directory. The snapshot matters here: a `vite build` in the working tree while a test
 * runs would otherwise make wrangler reload and drop every socket. The front end is built
 * once per run, before any test, by build-front-end.ts (vitest globalSetup).
 */
import { startDevServer, type DevServer } from "../bench/server";

export type WorkerServer = Pick<DevServer, "url" | "stop">;

/** Well away from `npm run dev` (8787) and the benchmarks (8790). */
const FIRST_PORT = 8890;

export function startWorker(): Promise<WorkerServer> {
  return startDevServer({ port: FIRST_PORT });
}
