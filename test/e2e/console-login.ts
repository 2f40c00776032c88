/**
 * @module The console's way in, as a person takes it in Chromium: owner setup on a fresh
 * install with the web chat inbox the console then offers, and signing out and back in.
 */
import type { Page } from "playwright-core";
import { SEED_OWNER } from "./seed";

export interface Account {
  name: string;
  email: string;
  password: string;
}

/** From the setup form of a fresh install to a workspace with a web chat inbox. */
export async function setUpConsole(page: Page, owner: Account = SEED_OWNER): Promise<void> {
  await page.getByRole("heading", { name: "Create the owner account" }).waitFor();
  await page.getByLabel("Name").fill(owner.name);
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await page.getByRole("button", { name: "Create web chat inbox" }).click();
  await page.getByText("Web chat inbox “Website” is ready.").waitFor();
}

/** Logs out, then signs in again with the form: the session is the only way back in. */
export async function signOutAndIn(page: Page, account: Account = SEED_OWNER): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Log out" }).waitFor();
}
