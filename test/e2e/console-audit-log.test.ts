/**
 * Settings → Audit log in Chromium against the real Worker, in Brazilian Portuguese: the
 * owner's own setup and sign-in are there, a tag created with markup in its name shows
 * as text (never as an element), dates read as a pt-BR reader writes them, and the
 * action filter narrows the table.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { setUpConsole } from "./console-login";
import { useBrowserHarness } from "./harness";

const OWNER = { name: "Beatriz Auditora", email: "beatriz@example.com", password: "a long and private passphrase" };
const SNEAKY = '<img src=x onerror="window.__pwned=1">Promo';

const chromePath = findChromium();

describe.skipIf(chromePath === null)("the audit log, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("shows the owner what happened, in pt-BR, user text as text, filterable", async () => {
    const page = await h.openPage("/console/", undefined, { locale: "en-US" });
    await h.screenshotOnFailure(page, "90-audit-log-failure", () => walk(page));
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(page: Page): Promise<void> {
    await setUpConsole(page, OWNER);
    // A settings change whose name an admin typed with markup in it.
    const status = await page.evaluate(async (name) => (await fetch("/api/v1/tags", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }) })).status, SNEAKY);
    expect(status).toBe(201);

    await page.evaluate(() => localStorage.setItem("switchboard:console-locale", "pt-BR"));
    await page.reload();
    await page.getByRole("link", { name: "Configurações" }).click();
    await page.getByRole("tab", { name: "Registro de auditoria" }).click();
    const panel = page.getByRole("tabpanel");
    const rows = panel.locator("tbody tr");
    await rows.first().waitFor();

    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes("Configuração alterada") && t.includes(SNEAKY) && t.includes("Etiquetas"))).toBe(true);
    expect(texts.some((t) => t.includes("Agente criado") && t.includes("setup"))).toBe(true);
    expect(texts.some((t) => t.includes("Entrou"))).toBe(true);
    expect(await panel.locator("tbody img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // dd/mm/aaaa, as pt-BR writes dates.
    expect(await rows.first().locator("time").textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}/);
    await h.screenshot(page, "91-settings-audit-log");

    await panel.getByLabel("Ação").selectOption("settings.changed");
    await panel.getByRole("button", { name: "Aplicar" }).click();
    // The table reloads (empty while it does): wait for rows again, every one a settings change.
    await expect.poll(async () => {
      const shown = await rows.allTextContents();
      return shown.length > 0 && shown.every((t) => t.includes("Configuração alterada"));
    }).toBe(true);
  }
});
