/**
 * The open conversation in Chromium against the real Worker: a visitor writes, the agent
 * opens the conversation, names the contact in the contact panel, answers with a canned
 * response whose variables the visitor receives filled in, writes a private note the
 * visitor never sees, tags the visitor's message, assigns, resolves, reopens, snoozes,
 * and sends an image by the file picker that shows inline. The contact panel opens by
 * itself only on a wide screen, folds away when the window narrows, and floats over the
 * timeline at tablet width only when the agent opens it.
 */
import type { FrameLocator, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { openWidget, useBrowserHarness } from "./harness";
import { SEED_OWNER, seedOwnerAndInbox } from "./seed";

const VISITOR_TEXT = "Oi, meu pedido 4521 não chegou";
const CONTACT_NAME = "Joana Silva";
const CANNED = { shortcode: "pedido", body: "Olá {{contact.name}}, aqui é {{agent.name}}. Vou verificar o seu pedido!" };
const FILLED = `Olá ${CONTACT_NAME}, aqui é ${SEED_OWNER.name}. Vou verificar o seu pedido!`;
const NOTE = "Cliente VIP: priorizar a entrega";
const FOLLOW_UP = "Já encontrei, sai hoje.";

const chromePath = findChromium();

describe.skipIf(chromePath === null)("console conversation pane, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("answers, notes, tags, assigns, resolves, reopens, snoozes and sends an image", async () => {
    const seed = await seedOwnerAndInbox(h.url);
    const api = new Agent(h.url, seed.cookie);
    await api.call("/api/v1/canned-responses", { json: CANNED });
    const tag = await api.call<{ id: string }>("/api/v1/tags", { json: { name: "Atraso", color: "#bc4c00" } });

    const visitor = await h.openPage("/");
    const chat = await openWidget(visitor);
    await chat.getByRole("textbox", { name: "Message" }).fill(VISITOR_TEXT);
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    const visitorLog = chat.getByRole("log", { name: "Messages" });
    await visitorLog.getByText("Sending…").waitFor({ state: "detached" });
    const conversation = await api.conversationWith("pedido 4521");

    const agent = await h.openPage("/console/", (context) => context.addCookies([{ name: "sb_session", value: seed.cookie.split("=")[1]!, url: h.url }]), {
      locale: "en-US",
      viewport: { width: 1440, height: 900 },
    });
    await agent.goto(`${h.url}/console/conversations/${conversation.id}`);
    await h.screenshotOnFailure(agent, "59-console-conversation-failure", () => walkThrough(agent, chat, conversation.id, tag.id, api));
    expect(h.pageErrors).toEqual([]);
  });

  async function walkThrough(agent: Page, chat: FrameLocator, conversationId: string, tagId: string, api: Agent): Promise<void> {
    const log = agent.getByRole("log", { name: "Messages" });
    const visitorLog = chat.getByRole("log", { name: "Messages" });
    await log.getByText(VISITOR_TEXT).waitFor();
    await log.getByRole("heading", { name: "Today" }).waitFor();

    // The contact panel opens by itself on a wide screen, and folds away by itself when
    // the window narrows to a laptop's: the timeline keeps the room.
    const details = agent.getByRole("button", { name: "Contact details", exact: true });
    const panel = agent.getByRole("complementary", { name: "Contact" });
    await panel.waitFor();
    expect(await details.getAttribute("aria-expanded")).toBe("true");
    await agent.setViewportSize({ width: 1280, height: 720 });
    await panel.waitFor({ state: "detached" });
    expect(await details.getAttribute("aria-expanded")).toBe("false");

    // Opened by the agent, it stays; name the customer in place.
    await details.click();
    await panel.getByRole("button", { name: "Edit Name" }).click();
    await panel.getByRole("textbox", { name: "Name" }).fill(CONTACT_NAME);
    await panel.getByRole("textbox", { name: "Name" }).press("Enter");
    await agent.getByRole("heading", { name: CONTACT_NAME, level: 2 }).waitFor();
    await h.screenshot(agent, "50-conversation-open");

    // A canned response, picked from the keyboard, variables filled for this contact.
    const reply = agent.getByRole("textbox", { name: "Reply" });
    await reply.fill("/ped");
    const option = agent.getByRole("listbox", { name: "Canned responses" }).getByRole("option", { name: /\/pedido/ });
    await option.waitFor();
    const optionId = await option.getAttribute("id");
    await expect.poll(() => reply.getAttribute("aria-activedescendant")).toBe(optionId);
    await h.screenshot(agent, "51-canned-picker");
    await reply.press("Enter");
    await expect.poll(() => reply.inputValue()).toBe(FILLED);
    await reply.press("Enter");
    await log.getByText(FILLED).waitFor();
    await visitorLog.getByText(FILLED).waitFor();

    // A private note: amber, labelled, and never at the visitor's.
    await agent.getByRole("radio", { name: "Private note" }).check();
    const noteBox = agent.getByRole("textbox", { name: "Private note" });
    await noteBox.fill(NOTE);
    await noteBox.press("Enter");
    const note = log.getByRole("listitem").filter({ hasText: NOTE });
    await note.getByText("Private note").waitFor();
    expect(await note.evaluate((li) => li.classList.contains("message--note"))).toBe(true);
    await agent.getByRole("radio", { name: "Reply" }).check();
    await reply.fill(FOLLOW_UP);
    await reply.press("Enter");
    await visitorLog.getByText(FOLLOW_UP).waitFor();
    expect(await visitorLog.getByText(NOTE).count()).toBe(0);

    // Tag the visitor's message from its menu.
    const visitorMessage = log.getByRole("listitem").filter({ hasText: VISITOR_TEXT });
    await visitorMessage.getByRole("button", { name: "Message actions" }).click();
    await agent.getByRole("menuitemcheckbox", { name: "Atraso" }).click();
    await agent.keyboard.press("Escape");
    await visitorMessage.getByRole("list", { name: /Tags on message/ }).getByText("Atraso").waitFor();
    // The chip shows at once (optimistic); the server has it once its write lands.
    const storedTags = async () => (await api.call<{ messages: Array<{ seq: number; tagIds: string[] }> }>(`/api/v1/conversations/${conversationId}/message-tags`)).messages;
    await expect.poll(storedTags).toEqual([{ seq: 1, tagIds: [tagId] }]);

    // Assign, resolve, reopen, snooze: each shows in the header and as a line in the log.
    await agent.getByRole("button", { name: "Assign", exact: true }).click();
    await agent.getByRole("menuitemradio", { name: `${SEED_OWNER.name} (You)` }).click();
    await agent.getByText("Assigned to You").waitFor();
    await log.getByText("You took the conversation").waitFor();
    await agent.getByRole("button", { name: "Resolve", exact: true }).click();
    await log.getByText("You resolved the conversation").waitFor();
    await agent.getByRole("button", { name: "Reopen" }).click();
    await log.getByText("You reopened the conversation").waitFor();
    await agent.getByRole("button", { name: "Snooze", exact: true }).click();
    await agent.getByRole("dialog", { name: "Snooze until" }).getByRole("button", { name: /For 1 hour/ }).click();
    await log.getByText(/You snoozed the conversation until/).waitFor();
    await agent.locator(".pane-header .badge", { hasText: "Snoozed" }).waitFor();
    await agent.getByRole("button", { name: "Reopen" }).click();
    await agent.locator(".pane-header .badge", { hasText: "Open" }).waitFor();

    // An image by the file picker: uploaded, sent, shown inline at both ends.
    const png = await agent.screenshot({ clip: { x: 0, y: 0, width: 90, height: 60 } });
    await agent.locator('.pane-composer input[type="file"]').setInputFiles({ name: "comprovante.png", mimeType: "image/png", buffer: png });
    await agent.locator(".upload--ready").waitFor();
    await agent.getByRole("button", { name: "Send" }).click();
    const image = log.getByRole("img", { name: "comprovante.png" });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(90);
    await visitorLog.getByRole("img", { name: "comprovante.png" }).waitFor();
    await h.screenshot(agent, "52-conversation-after-actions");

    // The stored log agrees with what the pane showed.
    const events = await api.events(conversationId);
    expect(events.filter((e) => e.type === "message" && e.kind === "note").map((e) => (e.type === "message" ? e.body : ""))).toEqual([NOTE]);
    expect(events.filter((e) => e.type === "status").map((e) => (e.type === "status" ? e.to : ""))).toEqual(["resolved", "open", "snoozed", "open"]);

    // A tablet: the panel the agent opened floats over the timeline; Escape folds it
    // away, and focus is already back on the button that opens it when it goes.
    await agent.setViewportSize({ width: 768, height: 1024 });
    const lastBubble = log.getByRole("listitem").last();
    expect(await panel.evaluate((aside) => getComputedStyle(aside).position)).toBe("absolute");
    expect(await isCovered(lastBubble)).toBe(true);
    await h.screenshot(agent, "53-conversation-tablet-contact");
    await panel.getByRole("button", { name: "Edit Phone" }).focus();
    await agent.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await details.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await isCovered(lastBubble)).toBe(false);
    await reply.waitFor();
    await h.screenshot(agent, "54-conversation-tablet");

    // In Portuguese, at 1280×720: the pane speaks pt-BR, the log included.
    await agent.setViewportSize({ width: 1280, height: 720 });
    await agent.evaluate(() => localStorage.setItem("switchboard:console-locale", "pt-BR"));
    await agent.reload();
    const registro = agent.getByRole("log", { name: "Mensagens" });
    await registro.getByText("Você resolveu a conversa").waitFor();
    await registro.getByText("Nota privada").waitFor();
    await agent.getByRole("textbox", { name: "Responder" }).waitFor();
    await agent.getByRole("button", { name: "Resolver", exact: true }).waitFor();
    await h.screenshot(agent, "55-conversation-pt-BR");
  }
});

/** Whether something other than the element itself (or its content) is drawn at its
 * centre: the floating contact panel, say. */
function isCovered(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    el.scrollIntoView({ block: "center" });
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top === null || !el.contains(top);
  });
}
