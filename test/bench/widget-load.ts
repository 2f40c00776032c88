/// <reference lib="dom" />
// (The functions passed to the browser run there, with its DOM.)
/**
 * Widget load times in headless Chromium on loopback, on a host page of its own origin
 * (as a customer's site would be), each load in a fresh browser context (no cache, no
 * storage) unless said otherwise:
 *
 * - launcher visible: navigation start → the first frame after widget.js put the
 *   launcher on the page (first visit: includes fetching the config; repeat visit:
 *   drawn from the config kept first-party, assets revalidated from the HTTP cache);
 * - click → chat interactive: the launcher click → the chat UI's message box is shown
 *   and focusable (`switchboard:interactive` User Timing mark), for a new visitor
 *   (so it includes creating the session and loading the empty history), once with
 *   the chat preloaded on idle and once clicked before the preload could start.
 *
 * Both clocks are `performance.timeOrigin + now()`, which Chromium keeps comparable
 * across the host page and the cross-origin iframe.
 */
import type { BrowserContext, Frame, Page } from "playwright-core";
import { findChromium, launchChromium } from "../e2e/browser.ts";
import { hostPageHtml, serveHostPage } from "../e2e/host-page.ts";
import type { WidgetWeight } from "../e2e/bundle-size.ts";
import { createWebchatInbox, ownerSession } from "./api.ts";
import { fmt, summarize, type Summary } from "./stats.ts";

export interface WidgetLoadOptions {
  /** Loads per figure (the README quotes medians of 20). */
  loads: number;
  log: (line: string) => void;
}

export interface WidgetLoadResult {
  loads: number;
  launcherFirstVisit: Summary;
  launcherRepeatVisit: Summary;
  openPreloaded: Summary;
  openBeforePreload: Summary;
}

declare global {
  interface Window {
    __sbLauncherPainted?: number;
    __sbClickAt?: number;
  }
}

/** Runs in the host page before any of its scripts: times the launcher's first frame
 * and the click, from the page's side. */
function instrument() {
  if (window !== window.top) return;
  new MutationObserver((records, observer) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeName !== "SWITCHBOARD-WIDGET") continue;
        observer.disconnect();
        requestAnimationFrame(() => (window.__sbLauncherPainted = performance.now()));
        return;
      }
    }
  }).observe(document, { childList: true, subtree: true });
  addEventListener("click", (e) => (window.__sbClickAt ??= e.timeStamp), true);
}

async function newVisitor(contexts: BrowserContext[], browser: Awaited<ReturnType<typeof launchChromium>>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  await context.addInitScript(instrument);
  return context.newPage();
}

async function launcherPainted(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__sbLauncherPainted !== undefined, undefined, { timeout: 15_000 });
  return page.evaluate(() => window.__sbLauncherPainted!);
}

async function chatFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector("switchboard-widget iframe", { state: "attached" });
  return (await element.contentFrame())!;
}

/** Clicks the launcher; ms from that click to the chat's interactive mark. */
async function clickToInteractive(page: Page): Promise<number> {
  await page.locator("switchboard-widget button").click();
  const frame = await chatFrame(page);
  await frame.waitForFunction(() => performance.getEntriesByName("switchboard:interactive").length > 0, undefined, { timeout: 15_000 });
  const interactiveAt = await frame.evaluate(() => performance.timeOrigin + performance.getEntriesByName("switchboard:interactive")[0]!.startTime);
  const clickAt = await page.evaluate(() => performance.timeOrigin + window.__sbClickAt!);
  return interactiveAt - clickAt;
}

export async function runWidgetLoadBench(baseUrl: string, options: WidgetLoadOptions): Promise<WidgetLoadResult> {
  const chromePath = findChromium();
  if (!chromePath) throw new Error("no Chromium: set CHROME_PATH or install chromium");
  const cookie = await ownerSession(baseUrl);
  const inbox = await createWebchatInbox(baseUrl, cookie, "Widget bench");
  const site = await serveHostPage(hostPageHtml(baseUrl, inbox.publicKey, { css: "body { font: 16px system-ui, sans-serif; margin: 40px; }" }));
  const browser = await launchChromium(chromePath);
  const samples = { launcherFirstVisit: [] as number[], launcherRepeatVisit: [] as number[], openPreloaded: [] as number[], openBeforePreload: [] as number[] };
  try {
    // One untimed round, so the first timed one does not pay for Worker and browser start-up.
    for (let i = 0; i <= options.loads; i++) {
      const timed = i > 0;
      const contexts: BrowserContext[] = [];
      // First visit, then a click before the chat has been preloaded.
      const first = await newVisitor(contexts, browser);
      await first.goto(site.url, { waitUntil: "commit" });
      const launcherMs = await launcherPainted(first);
      const openEarlyMs = await clickToInteractive(first);

      // First visit, the chat preloaded on idle (its `ready` event), then the click.
      const second = await newVisitor(contexts, browser);
      await second.goto(site.url);
      await second.waitForFunction(() => typeof (window as { Switchboard?: { on?: unknown } }).Switchboard?.on === "function");
      await second.evaluate(() => new Promise<void>((ready) => (window as unknown as { Switchboard: { on: (n: string, f: () => void) => void } }).Switchboard.on("ready", ready)));
      const openPreloadedMs = await clickToInteractive(second);

      // A repeat visit: the same browser, config and token from first-party storage.
      await second.reload({ waitUntil: "commit" });
      const repeatMs = await launcherPainted(second);

      for (const context of contexts) await context.close();
      if (!timed) continue;
      samples.launcherFirstVisit.push(launcherMs);
      samples.openBeforePreload.push(openEarlyMs);
      samples.openPreloaded.push(openPreloadedMs);
      samples.launcherRepeatVisit.push(repeatMs);
      if (i % 5 === 0) options.log(`widget loads: ${i}/${options.loads}`);
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return {
    loads: options.loads,
    launcherFirstVisit: summarize(samples.launcherFirstVisit),
    launcherRepeatVisit: summarize(samples.launcherRepeatVisit),
    openPreloaded: summarize(samples.openPreloaded),
    openBeforePreload: summarize(samples.openBeforePreload),
  };
}

/** The figures as `npm run bench` prints them, with the built widget's weight beside. */
export function formatWidgetLoad(r: WidgetLoadResult, weight: WidgetWeight): string {
  const row = (name: string, s: Summary) => `  ${name.padEnd(44)} ${fmt(s.p50, 0).padStart(6)} ${fmt(s.p90, 0).padStart(6)} ${fmt(s.max, 0).padStart(6)}`;
  const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
  return [
    "",
    `Widget (headless Chromium, loopback, host page on its own origin, ${r.loads} loads each, ms)`,
    `  ${"".padEnd(44)} ${"p50".padStart(6)} ${"p90".padStart(6)} ${"max".padStart(6)}`,
    row("page load → launcher visible (first visit)", r.launcherFirstVisit),
    row("page load → launcher visible (repeat visit)", r.launcherRepeatVisit),
    row("click → chat interactive (preloaded on idle)", r.openPreloaded),
    row("click → chat interactive (clicked at once)", r.openBeforePreload),
    `  weight: loader ${weight.loader.gzip} B gzip (${kb(weight.loader.bytes)} raw) · chat UI before interactive ${kb(weight.chatUi.gzip)} gzip in ${weight.chatUi.files.length} files (${kb(weight.chatUi.bytes)} raw)`,
  ].join("\n");
}
