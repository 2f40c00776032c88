/**
 * A Telegram conversation in Chromium against the real Worker, with a stand-in Bot API in
 * the test process (./bot-api-stand-in.ts): an admin creates a Telegram inbox with a bot
 * token and the server registers its webhook (getMe, then setWebhook with our URL and a
 * secret_token it made up); an agent signs in; a delivery with the wrong secret is refused
 * and shows nothing; the customer's message, delivered with the registered secret, shows
 * live in the list (with the Telegram icon and name) and in the pane; the agent's reply
 * reaches the stand-in as exactly one sendMessage to the customer's chat, with the text.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationEvent, CreateInboxBody, Inbox, Team } from "../../worker/protocol";
import { Agent } from "./agent";
import { findChromium } from "./browser";
import { useBrowserHarness } from "./harness";
import { startBotApiStandIn, type BotApiStandIn } from "./bot-api-stand-in";
import { seedOwnerAndInbox } from "./seed";
import { postUpdate, textUpdate, type TelegramCustomer } from "./telegram-updates";

/** Well-formed as @BotFather's: the bot's id, a colon, 35 characters. */
const BOT_TOKEN = "7700112233:AAE2e-Test_Token_0123456789abcdefghi";
/** A user id past 32 bits, as recent Telegram ids are. */
const CUSTOMER: TelegramCustomer = { id: 6_012_345_678, firstName: "João", lastName: "Conceição 🧉", username: "joao_cliente" };
const CUSTOMER_NAME = `${CUSTOMER.firstName} ${CUSTOMER.lastName}`;
const CUSTOMER_TEXT = "Oi! Meu pedido nº 7731 chegou sem a tampa 😕 — como troco?";
const REPLY = "Olá João! Mandamos outra tampa hoje, sem custo 📦";
const AGENT = { name: "Carla Agente", email: "carla@example.com", password: "another private passphrase", role: "agent" as const };
/** How long after the first send a second one would have shown up (a retry, a double
 * submit): the delivery queue retries within about a second. */
const NO_SECOND_SEND_MS = 1_500;

const chromePath = findChromium();

describe.skipIf(chromePath === null)("a Telegram conversation, end to end", () => {
  let botApi: BotApiStandIn | undefined;
  const standIn = () => {
    if (!botApi) throw new Error("the stand-in Bot API is not running");
    return botApi;
  };
  // Registered before the harness's, so the stand-in listens before the Worker starts.
  beforeAll(async () => {
    botApi = await startBotApiStandIn();
  });
  afterAll(async () => {
    await botApi?.stop();
  });
  const h = useBrowserHarness(chromePath!, {
    vars: () => ({
      TELEGRAM_API_URL: standIn().baseUrl,
      // Channel credentials are sealed under this (32 random bytes, base64).
      CREDENTIALS_KEY: randomBytes(32).toString("base64"),
      // A developer's .dev.vars may turn the simulator on; this run talks to the stand-in.
      DEV_SIMULATOR: "0",
    }),
  });

  it("registers the webhook, shows the customer's message live and sends the reply once", async () => {
    const seed = await seedOwnerAndInbox(h.url);
    const admin = new Agent(h.url, seed.cookie);
    const { teams } = await admin.call<{ teams: Team[] }>("/api/v1/teams");
    const body: CreateInboxBody = { kind: "telegram", name: "Telegram Suporte", teamId: teams[0]!.id, credentials: { botToken: BOT_TOKEN } };
    const inbox = await admin.call<Inbox>("/api/v1/inboxes", { json: body });
    const webhookUrl = `${h.url}/webhooks/telegram/${inbox.id}`;

    // The server checked the token, then registered our webhook with a secret it made up.
    expect(standIn().calls.map((c) => c.method)).toEqual(["getMe", "setWebhook"]);
    expect(standIn().calls.every((c) => c.token === BOT_TOKEN)).toBe(true);
    const registered = standIn().webhook();
    expect(registered?.url).toBe(webhookUrl);
    const secret = registered?.secretToken ?? "";
    // Telegram's alphabet and length (https://core.telegram.org/bots/api#setwebhook), long enough to guess at.
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect((standIn().callsTo("setWebhook")[0]!.body as { allowed_updates?: unknown }).allowed_updates).toEqual(["message", "edited_message", "my_chat_member"]);
    expect(inbox.webhookUrl).toBe(webhookUrl);
    // Write-only: the answer names neither the token nor the secret.
    expect(JSON.stringify(inbox)).not.toContain(BOT_TOKEN);
    expect(JSON.stringify(inbox)).not.toContain(secret);
    await admin.call("/api/v1/agents", { json: AGENT });

    const page = await h.openPage("/console/", undefined, { locale: "en-US" });
    await h.screenshotOnFailure(page, "95-telegram-channel-failure", () => walk(page, inbox.id, secret, admin));
    expect(h.pageErrors).toEqual([]);
  });

  async function walk(page: Page, inboxId: string, secret: string, admin: Agent): Promise<void> {
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel("E-mail").fill(AGENT.email);
    await page.getByLabel("Password").fill(AGENT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Loaded, empty, and subscribed to live updates before the customer writes.
    await page.getByText("No open conversations.").waitFor();
    await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
    const list = page.getByRole("list", { name: "All open" });
    const row = list.getByRole("listitem").filter({ hasText: CUSTOMER_NAME });

    // A delivery without the registered secret is refused and stores nothing.
    const update = textUpdate(892_252_934, 6_557, CUSTOMER, CUSTOMER_TEXT);
    const forged = await postUpdate(h.url, inboxId, update, "not-the-secret-telegram-was-given-000000");
    expect(forged.status).toBe(401);

    // The customer writes: Telegram's delivery, with the secret, is stored, then acknowledged.
    const inbound = await postUpdate(h.url, inboxId, update, secret);
    expect(inbound).toEqual({ status: 200, body: JSON.stringify({ ok: true }) });

    // Live in the list (no reload): the Telegram icon, named, the channel's name, the text.
    await row.waitFor();
    expect(await list.getByRole("listitem").count()).toBe(1);
    expect(await row.locator("svg[role='img']").getAttribute("aria-label")).toBe("Telegram");
    expect(await row.locator(".row-channel").textContent()).toBe("Telegram");
    expect(await row.locator(".row-preview").textContent()).toBe(CUSTOMER_TEXT);
    await h.screenshot(page, "95-telegram-list");

    // Opened in the pane: the customer's text, marked as Telegram.
    await row.getByRole("link").click();
    const log = page.getByRole("log", { name: "Messages" });
    const customerMessage = log.getByRole("listitem").filter({ hasText: CUSTOMER_TEXT });
    await customerMessage.waitFor();
    expect(await customerMessage.locator("svg[role='img'][aria-label='Telegram']").count()).toBe(1);
    // Nothing is sent before the agent replies.
    expect(standIn().callsTo("sendMessage")).toEqual([]);

    // The agent replies: exactly one sendMessage, to the customer's chat, with the text.
    const reply = page.getByRole("textbox", { name: "Reply" });
    await reply.fill(REPLY);
    await reply.press("Enter");
    const ours = log.getByRole("listitem").filter({ hasText: REPLY });
    await ours.waitFor();
    await expect.poll(() => standIn().callsTo("sendMessage").length).toBe(1);
    await new Promise((r) => setTimeout(r, NO_SECOND_SEND_MS));
    expect(standIn().callsTo("sendMessage")).toHaveLength(1);
    const [send] = standIn().callsTo("sendMessage");
    expect(send!.token).toBe(BOT_TOKEN);
    expect(send!.body).toEqual({ chat_id: String(CUSTOMER.id), text: REPLY });
    // And nothing else since the webhook was set: no second registration, no other call.
    expect(standIn().calls.map((c) => c.method)).toEqual(["getMe", "setWebhook", "sendMessage"]);
    await ours.locator(".delivery").filter({ hasText: "Sent" }).waitFor();
    await h.screenshot(page, "96-telegram-reply-sent");

    // The stored log agrees: one customer message, one reply, sent under Telegram's id.
    const conversation = await admin.conversationWith(REPLY);
    const events = await admin.events(conversation.id);
    const messages = events.filter((e): e is Extract<ConversationEvent, { type: "message" }> => e.type === "message");
    expect(messages.map((m) => [m.actor.type, m.body, m.providerMessageId])).toEqual([
      ["contact", CUSTOMER_TEXT, `${CUSTOMER.id}:6557`],
      ["agent", REPLY, null],
    ]);
    const receipts = events.flatMap((e) => (e.type === "delivery" ? [{ messageSeq: e.messageSeq, status: e.status, providerMessageId: e.providerMessageId }] : []));
    expect(receipts).toEqual([{ messageSeq: messages[1]!.seq, status: "sent", providerMessageId: `${CUSTOMER.id}:${send!.messageId}` }]);
  }
});
