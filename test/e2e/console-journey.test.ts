/**
 * The agent console's whole working day in one Chromium run, in the order issue 4 names
 * it: owner setup → sign in → a canned response saved in Settings → a visitor writes → the
 * conversation appears live → the agent replies with the canned response → the visitor
 * receives it filled in → tag the visitor's message, add a private note, assign, resolve,
 * reopen → an accent-less search finds the message and opens the conversation at it.
 * The other console suites go deeper into each part; this one proves they work together.
 */
import { describe, expect, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { Agent } from "./agent";
import { setUpConsole, signOutAndIn } from "./console-login";
import { findChromium } from "./browser";
import { openWidget, useBrowserHarness } from "./harness";

const OWNER = { name: "Bruna Lima", email: "bruna@example.com", password: "a long and private passphrase" };
const VISITOR_TEXT = "Minha instalação não funcionou depois da atualização";
const CANNED = { shortcode: "ajuda", body: "Oi! Aqui é {{agent.name}}, já vou verificar." };
const FILLED = `Oi! Aqui é ${OWNER.name}, já vou verificar.`;
const NOTE = "Verificar a versão do aplicativo";

const chromePath = findChromium();

describe.skipIf(chromePath === null)("console journey, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("sets up, answers a visitor with a canned response, works the conversation and finds it again by search", async () => {
    const agent = await h.openPage("/console/", undefined, { locale: "en-US", viewport: { width: 1280, height: 720 } });
    await h.screenshotOnFailure(agent, "69-journey-failure", () => journey(agent));
    expect(h.pageErrors).toEqual([]);
  });

  async function journey(agent: Page): Promise<void> {
    // Owner setup on a fresh install, the inbox for the demo page, then a real sign-in.
    await setUpConsole(agent, OWNER);
    await signOutAndIn(agent, OWNER);

    // A canned response and a tag, made in Settings as the admin would.
    await agent.getByRole("link", { name: "Settings" }).click();
    await agent.getByRole("tab", { name: "Canned responses" }).click();
    const addCanned = agent.getByRole("form", { name: "Add canned response" });
    await addCanned.getByLabel("Shortcode").fill(CANNED.shortcode);
    await addCanned.getByLabel("Text").fill(CANNED.body);
    await addCanned.getByRole("button", { name: "Add canned response" }).click();
    await agent.getByRole("tabpanel").getByRole("button", { name: `Edit canned response /${CANNED.shortcode}` }).waitFor();
    await agent.getByRole("tab", { name: "Tags" }).click();
    const addTag = agent.getByRole("form", { name: "Add tag" });
    await addTag.getByLabel("Name", { exact: true }).fill("Instalação");
    await addTag.getByRole("button", { name: "Add tag" }).click();
    await agent.getByRole("tabpanel").getByRole("button", { name: "Edit tag Instalação" }).waitFor();
    await agent.goto(`${h.url}/console/`);

    // The visitor writes; the conversation appears without a reload.
    await agent.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Unassigned" }).click();
    await agent.getByText("Live", { exact: true }).waitFor();
    const visitor = await h.openPage("/");
    const chat = await visitorWrites(visitor, VISITOR_TEXT);
    const row = agent.getByRole("list", { name: "Unassigned" }).getByRole("listitem").filter({ hasText: VISITOR_TEXT });
    await row.waitFor();
    await row.getByRole("link").click();

    // Reply with the canned response, picked by typing `/`; the visitor gets it filled in.
    const log = agent.getByRole("log", { name: "Messages" });
    await log.getByText(VISITOR_TEXT).waitFor();
    const reply = agent.getByRole("textbox", { name: "Reply" });
    await reply.fill(`/${CANNED.shortcode}`);
    await agent.getByRole("listbox", { name: "Canned responses" }).getByRole("option", { name: new RegExp(`/${CANNED.shortcode}`) }).waitFor();
    await reply.press("Enter");
    expect(await reply.inputValue()).toBe(FILLED);
    await reply.press("Enter");
    await log.getByText(FILLED).waitFor();
    await chat.getByRole("log", { name: "Messages" }).getByText(FILLED).waitFor();

    // Tag the visitor's message, add a note the visitor never sees, assign, resolve, reopen.
    const message = log.getByRole("listitem").filter({ hasText: VISITOR_TEXT });
    await message.getByRole("button", { name: "Message actions" }).click();
    await agent.getByRole("menuitemcheckbox", { name: "Instalação" }).click();
    await agent.keyboard.press("Escape");
    await message.getByRole("list", { name: /Tags on message/ }).getByText("Instalação").waitFor();
    await agent.getByRole("radio", { name: "Private note" }).check();
    await agent.getByRole("textbox", { name: "Private note" }).fill(NOTE);
    await agent.getByRole("textbox", { name: "Private note" }).press("Enter");
    await log.getByRole("listitem").filter({ hasText: NOTE }).getByText("Private note").waitFor();
    await agent.getByRole("radio", { name: "Reply" }).check();
    await agent.getByRole("button", { name: "Assign", exact: true }).click();
    await agent.getByRole("menuitemradio", { name: `${OWNER.name} (You)` }).click();
    await log.getByText("You took the conversation").waitFor();
    await agent.getByRole("button", { name: "Resolve", exact: true }).click();
    await log.getByText("You resolved the conversation").waitFor();
    await agent.getByRole("button", { name: "Reopen" }).click();
    await log.getByText("You reopened the conversation").waitFor();
    await h.screenshot(agent, "60-journey-worked");

    // What the visitor saw and what the server stored agree with the screen.
    expect(await chat.getByText(NOTE).count()).toBe(0);
    const api = new Agent(h.url, await sessionCookie(agent));
    const conversationId = new URL(agent.url()).pathname.split("/").pop()!;
    const events = await api.events(conversationId);
    expect(events.map((e) => (e.type === "message" ? `${e.kind}:${e.body}` : e.type === "status" ? `status:${e.to}` : e.type))).toEqual([
      `text:${VISITOR_TEXT}`,
      `text:${FILLED}`,
      `note:${NOTE}`,
      "assignment",
      "status:resolved",
      "status:open",
    ]);

    // Search without accents; the hit opens the conversation at the message.
    await agent.goto(`${h.url}/console/`);
    await agent.getByRole("button", { name: "Log out" }).waitFor();
    await agent.keyboard.press("/");
    await agent.keyboard.type("instalacao nao funcionou");
    const hit = agent.getByRole("list", { name: /Results for/ }).getByRole("link").first();
    await hit.waitFor();
    // textContent, polled: list rows are `content-visibility: auto` (console/list/list.css),
    // and until Chromium has laid a new row out its innerText is "".
    await expect.poll(() => hit.locator("mark").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^instalação$/i)]));
    await hit.click();
    await agent.waitForURL(new RegExp(`/console/conversations/${conversationId}\\?seq=1$`));
    await log.getByText(VISITOR_TEXT).waitFor();
    await h.screenshot(agent, "61-journey-search-hit");
  }
});

async function visitorWrites(page: Page, text: string): Promise<FrameLocator> {
  const chat = await openWidget(page);
  await chat.getByRole("textbox", { name: "Message" }).fill(text);
  await chat.getByRole("textbox", { name: "Message" }).press("Enter");
  await chat.getByRole("log", { name: "Messages" }).getByText("Sending…").waitFor({ state: "detached" });
  return chat;
}

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === "sb_session");
  if (!cookie) throw new Error("no session cookie in the agent's browser");
  return `sb_session=${cookie.value}`;
}
