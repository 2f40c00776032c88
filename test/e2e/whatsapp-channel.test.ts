/**
 * A WhatsApp conversation in Chromium against the real Worker, with a stand-in Graph API
 * in the test process (./graph-stand-in.ts): an admin creates a WhatsApp inbox with its
 * credentials; an agent signs in; a customer's message arrives as a signed webhook and
 * shows live in the list (with the WhatsApp icon and name) and in the pane; the agent's
 * reply reaches the stand-in exactly once, addressed to the customer; the delivered,
 * then read receipts turn the reply's mark in the console as they arrive; and a second
 * reply's failed receipt shows as failed with WhatsApp's reason.
 */
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateInboxBody, Inbox, Team } from "../../worker/protocol";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { useBrowserHarness } from "./harness";
import { startGraphStandIn, type GraphStandIn } from "./graph-stand-in";
import { seedOwnerAndInbox } from "./seed";
import { postSigned, statusReceipt, textMessage, type Customer, type WhatsappLine } from "./whatsapp-webhooks";

const LINE: WhatsappLine = { phoneNumberId: "1122334455667", businessAccountId: "1234567890987654321", displayPhone: "+55 11 4000-0000" };
const CREDENTIALS = { appSecret: "e2e app secret — só para testes", accessToken: "EAAe2e-access-token-7788", verifyToken: "e2e-verify-token" };
const CUSTOMER: Customer = { waId: "5511987654321", name: "Maria Conceição 🌻" };
const CUSTOMER_TEXT = "Olá! Meu pedido nº 4521 não chegou 😟 — podem ajudar?";
const REPLY = "Oi Maria! Já verifiquei: sai hoje 🚚";
const SECOND_REPLY = "Chega amanhã até as 18h.";
/** WhatsApp's error on a failed receipt (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes),
 * and the reason the console shows for it: code, title, then the details. */
const UNDELIVERABLE = { code: 131026, title: "Message undeliverable", message: "Message undeliverable", error_data: { details: "Unable to deliver message." } };
const UNDELIVERABLE_REASON = "131026: Message undeliverable — Unable to deliver message.";
const AGENT = { name: "Bruno Agente", email: "bruno@example.com", password: "a very private passphrase", role: "agent" as const };
/** How long after the first send a second one would have shown up (a retry, a double
 * submit): the delivery queue retries within about a second. */
const NO_SECOND_SEND_MS = 1_500;

const chromePath = findChromium();

describe.skipIf(chromePath === null)("a WhatsApp conversation, end to end", () => {
  let graph: GraphStandIn | undefined;
  const standIn = () => {
    if (!graph) throw new Error("the stand-in Graph API is not running");
    return graph;
  };
  // Registered before the harness's, so the stand-in listens before the Worker starts.
  beforeAll(async () => {
    graph = await startGraphStandIn();
  });
  afterAll(async () => {
    await graph?.stop();
  });
  const h = useBrowserHarness(chromePath!, {
    vars: () => ({
      WHATSAPP_API_URL: standIn().baseUrl,
      // Channel credentials are sealed under this (32 random bytes, base64).
      CREDENTIALS_KEY: randomBytes(32).toString("base64"),
      // A developer's .dev.vars may turn the simulator on; this run talks to the stand-in.
      DEV_SIMULATOR: "0",
    }),
  });

  it("shows the customer's message live, sends the reply once and turns its marks", async () => {
    const seed = await seedOwnerAndInbox(h.url);
    const admin = new Agent(h.url, seed.cookie);
    const { teams } = await admin.call<{ teams: Team[] }>("/api/v1/teams");
    const body: CreateInboxBody = { kind: "whatsapp", name: "WhatsApp Vendas", teamId: teams[0]!.id, settings: LINE, credentials: CREDENTIALS };
    const inbox = await admin.call<Inbox>("/api/v1/inboxes", { json: body });
    // The secrets are write-only: the answer names them by hint, never in full.
    for (const secret of Object.values(CREDENTIALS)) expect(JSON.stringify(inbox)).not.toContain(secret);
    await admin.call("/api/v1/agents", { json: AGENT });

    const page = await h.openPage("/console/", undefined, { locale: "en-US" });
    await h.screenshotOnFailure(page, "90-whatsapp-channel-failure", async () => {
      await walk(page, inbox.id, admin);
      await failedReceipt(page, inbox.id);
    });
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(page: Page, inboxId: string, admin: Agent): Promise<void> {
    // The agent signs in; the list is there, empty of WhatsApp, before the customer writes.
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel("E-mail").fill(AGENT.email);
    await page.getByLabel("Password").fill(AGENT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Loaded, empty, and subscribed to live updates before the customer writes.
    await page.getByText("No open conversations.").waitFor();
    await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
    const list = page.getByRole("list", { name: "All open" });
    const row = list.getByRole("listitem").filter({ hasText: CUSTOMER.name });

    // The customer writes: Meta's signed delivery is stored, then acknowledged.
    const inbound = await postSigned(h.url, inboxId, textMessage(LINE, CUSTOMER, "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEE1", CUSTOMER_TEXT), CREDENTIALS.appSecret);
    expect(inbound).toEqual({ status: 200, body: JSON.stringify({ ok: true }) });

    // Live in the list (no reload): the WhatsApp icon, named, and the channel's name.
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator("svg[role='img']").getAttribute("aria-label")).toBe("WhatsApp");
    expect(await row.locator(".row-channel").textContent()).toBe("WhatsApp");
    expect(await row.locator(".row-preview").textContent()).toBe(CUSTOMER_TEXT);
    await h.screenshot(page, "90-whatsapp-list");

    // Opened in the pane: the customer's text, marked as WhatsApp.
    await row.getByRole("link").click();
    const log = page.getByRole("log", { name: "Messages" });
    const customerMessage = log.getByRole("listitem").filter({ hasText: CUSTOMER_TEXT });
    await customerMessage.waitFor();
    expect(await customerMessage.locator("svg[role='img'][aria-label='WhatsApp']").count()).toBe(1);
    // Opening it may list the inbox's templates; nothing is sent before the agent replies.
    expect(standIn().calls()).toEqual([]);

    // The agent replies: one send reaches the stand-in, to the customer, with the text.
    const reply = page.getByRole("textbox", { name: "Reply" });
    await reply.fill(REPLY);
    await reply.press("Enter");
    const ours = log.getByRole("listitem").filter({ hasText: REPLY });
    await expectMark(ours, "sent", "Sent");
    await expect.poll(() => standIn().sends().length).toBe(1);
    await new Promise((r) => setTimeout(r, NO_SECOND_SEND_MS));
    expect(standIn().calls()).toHaveLength(1);
    const [send] = standIn().sends();
    expect(send!.method).toBe("POST");
    expect(send!.path).toBe(`/v23.0/${LINE.phoneNumberId}/messages`);
    expect(send!.authorization).toBe(`Bearer ${CREDENTIALS.accessToken}`);
    const sent = send!.body as { to?: string; type?: string; text?: { body?: string }; biz_opaque_callback_data?: string };
    expect({ to: sent.to, type: sent.type, text: sent.text }).toEqual({ to: CUSTOMER.waId, type: "text", text: { body: REPLY } });
    await h.screenshot(page, "91-whatsapp-reply-sent");

    // Receipts for the wamid the stand-in answered with, each shown as it arrives. The
    // first names the message by wamid alone; the second echoes our id too, as Meta
    // echoes a send's biz_opaque_callback_data.
    const delivered = await postSigned(h.url, inboxId, statusReceipt(LINE, CUSTOMER, send!.wamid!, "delivered"), CREDENTIALS.appSecret);
    expect(delivered.status).toBe(200);
    await expectMark(ours, "delivered", "Delivered");
    const read = await postSigned(h.url, inboxId, statusReceipt(LINE, CUSTOMER, send!.wamid!, "read", sent.biz_opaque_callback_data), CREDENTIALS.appSecret);
    expect(read.status).toBe(200);
    await expectMark(ours, "read", "Read");
    await h.screenshot(page, "92-whatsapp-reply-read");

    // Still one send after all of it, and the stored log agrees with the marks.
    expect(standIn().calls()).toHaveLength(1);
    const conversation = await admin.conversationWith(REPLY);
    const events = await admin.events(conversation.id);
    const replies = events.filter((e) => e.type === "message" && e.body === REPLY);
    expect(replies).toHaveLength(1);
    const receipts = events.flatMap((e) => (e.type === "delivery" ? [{ messageSeq: e.messageSeq, status: e.status }] : []));
    expect(receipts).toEqual(["sent", "delivered", "read"].map((status) => ({ messageSeq: replies[0]!.seq, status })));
  }

  /** A second reply that WhatsApp accepts and then reports failed: its mark turns to
   * failed with WhatsApp's reason, live, and the first reply keeps its read mark. */
  async function failedReceipt(page: Page, inboxId: string): Promise<void> {
    const log = page.getByRole("log", { name: "Messages" });
    const reply = page.getByRole("textbox", { name: "Reply" });
    await reply.fill(SECOND_REPLY);
    await reply.press("Enter");
    const second = log.getByRole("listitem").filter({ hasText: SECOND_REPLY });
    await expectMark(second, "sent", "Sent");
    await expect.poll(() => standIn().sends().length).toBe(2);
    const send = standIn().sends()[1]!;
    expect((send.body as { text?: unknown }).text).toEqual({ body: SECOND_REPLY });
    const failed = statusReceipt(LINE, CUSTOMER, send.wamid!, "failed", (send.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data, [UNDELIVERABLE]);
    expect((await postSigned(h.url, inboxId, failed, CREDENTIALS.appSecret)).status).toBe(200);
    await expectMark(second, "failed", `Failed: ${UNDELIVERABLE_REASON}`);
    await expectMark(log.getByRole("listitem").filter({ hasText: REPLY }), "read", "Read");
    await h.screenshot(page, "93-whatsapp-reply-failed");
    expect(standIn().calls()).toHaveLength(2);
  }

  /** The message's one delivery mark reads `text` (the console's words, en) and has the
   * class of `state`. */
  async function expectMark(message: Locator, state: "sent" | "delivered" | "read" | "failed", text: string): Promise<void> {
    const mark = message.locator(".delivery");
    await mark.filter({ hasText: text }).waitFor();
    expect(await mark.count()).toBe(1);
    expect(await mark.textContent()).toBe(text);
    expect(await mark.getAttribute("class")).toBe(`delivery delivery--${state}`);
  }
});
