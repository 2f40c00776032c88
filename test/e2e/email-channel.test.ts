/**
 * An e-mail conversation in Chromium against the real Worker under `wrangler dev`: a
 * customer's mail (raw RFC 5322, as a mail server hands it to Email Routing) is POSTed to
 * wrangler's /cdn-cgi/handler/email and reaches the Worker's email() handler; the agent
 * sees its subject and body live, replies; wrangler's local send_email binding accepted
 * exactly one message (with DEV_SIMULATOR=1 the outbound mailer, worker/channels/email/
 * mailer.ts, records each accepted mail in the simulator's mailbox, read here through its
 * thread API) whose In-Reply-To is the customer's Message-ID; the customer's reply to it
 * (In-Reply-To: the Message-ID the binding answered) lands in the same conversation.
 *
 * Skipped where the e-mail-in part (worker/channels/email/receive.ts) is absent: without
 * an email() export wrangler answers 500 and there is nothing to drive.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ConversationEvent, CreateInboxBody, Inbox, Team } from "../../worker/protocol";
import type { SimulatorThread } from "../../worker/protocol/simulator";
import { newMessageId, rawMail } from "../../worker/simulator/email-mime";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { useBrowserHarness } from "./harness";
import { seedOwnerAndInbox } from "./seed";

const ADDRESS = "suporte@example.com";
const CUSTOMER = { address: "joao.conceicao@example.com.br", name: "João Conceição" };
const SUBJECT = "Pedido nº 7731 chegou sem a tampa";
const CUSTOMER_TEXT = "Olá! Meu pedido chegou sem a tampa. Como faço a troca?";
const REPLY = "Olá João! Mandamos outra tampa hoje, sem custo.";
const CUSTOMER_REPLY = "Perfeito, obrigado! Fico no aguardo.";
const AGENT = { name: "Carla Agente", email: "carla@example.com", password: "another private passphrase", role: "agent" as const };
/** A retry or a double submit would have sent again within this (see telegram-channel). */
const NO_SECOND_SEND_MS = 1_500;

const chromePath = findChromium();

/** Posts a raw message where wrangler dev takes one for the email() handler
 * (https://developers.cloudflare.com/email-routing/email-workers/local-development/). */
async function deliverMail(baseUrl: string, envelope: { from: string; to: string }, raw: string): Promise<{ status: number; body: string }> {
  const url = new URL("/cdn-cgi/handler/email", baseUrl);
  url.searchParams.set("from", envelope.from);
  url.searchParams.set("to", envelope.to);
  const res = await fetch(url, { method: "POST", body: raw, headers: { "Content-Type": "message/rfc822" } });
  return { status: res.status, body: await res.text() };
}

describe.skipIf(chromePath === null)("an e-mail conversation, end to end", () => {
  const h = useBrowserHarness(chromePath!, {
    vars: () => ({
      CREDENTIALS_KEY: randomBytes(32).toString("base64"),
      // The outbound mailer records what the binding accepted in the simulator's mailbox.
      DEV_SIMULATOR: "1",
    }),
  });

  /** What the binding accepted for the customer (the simulator's mailbox). */
  async function sentToCustomer(inboxId: string) {
    const res = await fetch(`${h.url}/dev/simulator/api/thread?inbox=${inboxId}&customer=${encodeURIComponent(CUSTOMER.address)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as SimulatorThread).items.filter((i) => i.direction === "out");
  }

  it("shows the mail's subject and body, sends one threaded reply, and files the customer's answer in the same conversation", async () => {
    const seed = await seedOwnerAndInbox(h.url);
    const admin = new Agent(h.url, seed.cookie);
    const { teams } = await admin.call<{ teams: Team[] }>("/api/v1/teams");
    const body: CreateInboxBody = { kind: "email", name: "E-mail Suporte", teamId: teams[0]!.id, settings: { addresses: [ADDRESS], displayName: "Suporte" } } as CreateInboxBody;
    const inbox = await admin.call<Inbox>("/api/v1/inboxes", { json: body });
    await admin.call("/api/v1/agents", { json: AGENT });

    const page = await h.openPage("/console/", undefined, { locale: "en-US" });
    await h.screenshotOnFailure(page, "97-email-channel-failure", () => walk(page, inbox.id, admin));
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(page: Page, inboxId: string, admin: Agent): Promise<void> {
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel("E-mail").fill(AGENT.email);
    await page.getByLabel("Password").fill(AGENT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("No open conversations.").waitFor();
    await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
    const list = page.getByRole("list", { name: "All open" });
    const row = list.getByRole("listitem").filter({ hasText: CUSTOMER.name });

    // The customer's mail arrives through wrangler's local Email Routing endpoint.
    const firstId = newMessageId(CUSTOMER.address);
    const first = rawMail({ from: CUSTOMER, to: ADDRESS, subject: SUBJECT, text: CUSTOMER_TEXT, attachment: null, messageId: firstId, inReplyTo: null, references: [], date: new Date() });
    expect(await deliverMail(h.url, { from: CUSTOMER.address, to: ADDRESS }, first)).toEqual({ status: 200, body: "Worker successfully processed email" });

    // Live in the list; opened, the pane shows the subject and the body.
    await row.waitFor();
    expect(await list.getByRole("listitem").count()).toBe(1);
    await h.screenshot(page, "97-email-list");
    await row.getByRole("link").click();
    const log = page.getByRole("log", { name: "Messages" });
    const mail = log.getByRole("listitem").filter({ hasText: CUSTOMER_TEXT });
    await mail.waitFor();
    await mail.getByText(SUBJECT).waitFor();
    expect(await sentToCustomer(inboxId)).toEqual([]);

    // The agent replies: exactly one message reaches the binding, threaded on the customer's.
    const reply = page.getByRole("textbox", { name: "Reply" });
    await reply.fill(REPLY);
    await reply.press("Enter");
    await log.getByRole("listitem").filter({ hasText: REPLY }).waitFor();
    await expect.poll(async () => (await sentToCustomer(inboxId)).length, { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, NO_SECOND_SEND_MS));
    const sent = await sentToCustomer(inboxId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.replyTo).toBe(firstId);
    expect(sent[0]!.subject).toBe(`Re: ${SUBJECT}`);
    expect(sent[0]!.text).toContain(REPLY);
    await h.screenshot(page, "98-email-reply-sent");

    // The customer answers the agent's mail: same conversation, no second row.
    const ours = sent[0]!.providerMessageId;
    const answer = rawMail({ from: CUSTOMER, to: ADDRESS, subject: `Re: ${SUBJECT}`, text: CUSTOMER_REPLY, attachment: null, messageId: newMessageId(CUSTOMER.address), inReplyTo: ours, references: [firstId, ours], date: new Date() });
    expect((await deliverMail(h.url, { from: CUSTOMER.address, to: ADDRESS }, answer)).status).toBe(200);
    await log.getByRole("listitem").filter({ hasText: CUSTOMER_REPLY }).waitFor();
    expect(await list.getByRole("listitem").count()).toBe(1);

    // The list's preview is the last message: the customer's answer, not the agent's reply.
    const conversation = await admin.conversationWith(CUSTOMER_REPLY);
    const messages = (await admin.events(conversation.id)).filter((e): e is Extract<ConversationEvent, { type: "message" }> => e.type === "message");
    expect(messages.map((m) => [m.actor.type, m.providerMessageId])).toEqual([
      ["contact", firstId],
      ["agent", null],
      ["contact", expect.stringMatching(/^sim-[0-9a-f]{24}@example\.com\.br$/)],
    ]);
  }
});
