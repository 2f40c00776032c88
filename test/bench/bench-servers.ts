/**
 * @module The servers the bench measures: wrangler dev started fresh for each phase (or
 * `--url`'s, already running), what their logs say, and the run-then-stop wrapper every
 * phase uses.
 */
import { startDevServer, type DevServer, type DevServerOptions } from "./server.ts";
import { args, progress } from "./bench-args.ts";

/** The bench's Workers, relative to the repository root (see test/bench/bench-worker). */
export const SWITCHBOARD_ENTRY = "test/bench/bench-worker/switchboard-entry.ts";
export const RELAY_CONFIG = "test/bench/bench-worker/relay.wrangler.toml";

/** Lines the Worker or wrangler printed that look like trouble, minus known noise. */
export function serverTrouble(server: DevServer): string[] {
  const lines = server.logs();
  const trouble: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // wrangler tries to fetch Request.cf from workers.cloudflare.com; offline it warns
    // and falls back to a placeholder, followed by a stack trace.
    if (/Unable to fetch the `Request.cf` object/.test(line)) {
      while (i + 1 < lines.length && /^(Error: getaddrinfo|\s+at )/.test(lines[i + 1]!)) i++;
      continue;
    }
    // Request log lines look like `[wrangler:info] GET /api/health 200 OK (3ms)`.
    if (/error|warn|exception|uncaught|✘/i.test(line) || /\s5\d\d [A-Z]/.test(line)) trouble.push(line.trim());
  }
  return trouble;
}

export async function startServer(beforeStart?: DevServerOptions["beforeStart"], worker?: DevServerOptions["worker"], extraArgs?: string[]): Promise<DevServer> {
  if (args.url) {
    const url = new URL(args.url);
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error("--url must be a loopback address");
    return { url: url.origin, port: Number(url.port), inspectorPort: 0, persistDir: "", appDir: "", reloads: () => 0, logs: () => [], stop: async () => {}, workerdCpuMs: () => null, workerdRssKiB: () => null };
  }
  progress("starting wrangler dev");
  const server = await startDevServer({ beforeStart, worker, extraArgs, onLog: args.verbose ? (line) => console.error(`  [wrangler] ${line}`) : undefined });
  progress(`server up at ${server.url}`);
  return server;
}

/** A phase's result with what its server said meanwhile. */
export interface ServerRun<T> {
  result: T;
  trouble: string[];
  reloads: number;
}

/** Runs `work` against `server`, then stops it; a failure prints the server's last log
 * lines first, since the bench's own error rarely says why the Worker failed. */
export async function runThenStop<T>(server: DevServer, work: (server: DevServer) => Promise<T>, what = "server"): Promise<ServerRun<T>> {
  try {
    const result = await work(server);
    return { result, trouble: serverTrouble(server), reloads: server.reloads() };
  } catch (error) {
    console.error(`server log (last lines):\n${server.logs().slice(-30).join("\n")}`);
    throw error;
  } finally {
    progress(`stopping ${what}`);
    await server.stop();
  }
}

/** What to print under a phase's figures when its server restarted or complained. */
export function serverHealthLines(run: { trouble: string[]; reloads: number }): string[] {
  const lines: string[] = [];
  if (run.reloads > 0) lines.push(`wrangler restarted the Worker ${run.reloads} time(s) during the run: figures are invalid`);
  if (run.trouble.length > 0) lines.push(`server log: ${run.trouble.length} warning/error lines, first ones:\n${run.trouble.slice(0, 8).map((l) => `  | ${l}`).join("\n")}`);
  return lines;
}
