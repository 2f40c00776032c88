/**
 * @module A Worker whose D1 already holds conversations (the console benchmark's seeding,
 * test/bench/console-seed.ts: several channels, realistic names and messages) and one
 * Chromium, for the browser tests of a console with a backlog. Call inside a `describe`.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { seedConsoleConversations, type SeedOptions } from "../bench/console-seed";
import { startDevServer, type DevServer } from "../bench/server";
import { launchChromium } from "./browser";

export interface SeededWorker {
  readonly url: string;
  readonly browser: Browser;
}

export function useSeededWorker(chromePath: string, options: SeedOptions & { port: number }): SeededWorker {
  let server: DevServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const { port, ...seed } = options;
    server = await startDevServer({ port, beforeStart: ({ appDir, persistDir }) => seedConsoleConversations(appDir, persistDir, seed).then(() => undefined) });
    browser = await launchChromium(chromePath);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get url() {
      if (!server) throw new Error("the Worker is not running (beforeAll failed?)");
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not running (beforeAll failed?)");
      return browser;
    },
  };
}
