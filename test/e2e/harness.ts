/**
 * @module What every browser test needs: a fresh Worker (see worker-server.ts), one
 * Chromium, a page per simulated person (each in its own context, so cookies and
 * localStorage are theirs alone), screenshots, and uncaught page errors collected so a
 * test can assert there were none. Call `useBrowserHarness()` inside a `describe`.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, FrameLocator, Locator, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser";
import { startWorker, type WorkerServer } from "./worker-server";

const SCREENSHOTS = resolve(import.meta.dirname, "screenshots");
/** Live updates are pushed, so anything slower than this is a bug, not a slow machine. */
export const UI_TIMEOUT_MS = 15_000;

export interface BrowserHarness {
  readonly url: string;
  readonly pageErrors: readonly string[];
  /** A new browser context (a new person) with one page at `path` (on the Worker, or
   * an absolute URL such as a host page's). `options` e.g. `{ locale: "pt-BR" }`. */
  openPage: (path: string, setup?: (context: BrowserContext) => Promise<void>, options?: BrowserContextOptions) => Promise<Page>;
  screenshot: (page: Page, name: string) => Promise<void>;
  /** Runs `walk`; if it throws, saves `page` as screenshot `name` (what the page showed
   * when it failed) and rethrows. */
  screenshotOnFailure: (page: Page, name: string, walk: () => Promise<void>) => Promise<void>;
}

/** `vars` is read when the Worker starts (in beforeAll), so it may name what an earlier
 * beforeAll started, such as a stand-in provider API's port. */
export function useBrowserHarness(chromePath: string, options: { vars?: () => Record<string, string> } = {}): BrowserHarness {
  let server: WorkerServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const url = () => {
    if (!server) throw new Error("the Worker is not running (beforeAll failed?)");
    return server.url;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // allSettled: whichever started must still be stopped by afterAll if the other failed.
    const [worker, chromium] = await Promise.allSettled([startWorker({ vars: options.vars?.() }), launchChromium(chromePath)]);
    if (worker.status === "fulfilled") server = worker.value;
    if (chromium.status === "fulfilled") browser = chromium.value;
    for (const result of [worker, chromium]) if (result.status === "rejected") throw result.reason;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get url() {
      return url();
    },
    pageErrors,
    async openPage(path, setup, options) {
      if (!browser) throw new Error("Chromium is not running (beforeAll failed?)");
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
      await setup?.(context);
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      page.on("pageerror", (err) => pageErrors.push(`${path}: ${err.message}`));
      await page.goto(/^https?:/.test(path) ? path : url() + path);
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
    },
    async screenshotOnFailure(page, name, walk) {
      try {
        await walk();
      } catch (err) {
        await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
        throw err;
      }
    },
  };
}

/** The launcher button that widget.js draws (in its shadow root). */
export function launcher(page: Page): Locator {
  return page.locator("switchboard-widget").getByRole("button", { name: "Chat" });
}

/** Clicks the launcher and returns the chat iframe, ready to type in `textbox`'s name. */
export async function openWidget(page: Page, textbox = "Message"): Promise<FrameLocator> {
  await launcher(page).click();
  const chat = page.frameLocator('iframe[title="Chat"]');
  await chat.getByRole("textbox", { name: textbox }).waitFor();
  return chat;
}
