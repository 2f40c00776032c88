/**
 * Reports in Chromium against the real Worker (issue 18): a customer writes and the owner
 * answers; the Reports page (its own lazily loaded chunk) shows the overview with its
 * charts and their tables, in Brazilian Portuguese number formats; a custom report is
 * saved and listed; a CSV export downloads with its header line and the agent's row.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { setUpConsole } from "./console-login";
import { useBrowserHarness } from "./harness";

const OWNER = { name: "Renata Lima", email: "renata@example.com", password: "a long and private passphrase" };

const chromePath = findChromium();

describe.skipIf(chromePath === null)("reports, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("renders the overview with charts and tables, saves a custom report and exports CSV", async () => {
    const page = await h.openPage("/console/", undefined, { locale: "en-US" });
    await h.screenshotOnFailure(page, "90-reports-failure", () => walk(page));
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(page: Page): Promise<void> {
    await setUpConsole(page, OWNER);
    // Then in Brazilian Portuguese, as the agent's saved choice (the language switch's).
    await page.evaluate(() => localStorage.setItem("switchboard:console-locale", "pt-BR"));
    // A customer writes through the widget's API, the owner answers through the console's.
    const conversationId = await page.evaluate(async () => {
      const inboxes = (await (await fetch("/api/v1/inboxes")).json()) as { inboxes: { publicKey: string }[] };
      const session = await (await fetch("/api/v1/widget/sessions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ inbox: inboxes.inboxes[0]!.publicKey }) })).json();
      const auth = { Authorization: `Bearer ${session.token}`, "Content-Type": "application/json" };
      await fetch("/api/v1/widget/messages", { method: "POST", headers: auth, body: JSON.stringify({ body: "Olá, meu pedido atrasou", clientId: "c1" }) });
      return session.conversationId as string;
    });
    await page.waitForTimeout(500);
    const replied = await page.evaluate(async (id) => (await fetch(`/api/v1/conversations/${id}/messages`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ body: "Vou verificar agora." }) })).status, conversationId);
    expect(replied).toBe(201);

    await page.reload();
    await page.getByRole("link", { name: "Relatórios" }).click();
    await page.getByRole("heading", { name: "Visão geral" }).waitFor();
    // The pipeline folds the messages a moment after they are stored: reload until they show.
    const overview = page.getByRole("table", { name: "Visão geral" });
    for (let i = 0; i < 20; i++) {
      const row = overview.getByRole("row", { name: /Mensagens recebidas/ });
      if ((await row.getByRole("cell").first().textContent()) === "1") break;
      await page.waitForTimeout(500);
      await page.getByLabel("Período").selectOption(i % 2 ? "last_7_days" : "last_30_days");
    }
    await page.getByLabel("Período").selectOption("last_7_days");
    expect(await overview.getByRole("row", { name: /Mensagens recebidas/ }).getByRole("cell").first().textContent()).toBe("1");
    expect(await overview.getByRole("row", { name: /Mensagens enviadas/ }).getByRole("cell").first().textContent()).toBe("1");
    // Every chart is an image with a label, and its table is beside it.
    const charts = page.getByRole("img", { name: /^Gráfico:/ });
    await charts.first().waitFor();
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator(".report-chart canvas").count()).toBeGreaterThanOrEqual(3);
    await page.getByRole("table", { name: "Ao longo do tempo" }).waitFor();
    await page.getByRole("table", { name: /Detalhamento/ }).getByRole("row", { name: new RegExp(OWNER.name) }).waitFor();
    await page.getByRole("table", { name: "Distribuição dos tempos de primeira resposta" }).waitFor();
    await h.screenshot(page, "90-reports-overview");

    // A custom report: another metric, a name, shared; it is listed after saving.
    await page.getByRole("checkbox", { name: "Tempo da primeira resposta" }).check();
    await page.getByLabel("Nome").fill("Primeira resposta da semana");
    await page.getByRole("checkbox", { name: "Compartilhar com outros administradores" }).check();
    await page.getByRole("button", { name: "Salvar relatório" }).click();
    await page.getByText("“Primeira resposta da semana” salvo.").waitFor();
    await page.locator(".report-saved").getByText("Primeira resposta da semana").waitFor();

    // The breakdown's CSV: a download with the header and the owner's row.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#report-breakdown ~ a.button-link").click()]);
    const csv = await readFile((await download.path())!, "utf8");
    const [header, ...rows] = csv.trim().split("\r\n");
    expect(header).toMatch(/^agent,name,conversations_created_count,/);
    expect(rows.some((r) => r.includes(OWNER.name))).toBe(true);
  }
});
