/**
 * `npm run dev`'s simulator step (scripts/simulator-vars.ts): .dev.vars gets
 * DEV_SIMULATOR=1 and the provider URLs pointing at the stand-in Graph, Telegram Bot and
 * Twilio APIs when it lacks them; lines the developer set, and every other line, are kept.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureSimulatorVars, withSimulatorVars } from "../../scripts/simulator-vars";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const GRAPH = "http://localhost:8787/dev/simulator/graph/v23.0";
const TELEGRAM = "http://localhost:8787/dev/simulator/telegram";
const TWILIO = "http://localhost:8787/dev/simulator/twilio";

describe("simulator vars in .dev.vars", () => {
  it("adds the five lines to an empty file, then leaves it alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-vars-"));
    dirs.push(dir);
    expect(ensureSimulatorVars(dir)).toBe(true);
    const text = readFileSync(join(dir, ".dev.vars"), "utf8");
    const vars = text.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(vars).toEqual(["DEV_SIMULATOR=1", `WHATSAPP_API_URL=${GRAPH}`, `META_API_URL=${GRAPH}`, `TELEGRAM_API_URL=${TELEGRAM}`, `TWILIO_API_URL=${TWILIO}`]);
    expect(ensureSimulatorVars(dir)).toBe(false);
    expect(readFileSync(join(dir, ".dev.vars"), "utf8")).toBe(text);
  });

  it("keeps the key and the lines a developer set, adding only what is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-vars-"));
    dirs.push(dir);
    writeFileSync(join(dir, ".dev.vars"), "CREDENTIALS_KEY=abc=\nMETA_API_URL=https://graph.facebook.com/v23.0");
    expect(ensureSimulatorVars(dir)).toBe(true);
    const lines = readFileSync(join(dir, ".dev.vars"), "utf8").split("\n");
    expect(lines.slice(0, 2)).toEqual(["CREDENTIALS_KEY=abc=", "META_API_URL=https://graph.facebook.com/v23.0"]);
    expect(lines.filter((l) => /^[A-Z_]+=/.test(l))).toEqual(["CREDENTIALS_KEY=abc=", "META_API_URL=https://graph.facebook.com/v23.0", "DEV_SIMULATOR=1", `WHATSAPP_API_URL=${GRAPH}`, `TELEGRAM_API_URL=${TELEGRAM}`, `TWILIO_API_URL=${TWILIO}`]);
  });

  it("takes a switched-off simulator as the developer's choice", () => {
    expect(withSimulatorVars(`DEV_SIMULATOR=0\nWHATSAPP_API_URL=x\n META_API_URL = y\nTELEGRAM_API_URL=z\nTWILIO_API_URL=w\n`)).toBeNull();
  });
});
