/**
 * The outbox through a real network cut: the page goes offline, the visitor writes two
 * messages, the network comes back, and both arrive exactly once, in the order written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { openWidget, useBrowserHarness } from "./harness";
import { hostPageHtml, serveHostPage, type HostPage } from "./host-page";
import { seedOwnerAndInbox, type Seeded } from "./seed";

const chromePath = findChromium();

describe.skipIf(chromePath === null)("widget outbox across a network cut", () => {
  const h = useBrowserHarness(chromePath!);
  let seed: Seeded;
  let site: HostPage;

  beforeAll(async () => {
    seed = await seedOwnerAndInbox(h.url);
    site = await serveHostPage(hostPageHtml(h.url, seed.publicKey));
  });
  afterAll(() => site?.close());

  it("sends messages written offline once the network is back, exactly once and in order", async () => {
    const agent = new Agent(h.url, seed.cookie);
    const visitor = await h.openPage(site.url);
    const chat = await openWidget(visitor);
    const box = chat.getByRole("textbox", { name: "Message" });
    const log = chat.getByRole("log", { name: "Messages" });
    await box.fill("Antes da queda");
    await box.press("Enter");
    await log.getByText("Delivered").waitFor();
    const conversation = await agent.conversationWith("Antes da queda");

    await visitor.context().setOffline(true);
    await chat.getByText("Connection lost. Your messages will be sent when you are back online.").waitFor();
    for (const text of ["Primeira sem rede", "Segunda sem rede"]) {
      await box.fill(text);
      await box.press("Enter");
    }
    await expect.poll(() => log.getByText("Sending…").count()).toBe(2);
    await h.screenshot(visitor, "30-offline-outbox");
    const bodies = async () => (await agent.events(conversation.id)).flatMap((e) => (e.type === "message" ? [e.body] : []));
    expect(await bodies()).toEqual(["Antes da queda"]);

    await visitor.context().setOffline(false);
    await log.getByText("Sending…").first().waitFor({ state: "detached" });
    await expect.poll(bodies, { timeout: 15_000 }).toEqual(["Antes da queda", "Primeira sem rede", "Segunda sem rede"]);
    await h.screenshot(visitor, "31-back-online");

    // The visitor's own view agrees after a reload: each once, in order, nothing pending.
    await visitor.reload();
    const reloaded = (await openWidget(visitor)).getByRole("log", { name: "Messages" });
    await reloaded.getByText("Segunda sem rede").waitFor();
    const texts = await reloaded.locator(".sb-body").allInnerTexts();
    expect(texts).toEqual(["Antes da queda", "Primeira sem rede", "Segunda sem rede"]);
    expect(h.pageErrors).toEqual([]);
  });
});
