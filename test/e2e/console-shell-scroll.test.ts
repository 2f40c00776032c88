/**
 * The list at scale in Chromium: a few hundred conversations seeded into D1 (the console
 * benchmark's seeding, test/bench/console-seed.ts), then scrolling the list loads page
 * after page with the server's cursor until every open conversation is on screen, in
 * the server's order, each once, each with its channel's icon.
 */
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { UI_TIMEOUT_MS } from "./harness";
import { seedOwnerAndInbox } from "./seed";
import { useSeededWorker } from "./seeded-worker";

const SEEDED = 300;
const chromePath = findChromium();

describe.skipIf(chromePath === null)("console list at scale, end to end", () => {
  const worker = useSeededWorker(chromePath!, { port: 8930, conversations: SEEDED, messagesEach: 1, newestAt: Date.now() - 60_000 });

  it("loads every page of All by scrolling, in order, without a duplicate", async () => {
    const url = worker.url;
    const seed = await seedOwnerAndInbox(url);
    // What the server says All holds, page by page with its own cursor.
    const expected: string[] = [];
    for (let cursor: string | null = ""; cursor !== null; ) {
      const res = await fetch(`${url}/api/v1/conversations?view=all&limit=200${cursor ? `&cursor=${cursor}` : ""}`, { headers: { Cookie: seed.cookie } });
      const page = (await res.json()) as { conversations: Array<{ id: string }>; nextCursor: string | null };
      expected.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(expected.length).toBeGreaterThan(100);

    const context = await worker.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "en-US" });
    await context.addCookies([{ name: "sb_session", value: seed.cookie.slice(seed.cookie.indexOf("=") + 1), url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${url}/console/`);
    await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "All open" }).click();
    await page.getByRole("heading", { name: "All open", level: 2 }).waitFor();
    // CSS, not roles: rows off screen skip rendering (content-visibility: auto), which
    // Playwright's role engine takes for hidden although the accessibility tree keeps them.
    const rows = page.locator(".rows > li");
    await rows.nth(49).waitFor({ state: "attached" });
    expect(await rows.count()).toBe(50);

    // Scroll the list's own box to the end until nothing more arrives.
    const column = page.locator("#list-column");
    await expect
      .poll(
        async () => {
          await column.evaluate((el) => el.scrollTo(0, el.scrollHeight));
          return rows.count();
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(expected.length);

    const ids = await page.locator(".rows > li").evaluateAll((items) => items.map((li) => li.getAttribute("data-id")));
    expect(ids).toEqual(expected);
    const channels = new Set(await page.locator(".rows svg[role='img']").evaluateAll((icons) => icons.map((i) => i.getAttribute("aria-label"))));
    expect(channels).toEqual(new Set(["Web chat", "WhatsApp", "E-mail"]));
    expect(errors).toEqual([]);
    await context.close();
  });
});
