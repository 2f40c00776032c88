/**
 * The widget on a customer's site, end to end: a host page on another origin, with CSS
 * that restyles everything, embeds widget.js; a visitor chats with an agent (typing and
 * read marks both ways, unread badge and title), keeps the history across a reload,
 * sends an image the agent sees in the console, rates the conversation when it is
 * resolved, gets pt-BR from a pt-BR browser, and — identified with a valid hash — finds
 * the same conversation on another device.
 */
import { createHmac } from "node:crypto";
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { launcher, openWidget, useBrowserHarness } from "./harness";
import { hostPageHtml, serveHostPage, type HostPage } from "./host-page";
import { SEED_OWNER, seedOwnerAndInbox, type Seeded } from "./seed";

const COLOR = "#0a7d48";
const GREETING = "Olá! Como podemos ajudar?";

const chromePath = findChromium();

/** The number `expect.poll` checks until it holds, for UI that settles asynchronously. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

async function send(chat: FrameLocator, text: string, textbox = "Message") {
  await chat.getByRole("textbox", { name: textbox }).fill(text);
  await chat.getByRole("textbox", { name: textbox }).press("Enter");
}

async function launcherStyle(page: Page) {
  return launcher(page).evaluate((button) => {
    const style = getComputedStyle(button);
    const box = button.getBoundingClientRect();
    return { background: style.backgroundColor, left: box.left, width: box.width, visible: style.display !== "none" && style.visibility !== "hidden" };
  });
}

describe.skipIf(chromePath === null)("the widget on a customer's site", () => {
  const h = useBrowserHarness(chromePath!);
  let seed: Seeded;
  let agent: Agent;
  let site: HostPage;

  beforeAll(async () => {
    seed = await seedOwnerAndInbox(h.url);
    agent = new Agent(h.url, seed.cookie);
    await agent.setSettings(seed.inboxId, { color: COLOR, position: "left", greeting: GREETING, csat: true });
    site = await serveHostPage(hostPageHtml(h.url, seed.publicKey));
  });
  afterAll(() => site?.close());

  it("survives hostile CSS, chats live both ways, badges unread replies, and keeps history across a reload", async () => {
    const visitor = await h.openPage(site.url);
    await launcher(visitor).waitFor();
    // Drawn in the inbox's colour and corner despite the page's `button { … !important }`.
    await poll(() => launcherStyle(visitor)).toMatchObject({ background: "rgb(10, 125, 72)", width: 56, visible: true });
    expect((await launcherStyle(visitor)).left).toBeLessThan(40);

    const chat = await openWidget(visitor);
    const box = await visitor.locator('iframe[title="Chat"]').boundingBox();
    expect(box).toMatchObject({ width: 370, height: 600 });
    // Focus moved into the chat, on the message box.
    await poll(() => chat.locator(":focus").getAttribute("aria-label")).toBe("Message");
    const log = chat.getByRole("log", { name: "Messages" });
    await log.getByText(GREETING).waitFor();

    await send(chat, "Preciso trocar o tamanho da camiseta");
    await log.getByText("Delivered").waitFor();
    const conversation = await agent.conversationWith("trocar o tamanho");
    const socket = await agent.socket(conversation.id);
    const frames: Array<{ type: string; on?: boolean; actor?: { type: string } }> = [];
    socket.on("message", (data) => frames.push(JSON.parse(String(data))));

    // Typing, both ways.
    await chat.getByRole("textbox", { name: "Message" }).pressSequentially("Ah, e a cor");
    await poll(async () => frames.some((f) => f.type === "typing" && f.on === true && f.actor?.type === "contact")).toBe(true);
    await chat.getByRole("textbox", { name: "Message" }).fill("");
    socket.send(JSON.stringify({ type: "typing", on: true }));
    await chat.getByText(`${SEED_OWNER.name} is typing…`).waitFor();

    // The agent reads and answers.
    const [firstMessage] = (await agent.events(conversation.id)).filter((e) => e.type === "message");
    socket.send(JSON.stringify({ type: "read", seq: firstMessage!.seq }));
    await log.getByText("Read", { exact: true }).waitFor();
    await agent.reply(conversation.id, "Claro! Qual tamanho você prefere?");
    await log.getByText("Claro! Qual tamanho você prefere?").waitFor();
    await poll(() => chat.getByText(`${SEED_OWNER.name} is typing…`).count()).toBe(0);
    await h.screenshot(visitor, "20-host-page-chat");

    // Closed chat: a reply lights the badge and the title; opening reads it.
    await chat.getByRole("button", { name: "Close chat" }).click();
    await poll(() => chat.getByRole("textbox", { name: "Message" }).isVisible()).toBe(false);
    await agent.reply(conversation.id, "Temos M e G.");
    await poll(() => launcher(visitor).getAttribute("aria-label")).toBe("Chat (1)");
    await poll(() => visitor.title()).toBe("(1) Loja da Bia");
    await launcher(visitor).click();
    await poll(() => visitor.title()).toBe("Loja da Bia");
    await h.screenshot(visitor, "21-host-page-unread-read");

    // A reload keeps the conversation: the token is in the site's own storage.
    expect(await visitor.evaluate((key) => localStorage.getItem(key), `switchboard:token:${seed.publicKey}`)).toBeTruthy();
    await visitor.reload();
    const again = await openWidget(visitor);
    const reloaded = again.getByRole("log", { name: "Messages" });
    await reloaded.getByText("Temos M e G.").waitFor();
    expect(await reloaded.getByText("Preciso trocar o tamanho da camiseta").count()).toBe(1);
    socket.close();
    expect(h.pageErrors).toEqual([]);
  });

  it("shows an image the visitor sends inline, for the visitor and in the agent's console", async () => {
    const visitor = await h.openPage(site.url);
    const chat = await openWidget(visitor);
    const png = await visitor.screenshot({ clip: { x: 0, y: 0, width: 120, height: 80 } });
    await chat.locator('input[type="file"]').setInputFiles({ name: "camiseta.png", mimeType: "image/png", buffer: png });
    await chat.getByText("camiseta.png").waitFor();
    await send(chat, "Olha a foto do defeito");
    const log = chat.getByRole("log", { name: "Messages" });
    const image = log.getByRole("img", { name: "camiseta.png" });
    await image.waitFor();
    await poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    await log.getByText("Delivered").waitFor();

    const conversation = await agent.conversationWith("foto do defeito");
    const console_ = await h.openPage("/console/", (context) => context.addCookies([{ name: "sb_session", value: seed.cookie.split("=")[1]!, url: h.url }]));
    await console_.goto(`${h.url}/console/conversations/${conversation.id}`);
    const agentImage = console_.getByRole("log", { name: "Messages" }).getByRole("img", { name: "camiseta.png" });
    await agentImage.waitFor();
    await poll(() => agentImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    await h.screenshot(console_, "22-agent-sees-image");
    expect(h.pageErrors).toEqual([]);
  });

  it("asks for a rating when the agent resolves, and stores it", async () => {
    const visitor = await h.openPage(site.url);
    const chat = await openWidget(visitor);
    await send(chat, "Já recebi, obrigado");
    const conversation = await agent.conversationWith("Já recebi");
    await agent.reply(conversation.id, "Que bom!");
    await agent.resolve(conversation.id);

    const rating = chat.getByRole("group", { name: "How would you rate our support?" });
    await rating.waitFor();
    await rating.getByRole("radio", { name: "5 out of 5" }).check();
    await chat.getByRole("textbox", { name: "Comment (optional)" }).fill("Atendimento excelente");
    await chat.getByRole("button", { name: "Send rating" }).click();
    await chat.getByText("Thank you for your feedback!").waitFor();
    await h.screenshot(visitor, "23-csat-thanks");

    await poll(async () => (await agent.events(conversation.id)).find((e) => e.type === "csat")).toMatchObject({ rating: 5, comment: "Atendimento excelente" });
    expect(h.pageErrors).toEqual([]);
  });

  it("speaks pt-BR to a pt-BR browser", async () => {
    const visitor = await h.openPage(site.url, undefined, { locale: "pt-BR" });
    const chat = await openWidget(visitor, "Mensagem");
    await expect(chat.getByRole("textbox", { name: "Mensagem" }).getAttribute("placeholder")).resolves.toBe("Escreva uma mensagem…");
    await chat.getByRole("button", { name: "Fechar chat" }).waitFor();
    await send(chat, "Oi", "Mensagem");
    await chat.getByRole("log", { name: "Mensagens" }).getByText("Entregue").waitFor();
    await h.screenshot(visitor, "24-pt-BR");
    expect(h.pageErrors).toEqual([]);
  });

  it("follows a verified user to another device", async () => {
    const secret = await agent.identitySecret(seed.inboxId);
    const hash = createHmac("sha256", secret).update("user-42").digest("hex");
    const identify = `<script>window.Switchboard = window.Switchboard || []; Switchboard.push(["identify", ${JSON.stringify({ id: "user-42", name: "Bia Souza", hash })}]);</script>`;
    const signedIn = await serveHostPage(hostPageHtml(h.url, seed.publicKey, { head: identify }));
    try {
      const laptop = await h.openPage(signedIn.url);
      const chat = await openWidget(laptop);
      await send(chat, "Escrevo do notebook");
      await chat.getByRole("log", { name: "Messages" }).getByText("Delivered").waitFor();

      const phone = await h.openPage(signedIn.url, undefined, { viewport: { width: 390, height: 740 }, isMobile: true, hasTouch: true });
      const phoneChat = await openWidget(phone);
      await phoneChat.getByRole("log", { name: "Messages" }).getByText("Escrevo do notebook").waitFor();
      // Full screen on a phone.
      expect(await phone.locator('iframe[title="Chat"]').boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 740 });
      await h.screenshot(phone, "25-same-user-on-phone");
      const conversation = await agent.conversationWith("Escrevo do notebook");
      expect(conversation.contactName).toBe("Bia Souza");
    } finally {
      await signedIn.close();
    }
    expect(h.pageErrors).toEqual([]);
  });
});
