/**
 * Settings in the real console against the real Worker: an owner creates, renames and
 * deletes a tag, a canned response and a conversation type, sees the server's refusal
 * of a duplicate next to the field, and copies a web chat inbox's embed code; an agent
 * gets no settings screen, and the server answers their write with 403.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { useBrowserHarness } from "./harness";
import { seedOwnerAndInbox, type Seeded } from "./seed";

const chromePath = findChromium();

function sessionValue(cookie: string): string {
  return cookie.slice(cookie.indexOf("=") + 1);
}

async function api<T>(baseUrl: string, cookie: string, path: string, json?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(baseUrl + path, {
    method: json === undefined ? "GET" : "POST",
    headers: { Cookie: cookie, Origin: baseUrl, ...(json === undefined ? {} : { "Content-Type": "application/json" }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe.skipIf(chromePath === null)("console settings, end to end", () => {
  const h = useBrowserHarness(chromePath!);
  let seed: Seeded;

  async function ownerSettings(): Promise<Page> {
    seed ??= await seedOwnerAndInbox(h.url);
    const page = await h.openPage("/console/", (context) => context.addCookies([{ name: "sb_session", value: sessionValue(seed.cookie), url: h.url }]), { locale: "en-US" });
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    return page;
  }

  it("creates, renames and deletes a tag, with the server's refusal beside the field", async () => {
    const page = await ownerSettings();
    await page.getByRole("tab", { name: "Tags" }).click();
    const add = page.getByRole("form", { name: "Add tag" });

    // The browser-side check: nothing typed yet.
    await add.getByRole("button", { name: "Add tag" }).click();
    const name = add.getByLabel("Name", { exact: true });
    await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
    expect(await add.getByText("Give it a name of 1–60 characters.").isVisible()).toBe(true);

    await name.fill("Billing");
    await add.getByRole("button", { name: "Use #0969da" }).click();
    await add.getByRole("button", { name: "Add tag" }).click();
    const list = page.getByRole("tabpanel");
    await list.getByRole("button", { name: "Edit tag Billing" }).waitFor();
    await h.screenshot(page, "40-settings-tags");

    // The server's check: names are unique in any letter case (409, shown at the name).
    await name.fill("billing");
    await add.getByRole("button", { name: "Add tag" }).click();
    await add.getByText("A tag with this name already exists.").waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await name.getAttribute("aria-describedby"))!.split(" ");
    expect(await page.locator(`[id="${describedBy[0]}"]`).textContent()).toBe("A tag with this name already exists.");

    await list.getByRole("button", { name: "Edit tag Billing" }).click();
    const edit = page.getByRole("form", { name: "Edit tag Billing" });
    await edit.getByLabel("Name", { exact: true }).fill("Invoices");
    await edit.getByLabel("Hex code").fill("#8250df");
    await edit.getByRole("button", { name: "Save" }).click();
    await list.getByRole("button", { name: "Edit tag Invoices" }).waitFor();
    const { body: renamed } = await api<{ tags: { name: string; color: string }[] }>(h.url, seed.cookie, "/api/v1/tags");
    expect(renamed.tags).toEqual([expect.objectContaining({ name: "Invoices", color: "#8250df" })]);

    await list.getByRole("button", { name: "Delete tag Invoices" }).click();
    await list.getByRole("button", { name: "Yes, delete" }).click();
    await list.getByText("No tags yet.").waitFor();
    const { body: after } = await api<{ tags: unknown[] }>(h.url, seed.cookie, "/api/v1/tags");
    expect(after.tags).toEqual([]);
  });

  it("creates a canned response with a live preview, finds it, edits and deletes it", async () => {
    const page = await ownerSettings();
    await page.getByRole("tab", { name: "Canned responses" }).click();
    const add = page.getByRole("form", { name: "Add canned response" });
    await add.getByLabel("Shortcode").fill("greet");
    await add.getByLabel("Text").fill("Olá <b>{{contact.name}}</b>, aqui é ");
    await add.getByRole("button", { name: "Insert {{agent.name}}" }).click();
    // Filled with sample values and shown as typed: the <b> stays characters.
    await add.getByText("Olá <b>Maria Silva</b>, aqui é Ana Owner").waitFor();
    expect(await add.locator("figure b").count()).toBe(0);
    await h.screenshot(page, "41-settings-canned");
    await add.getByRole("button", { name: "Add canned response" }).click();
    const panel = page.getByRole("tabpanel");
    await panel.getByRole("button", { name: "Edit canned response /greet" }).waitFor();

    await add.getByLabel("Shortcode").fill("bye");
    await add.getByLabel("Text").fill("Até logo!");
    await add.getByRole("button", { name: "Add canned response" }).click();
    await panel.getByRole("button", { name: "Edit canned response /bye" }).waitFor();

    await panel.getByRole("searchbox", { name: "Search canned responses" }).fill("greet");
    await panel.getByRole("button", { name: "Edit canned response /bye" }).waitFor({ state: "detached" });
    await panel.getByRole("button", { name: "Edit canned response /greet" }).click();
    const edit = page.getByRole("form", { name: "Edit canned response /greet" });
    await edit.getByLabel("Text").fill("Oi {{contact.name}}!");
    await edit.getByRole("button", { name: "Save" }).click();
    await panel.getByText("Oi {{contact.name}}!", { exact: true }).waitFor();

    await panel.getByRole("button", { name: "Delete canned response /greet" }).click();
    await panel.getByRole("button", { name: "Yes, delete" }).click();
    await panel.getByText("No canned response matches “greet”.").waitFor();
    const { body } = await api<{ cannedResponses: { shortcode: string }[] }>(h.url, seed.cookie, "/api/v1/canned-responses");
    expect(body.cannedResponses.map((c) => c.shortcode)).toEqual(["bye"]);
  });

  it("adds, renames and deletes a conversation type, and shows the inbox's embed code", async () => {
    const page = await ownerSettings();
    await page.getByRole("tab", { name: "Conversation types" }).click();
    const add = page.getByRole("form", { name: "Add type" });
    await add.getByLabel("Name").fill("Question");
    await add.getByRole("button", { name: "Add type" }).click();
    const panel = page.getByRole("tabpanel");
    await panel.getByRole("button", { name: "Rename type Question" }).click();
    const edit = page.getByRole("form", { name: "Rename type Question" });
    await edit.getByLabel("Name").fill("Doubt");
    await edit.getByRole("button", { name: "Save" }).click();
    await panel.getByRole("button", { name: "Rename type Doubt" }).waitFor();
    const { body: types } = await api<{ types: { name: string }[] }>(h.url, seed.cookie, "/api/v1/conversation-types");
    expect(types.types.map((t) => t.name)).toEqual(["Doubt"]);
    await h.screenshot(page, "42-settings-types");
    await panel.getByRole("button", { name: "Delete type Doubt" }).click();
    await panel.getByRole("button", { name: "Yes, delete" }).click();
    await panel.getByText("No conversation types yet.").waitFor();

    // Keyboard: from the selected tab, the arrow key reaches the Inboxes tab.
    await page.getByRole("tab", { name: "Conversation types" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("tab", { name: "Inboxes" }).getAttribute("aria-selected")).toBe("true");
    const snippet = page.getByLabel("Embed code for Website");
    expect(await snippet.inputValue()).toBe(`<script src="${h.url}/widget.js" data-inbox="${seed.publicKey}" async></script>`);
    await h.screenshot(page, "43-settings-inboxes");
    expect(h.pageErrors).toEqual([]);
  });

  it("gives an agent no settings, and the server refuses their writes with 403", async () => {
    seed ??= await seedOwnerAndInbox(h.url);
    const agent = { name: "Bruno Agent", email: "bruno@example.com", password: "agent password 123", role: "agent" };
    expect((await api(h.url, seed.cookie, "/api/v1/agents", agent)).status).toBe(201);

    const page = await h.openPage("/console/settings", undefined, { locale: "en-US" });
    await page.getByLabel("E-mail").fill(agent.email);
    await page.getByLabel("Password").fill(agent.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Log out" }).waitFor();
    expect(await page.getByRole("link", { name: "Settings" }).count()).toBe(0);
    expect(await page.getByRole("tab", { name: "Tags" }).count()).toBe(0);
    expect(await page.getByRole("form").count()).toBe(0);

    // Straight to the API from the agent's page: refused, with the error body.
    const refused = await page.evaluate(async () => {
      const res = await fetch("/api/v1/tags", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "sneaky" }) });
      return { status: res.status, body: await res.json() };
    });
    expect(refused).toEqual({ status: 403, body: { error: { code: "forbidden", message: expect.any(String) } } });
    const { body } = await api<{ tags: unknown[] }>(h.url, seed.cookie, "/api/v1/tags");
    expect(body.tags).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });

  it("speaks Brazilian Portuguese to a pt-BR browser, on a tablet", async () => {
    seed ??= await seedOwnerAndInbox(h.url);
    const page = await h.openPage("/console/settings", (context) => context.addCookies([{ name: "sb_session", value: sessionValue(seed.cookie), url: h.url }]), { locale: "pt-BR", viewport: { width: 768, height: 1024 } });
    await page.getByRole("heading", { level: 1, name: "Configurações" }).waitFor();
    await page.getByRole("tab", { name: "Respostas prontas" }).click();
    const add = page.getByRole("form", { name: "Adicionar resposta pronta" });
    await add.getByLabel("Atalho").fill("Não pode!");
    await add.getByRole("button", { name: "Adicionar resposta pronta" }).click();
    await add.getByText("Use de 1 a 40 letras minúsculas, dígitos, _ ou -.").waitFor();
    // Nothing wider than the tablet's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await h.screenshot(page, "44-settings-pt-BR");
  });
});
