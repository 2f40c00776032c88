/**
 * The inbox as the README shows it: a team's list with conversations from web chat,
 * WhatsApp and e-mail (the console benchmark's seeding, test/bench/console-seed.ts, plus
 * two conversations created through the real widget API, newest of all), and one of them
 * open with its messages. The screenshot goes to test/e2e/screenshots/ on every run, and
 * to docs/console-inbox.png (committed, shown in the README) only when
 * UPDATE_DOCS_SCREENSHOTS=1, so a normal run leaves the tree clean.
 */
import { copyFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { api, createVisitor } from "../bench/api";
import { findChromium } from "./browser";
import { UI_TIMEOUT_MS } from "./harness";
import { seedOwnerAndInbox } from "./seed";
import { useSeededWorker } from "./seeded-worker";

const SCREENSHOT = resolve(import.meta.dirname, "screenshots", "17-console-inbox.png");
const DOCS_SCREENSHOT = resolve(import.meta.dirname, "../../docs/console-inbox.png");
const chromePath = findChromium();

/** A visitor on the web chat inbox with a name and e-mail, writing through the widget's
 * own API; `write` sends the next message. */
async function visitor(base: string, publicKey: string, contact: { name: string; email: string }) {
  const session = await createVisitor(base, publicKey);
  const widget = async (method: string, path: string, json: unknown) => {
    const res = await fetch(base + path, { method, headers: { Authorization: `Bearer ${session.token}`, "Content-Type": "application/json" }, body: JSON.stringify(json) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  await widget("PATCH", "/api/v1/widget/contact", contact);
  let sent = 0;
  return {
    conversationId: session.conversationId,
    write: (body: string) => widget("POST", "/api/v1/widget/messages", { body, clientId: `${session.conversationId}-${++sent}` }),
  };
}

describe.skipIf(chromePath === null)("the inbox, as the README shows it", () => {
  const worker = useSeededWorker(chromePath!, { port: 8940, conversations: 24, messagesEach: 3, newestAt: Date.now() - 40 * 60_000 });

  it("lists conversations of several channels with one open beside them", async () => {
    const base = worker.url;
    const seed = await seedOwnerAndInbox(base);
    const owner = (await api(base, "/api/v1/me", { cookie: seed.cookie })).body as { agent: { id: string } };

    // Mariana's conversation: she writes, the owner takes it and answers, she answers back.
    const mariana = await visitor(base, seed.publicKey, { name: "Mariana Costa", email: "mariana@example.com" });
    const open = mariana.conversationId;
    await mariana.write("Olá! Comprei um fone ontem e ele não liga. Podem me ajudar?");
    const asOwner = async (method: string, path: string, json: unknown) => {
      const res = await api(base, `/api/v1/conversations/${open}${path}`, { method, json, cookie: seed.cookie });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await asOwner("POST", "/assign", { assigneeId: owner.agent.id });
    await asOwner("POST", "/messages", { body: "Oi Mariana! Sinto muito. Você pode me passar o número do pedido?" });
    const vip = await api(base, "/api/v1/tags", { json: { name: "VIP", color: "#8250df" }, cookie: seed.cookie });
    await asOwner("PUT", "/tags", { tagIds: [vip.body.id] });
    const last = "Claro! É o pedido 48213, chegou ontem à tarde.";
    await mariana.write(last);
    // The newest conversation, not answered yet: it waits at the top of the list.
    const tom = await visitor(base, seed.publicKey, { name: "Tom Becker", email: "tom@example.com" });
    await tom.write("Hi! Do you ship to Germany, and how long does it take?");

    const context = await worker.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "en-US" });
    await context.addCookies([{ name: "sb_session", value: seed.cookie.slice(seed.cookie.indexOf("=") + 1), url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${base}/console/conversations/${open}`);

    const list = page.getByRole("list", { name: "All open" });
    await list.getByRole("listitem").filter({ hasText: "Tom Becker" }).waitFor();
    const current = list.locator('a[aria-current="page"]');
    await current.waitFor();
    expect(await current.getAttribute("href")).toBe(`/console/conversations/${open}`);
    const log = page.getByRole("log");
    await log.getByText(last).waitFor();
    const channels = new Set(await list.locator("svg[role='img']").evaluateAll((icons) => icons.map((i) => i.getAttribute("aria-label"))));
    expect(channels).toEqual(new Set(["Web chat", "WhatsApp", "E-mail"]));
    expect(await list.getByRole("listitem").count()).toBeGreaterThanOrEqual(10);

    await page.screenshot({ path: SCREENSHOT });
    if (process.env.UPDATE_DOCS_SCREENSHOTS === "1") await copyFile(SCREENSHOT, DOCS_SCREENSHOT);
    expect(errors).toEqual([]);
    await context.close();
  });
});
