/**
 * Starts the real Worker under `wrangler dev` on loopback, with a fresh local D1 (all
 * migrations applied) and fresh Durable Object storage in a temporary directory, and
 * stops it again. The one way to run a Switchboard from Node: the benchmarks and the
 * browser tests (test/e2e/worker-server.ts) both use it.
 *
 *   const server = await startDevServer();
 *   try { await fetch(`${server.url}/api/health`) } finally { await server.stop() }
 *
 * By default the server runs a snapshot: wrangler.toml, worker/, migrations/ and the
 * built assets (`dist/public`, from `npm run build`) are copied into the temporary
 * directory first. `wrangler dev` watches its sources and restarts the Worker whenever
 * one changes, which drops every WebSocket; with a snapshot, edits or builds in the
 * working tree during a run cannot do that.
 *
 * wrangler and workerd run in their own process group, so `stop()` (and an exit or
 * Ctrl-C of this process) takes all of them down.
 *
 * A free port is found by probing, and wrangler binds it a few seconds later, so two runs
 * started at once (two test files, a test and a benchmark) can pick the same one. The
 * loser's wrangler then fails to bind while the winner's server answers on that port, and
 * a health check alone would take the winner's server for its own. So a server counts as
 * started only once its own wrangler says it is listening on the URL; when it reports
 * the address in use instead, it is stopped and started again on the next free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WRANGLER = join(REPO_ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const HOST = "127.0.0.1";
/** wrangler's line once it listens, and its error when the port (or the inspector's) was taken. */
const LISTENING = (url: string) => `Ready on ${url}`;
const ADDRESS_IN_USE = "Address already in use";
/** Ports lost to a concurrent run before giving up; each loss costs a wrangler start. */
const MAX_PORT_ATTEMPTS = 5;

export interface DevServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8790`. */
  readonly url: string;
  readonly port: number;
  /** wrangler's V8 inspector port (DevTools protocol): profiles the Worker's isolate. */
  readonly inspectorPort: number;
  /** The temporary directory holding this server's D1 and Durable Object state. */
  readonly persistDir: string;
  /** Where wrangler runs: the snapshot's directory, or the repository. */
  readonly appDir: string;
  /** How often wrangler restarted the Worker after a source change (drops all sockets). */
  reloads(): number;
  /** wrangler's and the Worker's console output so far (the last ~2,000 lines). */
  logs(): string[];
  /** Stops wrangler and workerd and deletes the state directory. Safe to call twice. */
  stop(): Promise<void>;
  /** CPU time (user + system, ms) its workerd processes have used so far, or null where
   * /proc cannot tell. CPU time, unlike latency, barely depends on what else the machine
   * runs, so it profiles a run on a busy machine. */
  workerdCpuMs(): number | null;
  /** Resident memory (KiB) of its workerd processes now, or null where /proc cannot tell. */
  workerdRssKiB(): number | null;
}

export interface DevServerOptions {
  /** First port to try; the next free one at or above it is used. Default 8790. */
  port?: number;
  /** How long to wait for `GET /api/health`. Default 90 s. */
  readyTimeoutMs?: number;
  /** Extra `wrangler dev` arguments, e.g. `["--var", "KEY:value"]`. */
  extraArgs?: string[];
  /** Called with each line wrangler or the Worker prints. */
  onLog?: (line: string) => void;
  /** Run a copy of the sources (default) rather than the working tree itself. */
  snapshot?: boolean;
  /** Runs after the migrations and before `wrangler dev` starts, e.g. to seed D1 with
   * `wrangler d1 execute --local --persist-to <persistDir>` (nothing else has it open). */
  beforeStart?: (dirs: { appDir: string; persistDir: string }) => Promise<void>;
  /** Another Worker than the production one (relative to the repository root): the
   * benchmark's wrapper entry (`script`), or a whole other config (`config`, e.g. the
   * bare relay floor, which has no D1 and so gets no migrations). */
  worker?: { script?: string; config?: string };
}

/** What `wrangler dev` needs from the repository, relative to its root. */
const SNAPSHOT_PATHS = ["wrangler.toml", "package.json", "tsconfig.json", "worker", "migrations", "dist/public", ".dev.vars", "test/bench/bench-worker"];

/** Copies the Worker's sources and built assets to `dir`; node_modules is linked. */
async function snapshotApp(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const path of SNAPSHOT_PATHS) {
    const from = join(REPO_ROOT, path);
    if (existsSync(from)) await cp(from, join(dir, path), { recursive: true });
  }
  await symlink(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
}

/** wrangler needs Node ≥ 22.12: the project pins it (the `node` devDependency), while
 * whatever runs this script (system node, vitest) may be older. */
const PINNED_NODE = join(REPO_ROOT, "node_modules", ".bin", "node");
const NODE = existsSync(PINNED_NODE) ? PINNED_NODE : process.execPath;

/** The servers the benchmarks start run without wrangler's local observability
 * collector unless X_LOCAL_OBSERVABILITY says otherwise. Since wrangler 4.1xx it is on
 * by default and attaches a streaming tail to every invocation (a socket message, an RPC,
 * a D1 call), traced and collected on the same workerd thread as the rooms: measured
 * 2026-12-07, it made a paced message cost 2.4× the CPU for the floor and 1.4× for
 * Switchboard. Production collects traces outside the Worker's thread, and the floor and
 * Switchboard get the same setting. README, "Chat, issue 10's second pass". */
export const LOCAL_OBSERVABILITY = process.env.X_LOCAL_OBSERVABILITY ?? "false";

function wranglerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1", FORCE_COLOR: "0", X_LOCAL_OBSERVABILITY: LOCAL_OBSERVABILITY };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

/** The first free port at or above `from` (loopback), skipping those in `taken`. */
export async function freePort(from: number, taken: number[] = []): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (!taken.includes(port) && (await portIsFree(port))) return port;
  }
  throw new Error(`no free port in ${from}–${from + 199}`);
}

/** Runs wrangler to completion; rejects with its output when it fails. */
export function runWrangler(cwd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [WRANGLER, ...args], { cwd, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/** Signals wrangler's whole process group (wrangler, its workerd children). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** What one wrangler start printed so far, as far as starting is concerned. */
interface StartSignals {
  url: string;
  /** It listens on `url`. */
  listening: boolean;
  /** It could not bind: another server took the port after we probed it. */
  addressInUse: boolean;
}

/** Waits until this wrangler listens on `url` and the Worker answers `GET /api/health`;
 * "address in use" when it could not bind instead. */
async function waitUntilServing(child: ChildProcess, signals: StartSignals, timeoutMs: number, logs: () => string[]): Promise<"serving" | "address in use"> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (signals.addressInUse) return "address in use";
    if (!running(child)) {
      // Its last lines may still be in the pipes: "close" comes once they are drained.
      await Promise.race([new Promise((r) => child.once("close", r)), new Promise((r) => setTimeout(r, 1_000))]);
      if (signals.addressInUse) return "address in use";
      throw new Error(`wrangler dev exited (${child.signalCode ?? `exit ${child.exitCode}`}) before it was ready:\n${logs().slice(-40).join("\n")}`);
    }
    // Until our wrangler listens, whatever answers on the port is someone else's server.
    if (signals.listening) {
      try {
        const res = await fetch(`${signals.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
        const body = await res.text();
        if (res.status === 200 && JSON.parse(body)?.ok === true) return "serving";
        last = `${res.status} ${body.slice(0, 200)}`;
      } catch (err) {
        last = String(err);
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev not healthy after ${timeoutMs} ms (last: ${last}):\n${logs().slice(-40).join("\n")}`);
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  if (!existsSync(join(REPO_ROOT, "dist", "public"))) {
    throw new Error("dist/public is missing: run `npm run build` first (wrangler serves the assets from there).");
  }
  const tempDir = await mkdtemp(join(tmpdir(), "switchboard-dev-"));
  const persistDir = join(tempDir, "state");
  const appDir = options.snapshot === false ? REPO_ROOT : join(tempDir, "app");
  let port = options.port ?? 8790;
  let inspectorPort = 0;

  const lines: string[] = [];
  let reloads = 0;
  const record = (chunk: Buffer, pending: { text: string }, signals: StartSignals) => {
    pending.text += chunk.toString();
    const parts = pending.text.split("\n");
    pending.text = parts.pop() ?? "";
    for (const raw of parts) {
      const line = raw.replace(/\x1b\[[0-9;]*m/g, ""); // workerd colours its warnings
      if (line.includes("Reloading local server")) reloads++;
      if (line.includes(LISTENING(signals.url))) signals.listening = true;
      if (line.includes(ADDRESS_IN_USE)) signals.addressInUse = true;
      lines.push(line);
      options.onLog?.(line);
    }
    if (lines.length > 2_500) lines.splice(0, lines.length - 2_000);
  };

  let child: ChildProcess | null = null;
  let stopped: Promise<void> | null = null;
  const onExit = () => child && running(child) && killGroup(child, "SIGKILL");
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    // The temp dir may stay behind here; it is in the OS temp directory.
    process.exit(signal === "SIGINT" ? 130 : 143);
  };

  /** Ends one wrangler and its workerd children. */
  const end = async (proc: ChildProcess): Promise<void> => {
    if (running(proc)) {
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      killGroup(proc, "SIGTERM");
      const timer = setTimeout(() => killGroup(proc, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // workerd children may outlive wrangler (or wrangler may have died): end the group.
    killGroup(proc, "SIGKILL");
  };

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.off("exit", onExit);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      if (child) await end(child);
      await rm(tempDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopped;
  };

  try {
    if (appDir !== REPO_ROOT) await snapshotApp(appDir);
    const config = options.worker?.config;
    // Generous: on a busy machine (several test runs at once) applying ~30 migrations has
    // taken 100–110 s (2026-12-07), past the 60 s this used to allow.
    if (!config) await runWrangler(appDir, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], 240_000);
    await options.beforeStart?.({ appDir, persistDir });
    process.on("exit", onExit);
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    for (let attempt = 1; ; attempt++) {
      port = await freePort(port);
      inspectorPort = await freePort(port + 1, [port]);
      const signals: StartSignals = { url: `http://${HOST}:${port}`, listening: false, addressInUse: false };
      child = spawn(
        NODE,
        [
          WRANGLER,
          "dev",
          "--ip",
          HOST,
          "--port",
          String(port),
          "--inspector-port",
          String(inspectorPort),
          "--persist-to",
          persistDir,
          "--show-interactive-dev-session=false",
          ...(config ? ["--config", config] : []),
          ...(options.worker?.script ? [options.worker.script] : []),
          ...(options.extraArgs ?? []),
        ],
        // detached: its own process group, so one signal reaches wrangler and workerd.
        { cwd: appDir, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true },
      );
      const out = { text: "" };
      const err = { text: "" };
      child.stdout!.on("data", (d: Buffer) => record(d, out, signals));
      child.stderr!.on("data", (d: Buffer) => record(d, err, signals));
      if ((await waitUntilServing(child, signals, options.readyTimeoutMs ?? 90_000, () => lines)) === "serving") break;
      await end(child);
      if (attempt === MAX_PORT_ATTEMPTS) throw new Error(`wrangler dev found its port taken ${attempt} times in a row (last ${port}/${inspectorPort})`);
      // Past both ports this attempt lost: the run that took them is probing nearby too.
      port = inspectorPort + 1;
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const group = child!.pid!;
  return { url: `http://${HOST}:${port}`, port, inspectorPort, persistDir, appDir, reloads: () => reloads, logs: () => [...lines], stop, workerdCpuMs: () => groupCpuMs(group, "workerd"), workerdRssKiB: () => groupRssKiB(group, "workerd") };
}

/** Resident memory (VmRSS, KiB) of the processes named `name` in process group `group`. */
function groupRssKiB(group: number, name: string): number | null {
  let total = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group || !comm.startsWith(name)) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += Number(rss?.[1] ?? 0);
      found = true;
    } catch {
      // ended meanwhile
    }
  }
  return found ? total : null;
}

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU ms used so far by the processes named `name` in process group `group`. */
function groupCpuMs(group: number, name: string): number | null {
  let ticks = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid pgrp … utime stime …": comm may hold spaces, so split after ")".
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== group || !comm.startsWith(name)) continue;
    found = true;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return found ? (ticks * 1000) / USER_HZ : null;
}
