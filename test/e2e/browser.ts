/**
 * @module Chromium for the browser tests, through playwright-core (no bundled browsers:
 * Debian's `chromium` package, or CHROME_PATH). On CI a missing browser is a failure, so
 * the suite can never pass by silently testing nothing; locally it is a skip.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CHROME_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser's path, or null (after saying why) when tests should skip. Throws on CI. */
export function findChromium(): string | null {
  if (existsSync(CHROME_PATH)) return CHROME_PATH;
  const why = `No Chromium at ${CHROME_PATH}. Install it (apt-get install chromium) or set CHROME_PATH.`;
  if (process.env.CI === "true") throw new Error(`${why} CI must run the browser tests.`);
  console.warn(`Skipping browser end-to-end tests: ${why}`);
  return null;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}
