/**
 * Day one for a new team, in Chromium against the real Worker: the embed code is
 * copyable after creating the inbox and stays in Settings → Inboxes after a reload; an
 * admin sets the web chat's greeting and expected reply time and the widget opens with
 * them; a second web chat inbox gets its own embed code; the identity secret is shown
 * once; the seeded team is renamed; and an agent's profile (reached from the name in the
 * top bar) changes their name, password and language.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { setUpConsole, signOutAndIn } from "./console-login";
import { useBrowserHarness } from "./harness";

const OWNER = { name: "Carla Dias", email: "carla@example.com", password: "a long and private passphrase" };
const NEW_PASSWORD = "another long passphrase";
const GREETING = "Hi! Ask us anything about your order.";

const chromePath = findChromium();

describe.skipIf(chromePath === null)("console administration, end to end", () => {
  const h = useBrowserHarness(chromePath!);

  it("sets up the web chat inbox, a second one, the team and the owner's profile", async () => {
    const page = await h.openPage("/console/", (context) => context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: h.url }), { locale: "en-US" });
    await h.screenshotOnFailure(page, "79-admin-failure", () => walk(page));
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(page: Page): Promise<void> {
    await setUpConsole(page, OWNER);

    // The embed code after creation: a Copy button, and where it lives afterwards.
    const banner = page.locator(".inbox-created");
    const snippet = await banner.getByLabel("Embed code").inputValue();
    expect(snippet).toMatch(/^<script src="http:\/\/[^"]+\/widget\.js" data-inbox="pk_[^"]+" async><\/script>$/);
    await banner.getByRole("button", { name: "Copy" }).click();
    await banner.getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    expect(await banner.getByRole("link", { name: "Settings → Inboxes" }).getAttribute("href")).toBe("/console/settings");

    // After a reload the banner is gone, and the code is in Settings → Inboxes.
    await page.reload();
    await page.getByRole("button", { name: "Log out" }).waitFor();
    expect(await page.locator(".inbox-created").count()).toBe(0);
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("tab", { name: "Inboxes" }).click();
    const panel = page.getByRole("tabpanel");
    expect(await panel.getByLabel("Embed code for Website").inputValue()).toBe(snippet);

    // The inbox's greeting and expected reply time.
    await panel.getByRole("button", { name: "Configure Website" }).click();
    const form = page.getByRole("form", { name: "Settings of Website" });
    await form.getByLabel("Greeting").fill(GREETING);
    await form.getByLabel("Expected reply time").selectOption("minutes");
    await form.getByLabel("Bottom left").check();
    await form.getByRole("button", { name: "Save inbox settings" }).click();
    await page.getByText("“Website” saved.").waitFor();
    await h.screenshot(page, "70-settings-inbox-editor");

    // The identity secret: shown once, then only "set".
    await panel.getByRole("button", { name: "Generate secret" }).click();
    const secret = await panel.getByLabel("Identity secret").inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await panel.getByText("It will not be shown again.").waitFor();

    // A second web chat inbox, with its own embed code at once.
    await panel.getByLabel("Name of the new inbox").fill("Docs");
    await panel.getByRole("button", { name: "Add web chat inbox" }).click();
    const docsCode = await panel.getByLabel("Embed code for Docs").inputValue();
    expect(docsCode).toContain('data-inbox="pk_');
    expect(docsCode).not.toBe(snippet);

    // Reloaded, the secret is not shown again anywhere.
    await page.reload();
    await page.getByRole("tab", { name: "Inboxes" }).click();
    await page.getByRole("tabpanel").getByRole("button", { name: "Configure Website" }).click();
    await page.getByRole("tabpanel").getByText("A secret is set.").waitFor();
    expect(await page.content()).not.toContain(secret);

    // The seeded team, renamed.
    await page.getByRole("tab", { name: "Teams" }).click();
    await page.getByRole("tabpanel").getByRole("button", { name: "Rename team General" }).click();
    await page.getByRole("tabpanel").getByLabel("Team name").fill("Support");
    await page.getByRole("tabpanel").getByRole("button", { name: "Save" }).click();
    await page.getByRole("tabpanel").getByRole("button", { name: "Rename team Support" }).waitFor();

    // The demo page embeds the first web chat inbox: its widget opens on the greeting.
    const visitor = await h.openPage("/");
    await visitor.locator("switchboard-widget").getByRole("button", { name: "Chat" }).click();
    const chat = visitor.frameLocator('iframe[title="Chat"]');
    await chat.getByText(GREETING).waitFor();
    await chat.getByText("We usually reply in a few minutes.").waitFor();
    await h.screenshot(visitor, "71-widget-greeting");

    // The profile, from the name in the top bar.
    await page.getByRole("link", { name: `Your profile (${OWNER.name})` }).click();
    await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Carla D.");
    await page.getByLabel("Play a sound").uncheck();
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Profile saved.").waitFor();
    await page.getByRole("link", { name: "Your profile (Carla D.)" }).waitFor();

    // The password: the current one is checked, then the new one signs in.
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("That is not your current password.").waitFor();
    await page.getByLabel("Current password").fill(OWNER.password);
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed. Other sessions were signed out.").waitFor();
    await h.screenshot(page, "72-profile");
    await signOutAndIn(page, { ...OWNER, password: NEW_PASSWORD });

    // The language: saved on the profile, the console reloads in it.
    await page.getByRole("link", { name: "Your profile (Carla D.)" }).click();
    await page.getByLabel("Console language").selectOption("pt-BR");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Seu perfil" }).waitFor();
    expect(await page.getByLabel("Tocar um som").isChecked()).toBe(false);
  }
});
