/**
 * @module Runs the real Worker for browser tests: builds the front end, applies the D1
 * migrations to a throwaway state directory, starts `wrangler dev` on a free loopback
 * port and waits until `/api/health` answers. `stop()` kills wrangler's whole process
 * group (wrangler runs workerd as a child) and deletes the state.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = {
  vite: join(ROOT, "node_modules/vite/bin/vite.js"),
  wrangler: join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
};
/** The Node the project pins (the `node` devDependency; wrangler needs ≥ 22), whichever
 * Node happens to run vitest. */
const PINNED_NODE = join(ROOT, "node_modules/.bin/node");
const NODE = existsSync(PINNED_NODE) ? PINNED_NODE : process.execPath;
const STARTUP_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

export interface WorkerServer {
  url: string;
  stop: () => Promise<void>;
}

export async function startWorker(): Promise<WorkerServer> {
  // Always build: a stale dist/ would test yesterday's widget against today's Worker.
  await run(BIN.vite, ["build", "--logLevel", "warn"]);
  const state = await mkdtemp(join(tmpdir(), "switchboard-e2e-"));
  try {
    await run(BIN.wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  } catch (err) {
    await rm(state, { recursive: true, force: true });
    throw err;
  }

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const child = spawnTool(BIN.wrangler, [
    "dev",
    "--ip", "127.0.0.1",
    "--port", String(port),
    "--inspector-port", String(inspectorPort),
    "--persist-to", state,
    "--show-interactive-dev-session=false",
    "--live-reload=false",
  ]);
  const output = captureOutput(child);

  const stop = async () => {
    await killGroup(child);
    await rm(state, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- wrangler dev output ---\n${output()}`);
  }
  return { url, stop };
}

function spawnTool(script: string, args: string[]): ChildProcess {
  // Detached: wrangler gets its own process group, so one kill reaches workerd too.
  return spawn(NODE, [script, ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
}

function run(script: string, args: string[]): Promise<void> {
  const child = spawnTool(script, args);
  const output = captureOutput(child);
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("exit", (code) =>
      code === 0 ? done() : fail(new Error(`${script} ${args.join(" ")} exited with ${code}\n${output()}`)),
    );
  });
}

/** Keeps the last 20 kB of a child's output for error messages. */
function captureOutput(child: ChildProcess): () => string {
  let text = "";
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => text;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && ((await res.json()) as { ok?: unknown }).ok === true) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url}/api/health within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler by a moment; make sure nothing of the group is left.
  signal("SIGKILL");
}

/** A port the OS just handed out; it may be taken again before wrangler binds it, but on
 * a test machine that race is rare and fails loudly (wrangler exits early). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}
