/**
 * The customer portal in Chromium against the real Worker under `wrangler dev`: a
 * customer who once wrote by e-mail asks for a sign-in link on /portal; the link leaves
 * through the `send_email` binding from the portal's e-mail inbox (with DEV_SIMULATOR=1
 * the mailer also keeps it in the simulator's mailbox, read here as the customer's
 * inbox); opening it and pressing Continue signs them in; they see their e-mail
 * conversation, open a request with a category, and see the agent's answer arrive.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CreateInboxBody, Inbox } from "../../worker/protocol";
import type { SimulatorThread } from "../../worker/protocol/simulator";
import { newMessageId, rawMail } from "../../worker/simulator/email-mime";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { useBrowserHarness } from "./harness";
import { seedOwnerAndInbox } from "./seed";

const ADDRESS = "suporte@example.com";
const CUSTOMER = { address: "marina.souza@example.com.br", name: "Marina Souza" };
const SUBJECT = "Nota fiscal do pedido 8120";
const REQUEST = { subject: "Cobrança duplicada", description: "Fui cobrada duas vezes pelo pedido 8120." };
const ANSWER = "Olá Marina! Estornamos a cobrança duplicada hoje.";

const chromePath = findChromium();

describe.skipIf(chromePath === null)("the customer portal, end to end", () => {
  const h = useBrowserHarness(chromePath!, { vars: () => ({ CREDENTIALS_KEY: randomBytes(32).toString("base64"), DEV_SIMULATOR: "1" }) });

  async function mailTo(inboxId: string): Promise<SimulatorThread["items"]> {
    const res = await fetch(`${h.url}/dev/simulator/api/thread?inbox=${inboxId}&customer=${encodeURIComponent(CUSTOMER.address)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as SimulatorThread).items.filter((i) => i.direction === "out");
  }

  it("signs in by the mailed link, shows the customer's conversations, opens a request and shows the agent's answer", async () => {
    const seed = await seedOwnerAndInbox(h.url);
    const admin = new Agent(h.url, seed.cookie);
    const email = await admin.call<Inbox>("/api/v1/inboxes", { json: { kind: "email", name: "E-mail", settings: { addresses: [ADDRESS], displayName: "Loja Exemplo" } } as CreateInboxBody });
    await admin.call("/api/v1/portal-settings", {
      method: "PUT",
      json: { inboxId: seed.inboxId, emailInboxId: email.id, categories: [{ id: "financeiro", names: { "pt-BR": "Financeiro", en: "Billing", es: "Facturación" } }] },
    });
    // The customer is known by the mail they once sent.
    const mail = rawMail({ from: CUSTOMER, to: ADDRESS, subject: SUBJECT, text: "Preciso da nota fiscal.", attachment: null, messageId: newMessageId(CUSTOMER.address), inReplyTo: null, references: [], date: new Date() });
    const delivered = await fetch(`${h.url}/cdn-cgi/handler/email?from=${encodeURIComponent(CUSTOMER.address)}&to=${encodeURIComponent(ADDRESS)}`, { method: "POST", body: mail });
    expect(delivered.status).toBe(200);

    const page = await h.openPage("/portal?lang=pt-BR", undefined, { locale: "pt-BR" });
    await h.screenshotOnFailure(page, "99-portal-failure", () => walk(page, email.id, admin));
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(page: Page, emailInboxId: string, admin: Agent): Promise<void> {
    await page.getByRole("heading", { name: "Entrar" }).waitFor();
    const linkForm = page.locator("form[data-form=link]");
    await linkForm.getByLabel("E-mail").fill(CUSTOMER.address);
    await linkForm.getByRole("button", { name: "Enviar link de acesso" }).click();
    await linkForm.getByRole("status").filter({ hasText: "link de acesso chegará" }).waitFor();

    // The customer's mailbox: one mail from the portal's e-mail inbox, with the link.
    await expect.poll(async () => (await mailTo(emailInboxId)).length, { timeout: 10_000 }).toBe(1);
    const [sent] = await mailTo(emailInboxId);
    expect(sent!.subject).toContain("Loja Exemplo");
    expect(sent!.request).toContain(ADDRESS);
    const link = /https?:\/\/\S+\/portal\/sign-in\?lang=pt-BR#token=[A-Za-z0-9_-]{43}/.exec(sent!.text)?.[0];
    expect(link, sent!.text).toBeDefined();
    await h.screenshot(page, "99-portal-link-sent");

    await page.goto(link!);
    await page.getByRole("button", { name: "Continuar" }).click();
    await page.getByRole("heading", { name: "Minhas conversas" }).waitFor();
    const conversations = page.getByRole("listitem").filter({ hasText: "E-mail" });
    await conversations.first().waitFor();
    expect(await page.getByText(CUSTOMER.address).count()).toBeGreaterThan(0);
    await h.screenshot(page, "99-portal-conversations");

    await page.getByRole("link", { name: "Novo pedido" }).click();
    await page.getByLabel("Assunto", { exact: true }).fill(REQUEST.subject);
    await page.getByLabel("Categoria", { exact: true }).selectOption("financeiro");
    await page.getByLabel("Descrição", { exact: true }).fill(REQUEST.description);
    await page.getByRole("button", { name: "Enviar pedido" }).click();
    await page.getByRole("heading", { name: REQUEST.subject }).waitFor();
    await page.getByText(REQUEST.description).waitFor();

    // The request is in the console; an agent answers it there.
    const conversation = await admin.conversationWith(REQUEST.description);
    expect(conversation.inboxId).not.toBe(emailInboxId);
    await admin.call(`/api/v1/conversations/${conversation.id}/messages`, { json: { body: ANSWER } });
    // The page looks for news every 10 s while visible, and reloads itself.
    await page.getByText(ANSWER).waitFor({ timeout: 20_000 });
    await h.screenshot(page, "99-portal-answer");

    // Back on the list, the request is there with its subject.
    await page.getByRole("link", { name: /Voltar/ }).click();
    await page.getByRole("link", { name: REQUEST.subject }).waitFor();
  }
});
