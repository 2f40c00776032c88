/**
 * The widget's weight budget, measured on a fresh production build: the loader that
 * every page of every customer's site downloads ≤ 2 KB gzip, and everything the chat UI
 * loads before it is interactive ≤ 25 KB gzip (see bundle-size.ts for what counts).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHAT_UI_BUDGET, LOADER_BUDGET, widgetWeight, type WidgetWeight } from "./bundle-size";

const ROOT = resolve(import.meta.dirname, "../..");
const PINNED_NODE = join(ROOT, "node_modules/.bin/node");

/** Builds into a temporary directory, so a concurrent `vite build` into dist/ (the
 * browser tests do one) can neither race it nor be disturbed. */
async function build(outDir: string): Promise<void> {
  const vite = join(ROOT, "node_modules/vite/bin/vite.js");
  const child = spawn(existsSync(PINNED_NODE) ? PINNED_NODE : process.execPath, [vite, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output}`);
}

describe("widget size budget", () => {
  let outDir: string;
  let weight: WidgetWeight;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "switchboard-size-"));
    await build(outDir);
    weight = await widgetWeight(outDir);
  }, 120_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it(`keeps the loader (widget.js) at most ${LOADER_BUDGET} bytes gzip, in one classic script`, async () => {
    console.log(`widget.js: ${weight.loader.bytes} B, ${weight.loader.gzip} B gzip (budget ${LOADER_BUDGET})`);
    expect(weight.loader.gzip).toBeLessThanOrEqual(LOADER_BUDGET);
    // Self-contained: no module syntax, nothing else to fetch before the launcher shows.
    expect(await readFile(join(outDir, "widget.js"), "utf8")).not.toMatch(/\bimport\s*[({"']|\bexport\s/);
  });

  it(`keeps everything the chat UI loads before it is interactive at most ${CHAT_UI_BUDGET} bytes gzip`, async () => {
    const { files, gzip } = weight.chatUi;
    console.log(`chat UI: ${gzip} B gzip (budget ${CHAT_UI_BUDGET})\n${files.map((f) => `  ${f.file} ${f.gzip} B`).join("\n")}`);
    expect(files.some((f) => f.file.endsWith(".js"))).toBe(true);
    expect(files.some((f) => f.file.endsWith(".css"))).toBe(true);
    // Validation stays on the server: zod alone would cost more than the whole budget.
    for (const f of files.filter((f) => f.file.endsWith(".js"))) expect(await readFile(join(outDir, f.file), "utf8")).not.toMatch(/ZodError|\$ZodType/);
    expect(gzip).toBeLessThanOrEqual(CHAT_UI_BUDGET);
  });

  it("keeps the reports and uPlot out of the console's entry chunk: they load only when opened", async () => {
    const html = await readFile(join(outDir, "console/index.html"), "utf8");
    const entries = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const code = await readFile(join(outDir, entry), "utf8");
      // uPlot's own class names, and the reports page's heading id.
      expect(code, entry).not.toMatch(/u-legend|u-cursor-pt|report-overview/);
    }
    const assets = await readdir(join(outDir, "assets"));
    expect(assets.some((f) => /^reports-page-.*\.js$/.test(f))).toBe(true);
  });
});
