/**
 * A Telegram inbox through the inbox API, the Bot API faked at the fetch boundary:
 * creating one checks the token (getMe) and registers our webhook (setWebhook with our
 * URL, a generated secret and our update kinds) before anything is saved — refused, no
 * row; the secret registered is the one deliveries must carry; a new token registers
 * again; "test connection" shows getWebhookInfo; deleting calls deleteWebhook and takes
 * the inbox out of every lookup for new work while its conversations stay readable.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { agentWithRole, owner, visitor, webchatInbox } from "../fixtures";
import { call, ORIGIN, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { post } from "./channel-world";
import { TG } from "./telegram-fixtures";
import { BOT_API, botError, method } from "./telegram-kit";

const TOKEN = "7100000002:AAE-inbox-api-token_0123456789abcdef";
const ME = () => Response.json({ ok: true, result: { id: 7100000002, is_bot: true, first_name: "Loja Exemplo", username: "loja_exemplo_bot" } });
const TRUE = () => Response.json({ ok: true, result: true, description: "Webhook was set" });

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

const inboxCount = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM inboxes").first<{ n: number }>())!.n;
const create = (json: Record<string, unknown> = {}) =>
  call("/api/v1/inboxes", { method: "POST", json: { kind: "telegram", name: "Telegram da loja", credentials: { botToken: TOKEN }, ...json }, client: boss });

/** A Telegram inbox created through the API; the secret it registered. */
async function telegramInbox(): Promise<{ id: string; secret: string; body: any }> {
  const bot = fakeProvider(BOT_API).on("POST", method("getMe"), [], ME).on("POST", method("setWebhook"), [], TRUE);
  const res = await create();
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const secret = JSON.parse(bot.callsTo("POST", method("setWebhook")).at(-1)!.body).secret_token as string;
  return { id: res.body.id, secret, body: res.body };
}

describe("creating a Telegram inbox", () => {
  it("checks the token with getMe, then setWebhook with our URL, a generated secret and our update kinds; the token is never shown", async () => {
    const bot = fakeProvider(BOT_API).on("POST", method("getMe"), [ME]).on("POST", method("setWebhook"), [TRUE]);
    const res = await create();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(bot.calls.map((c) => c.url.pathname)).toEqual([`/bot${TOKEN}/getMe`, `/bot${TOKEN}/setWebhook`]);
    const registered = JSON.parse(bot.calls[1]!.body);
    expect(registered).toEqual({ url: `${ORIGIN}/webhooks/telegram/${res.body.id}`, secret_token: expect.stringMatching(/^[A-Za-z0-9_-]{32,256}$/), allowed_updates: ["message", "edited_message", "my_chat_member"] });
    expect(res.body).toMatchObject({ kind: "telegram", settings: { reopenWindowHours: 24 }, webhookUrl: `${ORIGIN}/webhooks/telegram/${res.body.id}` });
    expect(res.body.credentials.botToken).toEqual({ set: true, last4: TOKEN.slice(-4) });
    expect(res.body.credentials.webhookSecret.set).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(JSON.stringify(res.body)).not.toContain(registered.secret_token);
  });

  it("each inbox gets its own secret", async () => {
    const a = await telegramInbox();
    const b = await telegramInbox();
    expect(a.secret).not.toBe(b.secret);
  });

  it("a token Telegram refuses (getMe 401): 422 provider_refused, no setWebhook, no inbox row", async () => {
    const before = await inboxCount();
    const bot = fakeProvider(BOT_API).on("POST", method("getMe"), [botError(401, "Unauthorized")]).on("POST", method("setWebhook"), [], TRUE);
    const res = await create();
    expectApiError(res, 422, "provider_refused");
    expect(res.body.error.message).toContain("Unauthorized");
    expect(res.body.error.message).not.toContain(TOKEN);
    expect(bot.callsTo("POST", method("setWebhook"))).toHaveLength(0);
    expect(await inboxCount()).toBe(before);
  });

  it("setWebhook refused: 422 provider_refused, no inbox row", async () => {
    const before = await inboxCount();
    fakeProvider(BOT_API).on("POST", method("getMe"), [ME]).on("POST", method("setWebhook"), [botError(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook")]);
    const res = await create();
    expectApiError(res, 422, "provider_refused");
    expect(res.body.error.message).toContain("HTTPS url must be provided");
    expect(await inboxCount()).toBe(before);
  });

  it("a typed webhook secret or a malformed token: 400, nothing called, no row", async () => {
    const before = await inboxCount();
    const bot = fakeProvider(BOT_API).on("POST", /.*/, [], TRUE);
    expectApiError(await create({ credentials: { botToken: TOKEN, webhookSecret: "typed-by-an-admin-000000000000000" } }), 400, "validation_failed");
    expectApiError(await create({ credentials: { botToken: "not a token" } }), 400, "validation_failed");
    expectApiError(await create({ settings: { reopenWindowHours: 9000 } }), 400, "validation_failed");
    expect(bot.calls).toHaveLength(0);
    expect(await inboxCount()).toBe(before);
  });

  it("the registered secret is the one its webhook takes: deliveries with it are stored, others refused", async () => {
    const { id, secret } = await telegramInbox();
    expect((await post(`/webhooks/telegram/${id}`, TG.teloxideText, { "X-Telegram-Bot-Api-Secret-Token": "wrong" })).status).toBe(401);
    expect(await post(`/webhooks/telegram/${id}`, TG.teloxideText, { "X-Telegram-Bot-Api-Secret-Token": secret })).toMatchObject({ status: 200, body: { ok: true } });
    const { results } = await env.DB.prepare("SELECT id FROM conversations WHERE inbox_id = ?").bind(id).all();
    expect(results).toHaveLength(1);
  });
});

describe("changing the token", () => {
  it("registers the webhook again with the new token and the same secret, before saving", async () => {
    const { id, secret } = await telegramInbox();
    const NEW = "7100000003:AAF-another-token_0123456789abcdef";
    const bot = fakeProvider(BOT_API).on("POST", method("getMe"), [], ME).on("POST", method("setWebhook"), [], TRUE);
    const res = await call(`/api/v1/inboxes/${id}`, { method: "PATCH", json: { credentials: { botToken: NEW } }, client: boss });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const set = bot.callsTo("POST", method("setWebhook"));
    expect(set[0]!.url.pathname).toBe(`/bot${NEW}/setWebhook`);
    expect(JSON.parse(set[0]!.body).secret_token).toBe(secret);
    expect(res.body.credentials.botToken.last4).toBe(NEW.slice(-4));
  });

  it("a new token Telegram refuses: 422 and the old one kept", async () => {
    const { id } = await telegramInbox();
    fakeProvider(BOT_API).on("POST", method("getMe"), [botError(401, "Unauthorized")]);
    expectApiError(await call(`/api/v1/inboxes/${id}`, { method: "PATCH", json: { credentials: { botToken: "7100000004:AAG-refused-token_0123456789abcdef" } }, client: boss }), 422, "provider_refused");
    const list = await call("/api/v1/inboxes", { client: boss });
    expect(list.body.inboxes.find((i: any) => i.id === id).credentials.botToken.last4).toBe(TOKEN.slice(-4));
  });
});

describe("test connection", () => {
  it("shows the bot, the pending updates and Telegram's last delivery error, without the token", async () => {
    const { id } = await telegramInbox();
    fakeProvider(BOT_API)
      .on("POST", method("getMe"), [], ME)
      .on("POST", method("getWebhookInfo"), [
        Response.json({ ok: true, result: { url: `${ORIGIN}/webhooks/telegram/${id}`, has_custom_certificate: false, pending_update_count: 3, last_error_date: 1796300000, last_error_message: "Wrong response from the webhook: 401 Unauthorized", max_connections: 40 } }),
      ]);
    const res = await call(`/api/v1/inboxes/${id}/test-connection`, { method: "POST", client: boss });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, status: 200, detail: "Loja Exemplo (@loja_exemplo_bot) — 3 pending update(s) — last delivery error: Wrong response from the webhook: 401 Unauthorized" });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });
});

describe("DELETE /api/v1/inboxes/{id}", () => {
  it("calls deleteWebhook, then the inbox is gone from the list, its webhook answers 404, its conversations stay readable", async () => {
    const { id, secret } = await telegramInbox();
    expect((await post(`/webhooks/telegram/${id}`, TG.teloxideText, { "X-Telegram-Bot-Api-Secret-Token": secret })).status).toBe(200);
    const conversation = (await env.DB.prepare("SELECT id FROM conversations WHERE inbox_id = ?").bind(id).first<{ id: string }>())!.id;
    const bot = fakeProvider(BOT_API).on("POST", method("deleteWebhook"), [TRUE]);
    expect(await call(`/api/v1/inboxes/${id}`, { method: "DELETE", client: boss })).toMatchObject({ status: 200, body: { ok: true } });
    expect(bot.calls.map((c) => c.url.pathname)).toEqual([`/bot${TOKEN}/deleteWebhook`]);
    expect(JSON.parse(bot.calls[0]!.body)).toEqual({ drop_pending_updates: false });
    expect((await call("/api/v1/inboxes", { client: boss })).body.inboxes.map((i: any) => i.id)).not.toContain(id);
    expectApiError(await post(`/webhooks/telegram/${id}`, TG.textEntities, { "X-Telegram-Bot-Api-Secret-Token": secret }), 404, "inbox_not_found");
    expectApiError(await call(`/api/v1/inboxes/${id}/test-connection`, { method: "POST", client: boss }), 404, "inbox_not_found");
    expectApiError(await call(`/api/v1/inboxes/${id}`, { method: "DELETE", client: boss }), 404, "inbox_not_found");
    const history = await call(`/api/v1/conversations/${conversation}/messages?after=0`, { client: boss });
    expect(history.status).toBe(200);
    expect(history.body.events.filter((e: any) => e.type === "message").map((m: any) => m.body)).toEqual(["hello there"]);
    expect((await call(`/api/v1/conversations/${conversation}`, { client: boss })).status).toBe(200);
  });

  it("deleted even when Telegram fails to delete the webhook (best effort)", async () => {
    const { id } = await telegramInbox();
    fakeProvider(BOT_API).on("POST", method("deleteWebhook"), [botError(500, "Internal Server Error")]);
    expect((await call(`/api/v1/inboxes/${id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expect((await call("/api/v1/inboxes", { client: boss })).body.inboxes.map((i: any) => i.id)).not.toContain(id);
  });

  it("a web chat inbox: its widget config and sessions answer 404 after, its conversations stay readable", async () => {
    const inbox = await webchatInbox(boss, "Site antigo");
    const v = await visitor(inbox.publicKey);
    expect((await call(`/api/v1/widget/config?inbox=${inbox.publicKey}`)).status).toBe(200);
    expect((await call(`/api/v1/inboxes/${inbox.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expect((await call(`/api/v1/widget/config?inbox=${inbox.publicKey}`)).status).toBe(404);
    expect((await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey } })).status).toBe(404);
    expect((await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss })).status).toBe(200);
  });

  it("agents are refused (403) and nothing changes; only admins and owners delete", async () => {
    const { id } = await telegramInbox();
    const agent = await agentWithRole("agent");
    const bot = fakeProvider(BOT_API).on("POST", /.*/, [], TRUE);
    expectApiError(await call(`/api/v1/inboxes/${id}`, { method: "DELETE", client: agent }), 403, "forbidden");
    expectApiError(await call(`/api/v1/inboxes/${id}`, { method: "DELETE" }), 401, "unauthenticated");
    expect(bot.calls).toHaveLength(0);
    expect((await call("/api/v1/inboxes", { client: boss })).body.inboxes.map((i: any) => i.id)).toContain(id);
    const admin = await agentWithRole("admin");
    expect((await call(`/api/v1/inboxes/${id}`, { method: "DELETE", client: admin })).status).toBe(200);
  });
});
