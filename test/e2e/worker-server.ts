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

export interface WorkerOptions {
  /** Worker variables set for this run only (`wrangler dev --var NAME:value`), e.g. a
   * provider's API URL pointed at a stand-in in the test process. */
  vars?: Record<string, string>;
}

export function startWorker(options: WorkerOptions = {}): Promise<WorkerServer> {
  const extraArgs = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  return startDevServer({ port: FIRST_PORT, extraArgs });
}
