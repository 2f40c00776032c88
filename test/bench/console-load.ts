/// <reference lib="dom" />
// (The functions passed to the browser run there, with its DOM.)
/**
 * The agent console under a realistic backlog, in headless Chromium on loopback: 5,000
 * conversations in D1 (seeded before the Worker starts, see console-seed.ts) plus a few
 * dozen created through the real API, which are the newest and so fill the top of the
 * list. The owner's console shows the All view (every open conversation).
 *
 * - first render of the list: navigation start → the first frame after the list's first
 *   page of rows is in the DOM. Timed in the page: a MutationObserver (installed before
 *   any script runs) sees the row links appear, and `performance.now()` in the next
 *   `requestAnimationFrame` (the frame that paints them) is the figure, relative to the
 *   navigation's own time origin. Each load in a fresh browser context, so with an empty
 *   HTTP cache (an agent's first visit of the day); then a reload of that page, with the
 *   cache warm.
 * - switch conversations: the click on the next row → the first frame in which the
 *   timeline (`role="log"`) shows that conversation's latest message, also timed in the
 *   page (the click event's timestamp to the frame). Every switch opens a conversation
 *   the page has not opened before, so it includes loading its history and joining its
 *   room's socket.
 *
 * Selectors are by role and meaning, not class names: row links are the list's links to
 * `/console/conversations/:id`, the timeline is the `log`, the view is the "All" button.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { findChromium, launchChromium } from "../e2e/browser.ts";
import { api, benchAddress, createVisitor, createWebchatInbox, mapLimit, ownerSession } from "./api.ts";
import type { SeedResult } from "./console-seed.ts";
import { fmt, summarize, type Summary } from "./stats.ts";
import { DEFAULT_PAGE_SIZE } from "../../worker/protocol/limits.ts";

export interface ConsoleLoadOptions {
  /** Page loads, and conversation switches, per figure (the README quotes medians of 20). */
  loads: number;
  /** Conversations created through the API; at least loads + 1 (one untimed switch). */
  live: number;
  log: (line: string) => void;
}

export interface ConsoleLoadResult {
  loads: number;
  seeded: SeedResult;
  live: { conversations: number; createdMs: number };
  /** Rows of the first page the console rendered. */
  firstPageRows: number;
  firstRenderCold: Summary;
  firstRenderWarm: Summary;
  /** Of the empty-cache loads: the first page's request alone, and when it was answered. */
  pageRequest: Summary;
  pageAnswered: Summary;
  switchConversation: Summary;
}

/** Links of list rows (and only those: nothing else links to a conversation at load). */
const ROW_LINKS = 'ul a[href^="/console/conversations/"]';
const UI_TIMEOUT_MS = 20_000;

declare global {
  interface Window {
    __sbListPainted?: ListPaint;
    __sbArmSwitch?: (text: string) => void;
    __sbSwitch?: { clickAt: number | null; paintedAt: number | null };
  }
}

/** Runs in the console before its scripts: times the first frame with the list's whole
 * first page in the DOM (`pageRows` rows, or fewer when the view has fewer), and
 * provides the switch timer. Self-contained: it is serialised into the page. */
function instrument({ rowLinks, pageRows }: { rowLinks: string; pageRows: number }) {
  const listObserver = new MutationObserver(() => {
    const rows = document.querySelectorAll(rowLinks).length;
    const more = document.querySelector('[aria-busy="true"]') !== null;
    if (rows === 0 || (rows < pageRows && more)) return;
    listObserver.disconnect();
    requestAnimationFrame(() => {
      const at = performance.now();
      // Where the time went: the first page's request, from the Resource Timing entries
      // (the view counters ask the same route, but for bigger pages).
      const page = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/v1/conversations?") && e.name.includes(`limit=${pageRows}`)) as PerformanceResourceTiming | undefined;
      window.__sbListPainted = { at, rows, pageRequestMs: page ? page.responseEnd - page.requestStart : NaN, pageAnsweredAt: page ? page.responseEnd : NaN };
    });
  });
  listObserver.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-busy"] });

  window.__sbArmSwitch = (text: string) => {
    const state: { clickAt: number | null; paintedAt: number | null } = { clickAt: null, paintedAt: null };
    window.__sbSwitch = state;
    addEventListener("click", (e) => (state.clickAt ??= e.timeStamp), { capture: true, once: true });
    const shows = () => [...document.querySelectorAll('[role="log"]')].some((log) => log.textContent?.includes(text));
    const observer = new MutationObserver(() => {
      if (state.clickAt === null || !shows()) return;
      observer.disconnect();
      requestAnimationFrame(() => (state.paintedAt = performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  };
}

interface ListPaint {
  /** ms after navigation start. */
  at: number;
  rows: number;
  /** The first page's GET /conversations: request sent → response in. */
  pageRequestMs: number;
  /** …and when it was in, ms after navigation start. */
  pageAnsweredAt: number;
}

interface LiveConversation {
  id: string;
  /** The last message: the switch is done when the timeline shows it. */
  lastText: string;
}

/** One visitor writes, an agent answers, the visitor thanks: three events in a real room. */
async function createLiveConversation(base: string, cookie: string, publicKey: string, i: number): Promise<LiveConversation> {
  const visitor = await createVisitor(base, publicKey);
  const address = benchAddress();
  const bearer = { Authorization: `Bearer ${visitor.token}`, "Content-Type": "application/json", "CF-Connecting-IP": address };
  const widget = async (method: string, path: string, json: unknown) => {
    const res = await fetch(base + path, { method, headers: bearer, body: JSON.stringify(json), signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  const lastText = `Obrigada, fico no aguardo (LIVE-${i}).`;
  await widget("PATCH", "/api/v1/widget/contact", { name: `Cliente ${i}`, email: `cliente${i}@example.com` });
  await widget("POST", "/api/v1/widget/messages", { body: `Olá, meu pedido LIVE-${i} ainda não chegou.`, clientId: `live-${i}-1` });
  const reply = await api(base, `/api/v1/conversations/${visitor.conversationId}/messages`, { json: { body: `Oi Cliente ${i}, vou verificar o pedido LIVE-${i}.` }, cookie });
  if (reply.status !== 201) throw new Error(`agent reply failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  await widget("POST", "/api/v1/widget/messages", { body: lastText, clientId: `live-${i}-2` });
  return { id: visitor.conversationId, lastText };
}

/** Waits until D1's list (what the console loads) has every live conversation at the top. */
async function waitForProjection(base: string, cookie: string, live: LiveConversation[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await api(base, `/api/v1/conversations?view=all&limit=${live.length}`, { cookie });
    const top = new Map<string, number>((res.body?.conversations ?? []).map((c: { id: string; lastSeq: number }) => [c.id, c.lastSeq]));
    if (live.every((c) => (top.get(c.id) ?? 0) >= 3)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the live conversations did not reach the top of the D1 list within 30 s");
}

async function listPainted(page: Page): Promise<ListPaint> {
  await page.waitForFunction(() => window.__sbListPainted !== undefined, undefined, { timeout: UI_TIMEOUT_MS });
  return page.evaluate(() => window.__sbListPainted!);
}

/** Clicks the row of `target`; ms from the click to the frame showing its last message. */
async function switchTo(page: Page, target: LiveConversation): Promise<number> {
  await page.evaluate((text) => window.__sbArmSwitch!(text), target.lastText);
  await page.locator(`a[href="/console/conversations/${target.id}"]`).click();
  await page.waitForFunction(() => window.__sbSwitch?.paintedAt != null, undefined, { timeout: UI_TIMEOUT_MS });
  const { clickAt, paintedAt } = await page.evaluate(() => window.__sbSwitch!);
  return paintedAt! - clickAt!;
}

async function newContext(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "en-US", storageState });
  await context.addInitScript(instrument, { rowLinks: ROW_LINKS, pageRows: DEFAULT_PAGE_SIZE });
  return context;
}

/**
 * Signs the owner in and picks the All view once, untimed; the console remembers the
 * view in the browser's storage, and every timed context starts from that storage (with
 * the session cookie) but an empty cache.
 */
async function preparedStorage(browser: Browser, base: string, cookie: string) {
  const context = await newContext(browser);
  try {
    await context.addCookies([{ name: "sb_session", value: cookie.slice("sb_session=".length), url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(`${base}/console/`);
    await page.getByRole("button", { name: /^All\b/ }).click();
    await page.locator(ROW_LINKS).first().waitFor();
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export async function runConsoleLoadBench(base: string, seeded: SeedResult, options: ConsoleLoadOptions): Promise<ConsoleLoadResult> {
  if (options.live < options.loads + 1) throw new Error(`--console-live must be at least loads + 1 (${options.loads + 1})`);
  const chromePath = findChromium();
  if (!chromePath) throw new Error("no Chromium: set CHROME_PATH or install chromium");
  const cookie = await ownerSession(base);
  const inbox = await createWebchatInbox(base, cookie, "Console bench");

  const liveStarted = performance.now();
  // One at a time, so their order of activity (and so in the list) is their order here.
  const live = await mapLimit(Array.from({ length: options.live }, (_, i) => i), 1, (i) => createLiveConversation(base, cookie, inbox.publicKey, i));
  await waitForProjection(base, cookie, live);
  const liveMs = performance.now() - liveStarted;
  options.log(`console: ${options.live} live conversations created in ${fmt(liveMs / 1000)} s`);

  const browser = await launchChromium(chromePath);
  const cold: ListPaint[] = [];
  const warm: number[] = [];
  const switches: number[] = [];
  let firstPageRows = 0;
  try {
    const storage = await preparedStorage(browser, base, cookie);
    // Round 0 is untimed: the Worker's and the browser's start-up is not the console's.
    for (let i = 0; i <= options.loads; i++) {
      const context = await newContext(browser, storage);
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(UI_TIMEOUT_MS);
        await page.goto(`${base}/console/`, { waitUntil: "commit" });
        const first = await listPainted(page);
        await page.reload({ waitUntil: "commit" });
        const again = await listPainted(page);
        if (i === 0) continue;
        cold.push(first);
        warm.push(again.at);
        firstPageRows = first.rows;
      } finally {
        await context.close();
      }
      if (i % 5 === 0) options.log(`console loads: ${i}/${options.loads}`);
    }

    // Newest first, as the list shows them; the first switch is untimed.
    const order = [...live].reverse();
    const context = await newContext(browser, storage);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      await page.goto(`${base}/console/`);
      await listPainted(page);
      for (let i = 0; i <= options.loads; i++) {
        const ms = await switchTo(page, order[i]!);
        if (i > 0) switches.push(ms);
      }
    } finally {
      await context.close();
    }
    options.log(`console switches: ${options.loads}/${options.loads}`);
  } finally {
    await browser.close();
  }
  return {
    loads: options.loads,
    seeded,
    live: { conversations: options.live, createdMs: liveMs },
    firstPageRows,
    firstRenderCold: summarize(cold.map((p) => p.at)),
    firstRenderWarm: summarize(warm),
    pageRequest: summarize(cold.map((p) => p.pageRequestMs)),
    pageAnswered: summarize(cold.map((p) => p.pageAnsweredAt)),
    switchConversation: summarize(switches),
  };
}

/** The figures as `npm run bench` prints them. */
export function formatConsoleLoad(r: ConsoleLoadResult): string {
  const row = (name: string, s: Summary) => `  ${name.padEnd(44)} ${fmt(s.p50, 0).padStart(6)} ${fmt(s.p90, 0).padStart(6)} ${fmt(s.max, 0).padStart(6)}`;
  const total = r.seeded.conversations + r.live.conversations;
  return [
    "",
    `Console (headless Chromium 1280×720, loopback, ${total.toLocaleString("en")} conversations, All view; ${r.loads} each, ms)`,
    `  ${"".padEnd(44)} ${"p50".padStart(6)} ${"p90".padStart(6)} ${"max".padStart(6)}`,
    row(`first render of the list (empty cache)`, r.firstRenderCold),
    row("  of which GET /conversations (first page)", r.pageRequest),
    row("  …answered, after navigation start", r.pageAnswered),
    row(`first render of the list (reload, warm cache)`, r.firstRenderWarm),
    row("switch conversation (click → messages shown)", r.switchConversation),
    `  first page ${r.firstPageRows} rows · seeded ${r.seeded.conversations.toLocaleString("en")} conversations (${r.seeded.open.toLocaleString("en")} open, ${r.seeded.messages.toLocaleString("en")} messages) into D1 in ${fmt(r.seeded.ms / 1000)} s · ${r.live.conversations} through the API in ${fmt(r.live.createdMs / 1000)} s`,
  ].join("\n");
}
