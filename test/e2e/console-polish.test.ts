/**
 * The console's day-one polish in Chromium against the real Worker: views named for what
 * they show (All open, Snoozed, Resolved, each with its empty state), the console in
 * Spanish, and at 1280×720 a "Resolve" that stays one line in the first row of actions
 * and a language menu wide enough for "Português (Brasil)"; on a phone the headers leave
 * most of the screen to the conversation; and /favicon.ico is an icon, not the SPA.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { setUpConsole } from "./console-login";
import { openWidget, useBrowserHarness } from "./harness";

const VISITOR_TEXT = "Hola, ¿mi pedido ya salió? https://tienda.example/pedido/42";
const chromePath = findChromium();

/** Runs in the page: every option of the select fits in the select's text area. */
function optionsFit(select: HTMLSelectElement): Array<{ text: string; needs: number; has: number }> {
  const style = getComputedStyle(select);
  const ctx = document.createElement("canvas").getContext("2d")!;
  ctx.font = style.font;
  // The text area: the box less its padding and the drop-down arrow (about 20 px in Chromium).
  const has = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
  return [...select.options].map((o) => ({ text: o.text, needs: Math.ceil(ctx.measureText(o.text).width), has })).filter((o) => o.needs > o.has);
}

async function expectOnFirstRow(button: Locator, firstTextButton: Locator): Promise<void> {
  const [box, first] = [await button.boundingBox(), await firstTextButton.boundingBox()];
  expect(box!.height).toBeLessThanOrEqual(first!.height + 1);
  expect(Math.abs(box!.y - first!.y)).toBeLessThanOrEqual(2);
}

describe.skipIf(chromePath === null)("console polish, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("answers /favicon.ico with an icon", async () => {
    const res = await fetch(`${h.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\//);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // the ICO header, not an HTML page
  });

  it("names the views, fits its header at 1280×720 and on a phone, and speaks Spanish", async () => {
    const agent = await h.openPage("/console/", undefined, { locale: "en-US", viewport: { width: 1280, height: 720 } });
    await h.screenshotOnFailure(agent, "80-console-polish-failure", () => walkThrough(agent));
    expect(h.pageErrors).toEqual([]);
  });

  async function walkThrough(agent: Page): Promise<void> {
    await setUpConsole(agent);
    const views = agent.getByRole("navigation", { name: "Views" });
    const names = await views.getByRole("button").allInnerTexts();
    expect(names.map((n) => n.trim())).toEqual(["Mine", "Unassigned", "All open", "Starred", "Snoozed", "Resolved"]);
    await views.getByRole("button", { name: "Snoozed" }).click();
    await agent.getByText("No snoozed conversations. A snoozed one waits here until it reopens.").waitFor();
    await views.getByRole("button", { name: "All open" }).click();
    await agent.getByText("No open conversations.").waitFor();

    // The language menu shows every language's whole name.
    expect(await agent.getByLabel("Language").evaluate(optionsFit)).toEqual([]);

    // A visitor writes; the agent opens the conversation.
    const visitor = await h.openPage("/");
    const chat = await openWidget(visitor);
    await chat.getByRole("textbox", { name: "Message" }).fill(VISITOR_TEXT);
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    const allOpen = agent.getByRole("list", { name: "All open" });
    const row = allOpen.getByRole("listitem").filter({ hasText: "Hola" });
    await row.waitFor();
    await row.getByRole("link").click();
    const log = agent.getByRole("log");
    const link = log.getByRole("link", { name: "https://tienda.example/pedido/42" });
    await link.waitFor();
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");

    // "Resolve" on one line, in the first row of the actions (as high as, and level with,
    // the first button with words).
    const actions = agent.getByRole("group", { name: "Conversation actions" });
    await expectOnFirstRow(actions.getByRole("button", { name: "Resolve", exact: true }), actions.getByRole("button", { name: "Assign to me" }));
    await h.screenshot(agent, "80-console-1280x720");

    // Snoozed: it leaves All open and is found under Snoozed.
    await actions.getByRole("button", { name: "Snooze" }).click();
    await agent.getByRole("dialog", { name: "Snooze until" }).getByRole("button", { name: /For 1 hour/ }).click();
    await row.waitFor({ state: "detached" });
    await views.getByRole("button", { name: "Snoozed" }).click();
    await agent.getByRole("list", { name: "Snoozed" }).getByRole("listitem").filter({ hasText: "Hola" }).waitFor();

    // On a phone the conversation gets most of the screen (after a reload: the setup's
    // "inbox is ready" banner is gone, as on any later day).
    await agent.reload();
    await agent.setViewportSize({ width: 390, height: 844 });
    await log.getByText("Hola").waitFor();
    const logBox = await log.boundingBox();
    expect(logBox!.y).toBeLessThan(844 * 0.4);
    await h.screenshot(agent, "81-console-phone-conversation");
    await agent.setViewportSize({ width: 1280, height: 720 });

    // Spanish, chosen in the header, applies everywhere after the reload.
    await agent.getByLabel("Language").selectOption("es");
    const viewsEs = agent.getByRole("navigation", { name: "Vistas" });
    await viewsEs.getByRole("button", { name: "Mías" }).waitFor();
    const namesEs = await viewsEs.getByRole("button").allInnerTexts();
    expect(namesEs.map((n) => n.trim())).toEqual(["Mías", "Sin asignar", "Todas abiertas", "Destacadas", "Pospuestas", "Resueltas"]);
    expect(await agent.locator("html").getAttribute("lang")).toBe("es");
    await agent.getByRole("button", { name: "Cerrar sesión" }).waitFor();
    await agent.getByRole("list", { name: "Pospuestas" }).getByRole("listitem").filter({ hasText: "Hola" }).getByRole("link").click();
    const actionsEs = agent.getByRole("group", { name: "Acciones de la conversación" });
    await actionsEs.getByRole("button", { name: "Reabrir" }).click();
    await viewsEs.getByRole("button", { name: "Todas abiertas" }).click();
    await agent.getByRole("list", { name: "Todas abiertas" }).getByRole("listitem").filter({ hasText: "Hola" }).waitFor();
    await expectOnFirstRow(actionsEs.getByRole("button", { name: "Resolver", exact: true }), actionsEs.getByRole("button", { name: "Asignarme" }));
    expect(await agent.getByLabel("Idioma").evaluate(optionsFit)).toEqual([]);
    await h.screenshot(agent, "82-console-es");
  }
});
