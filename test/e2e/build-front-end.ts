/**
 * @module vitest globalSetup of the browser tests: builds widget and console into
 * dist/public once per run, so no test runs yesterday's front end against today's Worker.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const PINNED_NODE = join(ROOT, "node_modules/.bin/node");

export default async function buildFrontEnd(): Promise<void> {
  const child = spawn(existsSync(PINNED_NODE) ? PINNED_NODE : process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((done, fail) => {
    child.once("error", fail);
    child.once("exit", done);
  });
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output}`);
}
