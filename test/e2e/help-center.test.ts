/**
 * The help center from a visitor's side, end to end: on a portal's public page (which
 * embeds the portal's web chat widget), the visitor searches the widget's help panel,
 * opens an article inside the widget, marks it helpful, then starts a chat; the vote is
 * counted and the conversation reaches the console's list. Real Worker, widget, Chromium.
 */
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { useBrowserHarness } from "./harness";
import { seedOwnerAndInbox, type Seeded } from "./seed";

const chromePath = findChromium();

async function post(base: string, cookie: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(base + path, { method: "POST", headers: { "Content-Type": "application/json", Origin: base, Cookie: cookie }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

describe.skipIf(chromePath === null)("help center in the widget, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  // One owner per Worker (setup runs once): the tests share the portal and its article.
  let seeding: Promise<{ seeded: Seeded; article: { id: string } }> | undefined;
  const seed = () =>
    (seeding ??= (async () => {
      const seeded = await seedOwnerAndInbox(h.url);
      const portal = await post(h.url, seeded.cookie, "/api/v1/help-center/portals", { name: "Help", slug: "help", defaultLocale: "en", locales: ["en", "pt-BR"], chatInboxId: seeded.inboxId });
      const article = await post(h.url, seeded.cookie, "/api/v1/help-center/articles", {
        portalId: portal.id,
        locale: "en",
        title: "Tracking your order",
        body: "Open **Orders** and pick the order to see where it is.",
        status: "published",
      });
      return { seeded, article };
    })());

  it("lets a visitor search, read an article, mark it helpful, then start a chat", async () => {
    const { seeded, article } = await seed();

    const visitor = await h.openPage(`/hc/help/en/`);
    await h.screenshotOnFailure(visitor, "help-center-failed", async () => {
      await visitor.locator("switchboard-widget").getByRole("button", { name: "Chat" }).click();
      const chat = visitor.frameLocator('iframe[title="Chat"]');
      await chat.getByRole("searchbox", { name: "Search help articles" }).fill("tracking ord");
      await chat.getByRole("button", { name: "Tracking your order" }).click();
      await chat.getByRole("heading", { name: "Tracking your order" }).waitFor();
      await chat.frameLocator('iframe[title="Tracking your order"]').getByText("and pick the order").waitFor();
      await h.screenshot(visitor, "help-center-01-article");
      await chat.getByRole("button", { name: "👍 Yes" }).click();
      await chat.getByText("Thanks for your feedback!").waitFor();
      await chat.getByRole("button", { name: "Chat with us" }).click();
      await chat.getByRole("textbox", { name: "Message" }).fill("The article helped, one more question");
      await chat.getByRole("textbox", { name: "Message" }).press("Enter");
      await chat.getByRole("log", { name: "Messages" }).getByText("The article helped, one more question").waitFor();
      await h.screenshot(visitor, "help-center-02-chat");
    });

    const stored = await (await fetch(`${h.url}/api/v1/help-center/articles/${article.id}`, { headers: { Cookie: seeded.cookie } })).json();
    expect(stored).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
    expect(stored.views).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => ((await (await fetch(`${h.url}/api/v1/conversations`, { headers: { Cookie: seeded.cookie } })).json()) as { conversations: unknown[] }).conversations.length, { timeout: 15_000 })
      .toBe(1);
    expect(h.pageErrors).toEqual([]);
  });

  it("keeps the visitor typing in the help search when the chat session becomes ready meanwhile", async () => {
    await seed();
    // The visitor's session answers only once they have typed into the help search: the
    // chat then mounts its message box, which must not take the focus (and the next keys).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const visitor = await h.openPage(`/hc/help/en/`, async (context) => {
      await context.route("**/api/v1/widget/sessions", async (route) => {
        await held;
        await route.continue();
      });
    });
    await h.screenshotOnFailure(visitor, "help-center-focus-failed", async () => {
      await visitor.locator("switchboard-widget").getByRole("button", { name: "Chat" }).click();
      const chat = visitor.frameLocator('iframe[title="Chat"]');
      const search = chat.getByRole("searchbox", { name: "Search help articles" });
      await search.click();
      await search.pressSequentially("track");
      release();
      await chat.getByRole("textbox", { name: "Message" }).waitFor();
      await search.pressSequentially("ing ord");
      await expect.poll(() => search.inputValue()).toBe("tracking ord");
      await expect.poll(() => search.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(await chat.getByRole("textbox", { name: "Message" }).inputValue()).toBe("");
      await chat.getByRole("button", { name: "Tracking your order" }).waitFor();
    });
    expect(h.pageErrors).toEqual([]);
  });

  it("suggests articles from what the visitor writes in the message box, until the message is sent", async () => {
    await seed();
    const visitor = await h.openPage(`/hc/help/en/`);
    await h.screenshotOnFailure(visitor, "help-center-draft-failed", async () => {
      await visitor.locator("switchboard-widget").getByRole("button", { name: "Chat" }).click();
      const chat = visitor.frameLocator('iframe[title="Chat"]');
      const message = chat.getByRole("textbox", { name: "Message" });
      await message.fill("Hi! Where is my order? I would like tracking information");
      const suggested = chat.getByRole("list", { name: "Articles that may help" });
      await suggested.getByRole("button", { name: "Tracking your order" }).waitFor();
      await h.screenshot(visitor, "help-center-03-suggested");
      await message.press("Enter");
      await chat.getByRole("log", { name: "Messages" }).getByText("I would like tracking information").waitFor();
      await suggested.waitFor({ state: "detached" });
      // Once the conversation is under way, the message box suggests nothing more.
      await message.fill("tracking again");
      await visitor.waitForTimeout(800);
      expect(await suggested.count()).toBe(0);
    });
    expect(h.pageErrors).toEqual([]);
  });
});
