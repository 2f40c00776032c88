/**
 * The simulated Telegram user and the stand-in Bot API: updates in the shape Telegram
 * documents, delivered with the webhook's secret header; edits, blocking and its effect
 * on sends; the Bot API's methods as the adapter calls them (getMe, webhooks, sends,
 * getFile and downloads) with Telegram's errors and the provider modes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { credentialHints, sealCredentials } from "../../../worker/channels/credentials";
import { database, newId } from "../../../worker/db/client";
import { insertInbox } from "../../../worker/db/inboxes";
import { capturingSimulator, LOCAL, sim } from "./simulator-kit";
import { sampleInboxes, type Samples } from "./samples";

type Telegram = Samples["telegram"];

const bot = (tg: Telegram, method: string, json?: unknown) => sim(`/dev/simulator/telegram/bot${tg.credentials.botToken}/${method}`, { method: "POST", json: json ?? {} });

async function writer(tg: Telegram, customerId: string, name = "Maria Souza") {
  const sim2 = capturingSimulator();
  const send = async (message: unknown, replyTo: string | null = null) => {
    const res = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: tg.inbox.id, customer: { id: customerId, name }, message, replyTo } });
    expect(res.status, res.text).toBe(201);
    return res.body.item;
  };
  return { sim2, send };
}

describe("a Telegram customer", () => {
  it("writes text: an Update with X-Telegram-Bot-Api-Secret-Token reaches /webhooks/telegram/{inbox}", async () => {
    const { telegram: tg } = await sampleInboxes();
    const { sim2, send } = await writer(tg, "218485655");
    const item = await send({ type: "text", text: "Olá! Meu pedido não chegou 📦" });
    const [delivery] = sim2.delivered;
    expect(delivery!.url).toBe(`${LOCAL}/webhooks/telegram/${tg.inbox.id}`);
    expect(delivery!.headers.get("Content-Type")).toBe("application/json");
    expect(delivery!.headers.get("X-Telegram-Bot-Api-Secret-Token")).toBe(tg.credentials.webhookSecret);
    expect(delivery!.body).toEqual({
      update_id: expect.any(Number),
      message: {
        message_id: expect.any(Number),
        from: { id: 218485655, is_bot: false, first_name: "Maria", last_name: "Souza", language_code: "pt-br" },
        chat: { id: 218485655, first_name: "Maria", last_name: "Souza", type: "private" },
        date: Math.floor(item.at / 1000),
        text: "Olá! Meu pedido não chegou 📦",
      },
    });
    expect(item).toMatchObject({ direction: "in", providerMessageId: `218485655:${delivery!.body.message.message_id}`, text: "Olá! Meu pedido não chegou 📦", webhook: { status: 200 } });
    expect(delivery!.raw).toContain("📦");
  });

  it("sends a photo (sizes the Bot API's getFile resolves), a venue, a contact; update and message ids only grow", async () => {
    const { telegram: tg } = await sampleInboxes();
    const { sim2, send } = await writer(tg, "300000001", "João");
    await send({ type: "image", caption: "Veja" });
    await send({ type: "location", latitude: -23.561414, longitude: -46.655881, name: "MASP", address: "Av. Paulista, 1578" });
    await send({ type: "location", latitude: 1.5, longitude: 2.5 });
    await send({ type: "contact", phone: "+55 11 98765-4321", firstName: "Ana", lastName: "Lima" });
    const [photo, venue, plain, contact] = sim2.delivered.map((d) => d.body);
    expect(photo.message.caption).toBe("Veja");
    expect(photo.message.photo).toHaveLength(2);
    expect(photo.message.photo[1]).toMatchObject({ width: 96, height: 64, file_size: expect.any(Number) });
    const largest = photo.message.photo[1].file_id;
    const file = await bot(tg, "getFile", { file_id: largest });
    expect(file.body).toEqual({ ok: true, result: { file_id: largest, file_unique_id: expect.any(String), file_size: photo.message.photo[1].file_size, file_path: expect.stringMatching(/^photos\/file_\d+\.png$/) } });
    const download = await sim(`/dev/simulator/telegram/file/bot${tg.credentials.botToken}/${file.body.result.file_path}`);
    expect([download.status, download.headers.get("Content-Type"), download.bytes.byteLength]).toEqual([200, "image/png", photo.message.photo[1].file_size]);
    expect(venue.message.venue).toEqual({ location: { latitude: -23.561414, longitude: -46.655881 }, title: "MASP", address: "Av. Paulista, 1578" });
    expect(venue.message.location).toEqual({ latitude: -23.561414, longitude: -46.655881 });
    expect(plain.message).not.toHaveProperty("venue");
    expect(contact.message.contact).toEqual({ phone_number: "+55 11 98765-4321", first_name: "Ana", last_name: "Lima" });
    const updates = sim2.delivered.map((d) => d.body.update_id);
    const messages = sim2.delivered.map((d) => d.body.message.message_id);
    expect(updates).toEqual([...updates].sort((a, b) => a - b));
    expect(new Set(updates).size).toBe(4);
    expect(messages).toEqual([1, 2, 3, 4]);
  });

  it("replies to the bot's message (reply_to_message), edits a message (edited_message, same message id), and the phone shows the edit", async () => {
    const { telegram: tg } = await sampleInboxes();
    const { sim2, send } = await writer(tg, "300000002");
    const first = await send({ type: "text", text: "oi" });
    const sent = await bot(tg, "sendMessage", { chat_id: 300000002, text: "Olá! Como posso ajudar?" });
    expect(sent.status, sent.text).toBe(200);
    // Both sides share the chat's message ids.
    expect(sent.body.result.message_id).toBe(2);
    await send({ type: "text", text: "sobre o pedido" }, "300000002:2");
    expect(sim2.delivered[1]!.body.message.reply_to_message).toMatchObject({ message_id: 2, from: { id: 7000000001, is_bot: true }, text: "Olá! Como posso ajudar?" });

    const edit = await sim2.call("/dev/simulator/api/edits", { method: "POST", json: { inboxId: tg.inbox.id, customerId: "300000002", itemId: first.id, text: "oi, tudo bem?" } });
    expect(edit.status, edit.text).toBe(200);
    const update = sim2.delivered[2]!.body;
    expect(update).not.toHaveProperty("message");
    expect(update.edited_message).toMatchObject({ message_id: 1, text: "oi, tudo bem?", date: sim2.delivered[0]!.body.message.date, edit_date: expect.any(Number) });
    expect(update.update_id).toBeGreaterThan(sim2.delivered[1]!.body.update_id);
    expect(sim2.delivered[2]!.headers.get("X-Telegram-Bot-Api-Secret-Token")).toBe(tg.credentials.webhookSecret);
    expect(edit.body.item).toMatchObject({ id: first.id, providerMessageId: first.providerMessageId, text: "oi, tudo bem?", edited: true });
    const thread = await sim(`/dev/simulator/api/thread?inbox=${tg.inbox.id}&customer=300000002`);
    expect(thread.body.items.map((i: any) => [i.direction, i.text, i.edited])).toEqual([
      ["in", "oi, tudo bem?", true],
      ["out", "Olá! Como posso ajudar?", false],
      ["in", "sobre o pedido", false],
    ]);
    // Edited again: starts from the edited message.
    await sim2.call("/dev/simulator/api/edits", { method: "POST", json: { inboxId: tg.inbox.id, customerId: "300000002", itemId: first.id, text: "oi!!" } });
    expect(sim2.delivered[3]!.body.edited_message).toMatchObject({ message_id: 1, text: "oi!!" });
  });

  it("blocks the bot (my_chat_member kicked): sends answer 403 until unblocked (member)", async () => {
    const { telegram: tg } = await sampleInboxes();
    const { sim2, send } = await writer(tg, "300000003", "Ana Lima");
    await send({ type: "text", text: "tchau" });
    const block = await sim2.call("/dev/simulator/api/blocks", { method: "POST", json: { inboxId: tg.inbox.id, customerId: "300000003", name: "Ana Lima", blocked: true } });
    expect(block.status, block.text).toBe(201);
    const kicked = sim2.delivered[1]!.body;
    expect(kicked.my_chat_member).toMatchObject({
      chat: { id: 300000003, type: "private", first_name: "Ana" },
      from: { id: 300000003, is_bot: false },
      old_chat_member: { status: "member", user: { id: 7000000001, is_bot: true } },
      new_chat_member: { status: "kicked", until_date: 0, user: { id: 7000000001, is_bot: true } },
    });
    expect(block.body.item).toMatchObject({ event: "blocked", text: "" });
    const refused = await bot(tg, "sendMessage", { chat_id: 300000003, text: "volte!" });
    expect([refused.status, refused.body]).toEqual([403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }]);

    await sim2.call("/dev/simulator/api/blocks", { method: "POST", json: { inboxId: tg.inbox.id, customerId: "300000003", blocked: false } });
    expect(sim2.delivered[2]!.body.my_chat_member).toMatchObject({ old_chat_member: { status: "kicked" }, new_chat_member: { status: "member" } });
    expect((await bot(tg, "sendMessage", { chat_id: 300000003, text: "bem-vinda de volta" })).status).toBe(200);
    const thread = await sim(`/dev/simulator/api/thread?inbox=${tg.inbox.id}&customer=300000003`);
    expect(thread.body.items.map((i: any) => i.event ?? i.text)).toEqual(["tchau", "blocked", "unblocked", "bem-vinda de volta"]);
  });

  it("refuses what Telegram users cannot do here (buttons, receipts, a non-numeric id, edits elsewhere), delivering nothing", async () => {
    const samples = await sampleInboxes();
    const tg = samples.telegram;
    const sim2 = capturingSimulator();
    const choice = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: tg.inbox.id, customer: { id: "300000004" }, message: { type: "choice", id: "yes", title: "Yes" } } });
    const badId = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: tg.inbox.id, customer: { id: "maria" }, message: { type: "text", text: "hi" } } });
    const receipt = await sim2.call("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: tg.inbox.id, customerId: "300000004", itemId: "x", status: "read" } });
    const editWa = await sim2.call("/dev/simulator/api/edits", { method: "POST", json: { inboxId: samples.whatsapp.inbox.id, customerId: "5511900000000", itemId: "x", text: "y" } });
    const blockSms = await sim2.call("/dev/simulator/api/blocks", { method: "POST", json: { inboxId: samples.sms.inbox.id, customerId: "5511900000000", blocked: true } });
    const editMissing = await sim2.call("/dev/simulator/api/edits", { method: "POST", json: { inboxId: tg.inbox.id, customerId: "300000004", itemId: "nope", text: "y" } });
    expect([choice, badId, receipt, editWa, blockSms, editMissing].map((r) => [r.status, r.body.error.code])).toEqual([
      [400, "validation_failed"],
      [400, "validation_failed"],
      [400, "validation_failed"],
      [400, "validation_failed"],
      [400, "validation_failed"],
      [404, "message_not_found"],
    ]);
    expect(sim2.delivered).toEqual([]);
  });

  it("keeps the worker's refusal on the bubble and as getWebhookInfo's last error", async () => {
    const { telegram: tg } = await sampleInboxes();
    expect((await bot(tg, "setWebhook", { url: `${LOCAL}/webhooks/telegram/${tg.inbox.id}`, secret_token: tg.credentials.webhookSecret, allowed_updates: ["message", "edited_message", "my_chat_member"] })).body).toEqual({ ok: true, result: true, description: "Webhook was set" });
    const sim2 = capturingSimulator(() => Response.json({ error: { code: "unauthorized" } }, { status: 401 }));
    const res = await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: tg.inbox.id, customer: { id: "300000005" }, message: { type: "text", text: "hi" } } });
    expect(res.body.item.webhook.status).toBe(401);
    const info = await bot(tg, "getWebhookInfo");
    expect(info.body.result).toMatchObject({ url: `${LOCAL}/webhooks/telegram/${tg.inbox.id}`, pending_update_count: 0, allowed_updates: ["message", "edited_message", "my_chat_member"], last_error_message: "Wrong response from the webhook: 401", last_error_date: expect.any(Number) });
  });
});

describe("the stand-in Bot API", () => {
  it("answers getMe for the bot's token only (401 otherwise), method names in any case", async () => {
    const { telegram: tg } = await sampleInboxes();
    const me = await bot(tg, "getMe");
    expect(me.body).toEqual({ ok: true, result: { id: 7000000001, is_bot: true, first_name: "Telegram · simulator", username: "switchboard_simulator_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } });
    expect((await bot(tg, "GETME")).status).toBe(200);
    const [wrong, noPrefix] = [await sim(`/dev/simulator/telegram/bot7000000001:not-the-token/getMe`), await sim(`/dev/simulator/telegram/${tg.credentials.botToken}/getMe`)];
    expect([wrong.status, wrong.body, noPrefix.status]).toEqual([401, { ok: false, error_code: 401, description: "Unauthorized" }, 401]);
    expect((await bot(tg, "noSuchMethod")).body).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("knows a bot before its inbox is saved (the adapter's connect: getMe, setWebhook), and delivers to that webhook once the inbox exists", async () => {
    const token = "7000000099:AAH_made_up_token_for_a_new_bot_0123";
    const call = (method: string, json: unknown = {}) => sim(`/dev/simulator/telegram/bot${token}/${method}`, { method: "POST", json });
    expect((await call("getMe")).body.result).toMatchObject({ id: 7000000099, is_bot: true, first_name: "Simulated bot 7000000099" });
    const id = newId();
    const url = `${LOCAL}/webhooks/telegram/${id}`;
    expect((await call("setWebhook", { url, secret_token: "secret_from_connect", allowed_updates: ["message", "edited_message", "my_chat_member"] })).body.ok).toBe(true);
    expect((await call("sendMessage", { chat_id: 1, text: "hi" })).body).toEqual({ ok: false, error_code: 400, description: "Bad Request: chat not found" });

    const credentials = { botToken: token, webhookSecret: "secret_from_connect" };
    await insertInbox(database(env.DB), { id, kind: "telegram", name: "Telegram · console", teamId: null, priority: 50, settings: { reopenWindowHours: 24 }, credentials: await sealCredentials(env, id, credentials), credentialHints: credentialHints(credentials), createdAt: Date.now() });
    expect((await call("getMe")).body.result.first_name).toBe("Telegram · console");
    const sim2 = capturingSimulator();
    await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: id, customer: { id: "300000011" }, message: { type: "text", text: "hi" } } });
    expect([sim2.delivered[0]!.url, sim2.delivered[0]!.headers.get("X-Telegram-Bot-Api-Secret-Token")]).toEqual([url, "secret_from_connect"]);
    expect((await call("getWebhookInfo")).body.result.url).toBe(url);
  });

  it("sets, shows and deletes the webhook; refuses a plain-http URL off loopback and a secret with other characters", async () => {
    const { telegram: tg } = await sampleInboxes();
    expect((await bot(tg, "setWebhook", { url: "http://example.com/hook" })).body).toEqual({ ok: false, error_code: 400, description: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook" });
    expect((await bot(tg, "setWebhook", { url: "https://example.com/hook", secret_token: "has spaces" })).body.description).toBe("Bad Request: secret token contains unallowed characters");
    // Form-encoded, as the Bot API also takes it, with allowed_updates as a JSON string.
    const form = new URLSearchParams({ url: "https://support.example.com/webhooks/telegram/x", secret_token: "s3cr3t_-", allowed_updates: '["message"]' });
    const set = await sim(`/dev/simulator/telegram/bot${tg.credentials.botToken}/setWebhook`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(set.body.ok).toBe(true);
    expect((await bot(tg, "getWebhookInfo")).body).toEqual({ ok: true, result: { url: "https://support.example.com/webhooks/telegram/x", has_custom_certificate: false, pending_update_count: 0, max_connections: 40, allowed_updates: ["message"] } });
    // Deliveries go where setWebhook said, with its secret.
    const sim2 = capturingSimulator();
    await sim2.call("/dev/simulator/api/messages", { method: "POST", json: { inboxId: tg.inbox.id, customer: { id: "300000010" }, message: { type: "text", text: "hi" } } });
    expect([sim2.delivered[0]!.url, sim2.delivered[0]!.headers.get("X-Telegram-Bot-Api-Secret-Token")]).toEqual(["https://support.example.com/webhooks/telegram/x", "s3cr3t_-"]);
    expect((await bot(tg, "deleteWebhook")).body).toEqual({ ok: true, result: true, description: "Webhook was deleted" });
    expect((await bot(tg, "getWebhookInfo")).body.result).toEqual({ url: "", has_custom_certificate: false, pending_update_count: 0 });
  });

  it("sends a message to a chat the user opened, with a reply, and shows it on the phone; refuses what Telegram refuses", async () => {
    const { telegram: tg } = await sampleInboxes();
    expect((await bot(tg, "sendMessage", { chat_id: 300000020, text: "hi" })).body).toEqual({ ok: false, error_code: 400, description: "Bad Request: chat not found" });
    const { send } = await writer(tg, "300000020");
    await send({ type: "text", text: "oi" });
    const res = await bot(tg, "sendMessage", { chat_id: 300000020, text: "Olá 😊", reply_parameters: { message_id: 1 } });
    expect(res.body).toEqual({ ok: true, result: { message_id: 2, from: { id: 7000000001, is_bot: true, first_name: "Telegram · simulator", username: "switchboard_simulator_bot" }, chat: { id: 300000020, first_name: "User", last_name: "300000020", type: "private" }, date: expect.any(Number), text: "Olá 😊" } });
    const thread = await sim(`/dev/simulator/api/thread?inbox=${tg.inbox.id}&customer=300000020`);
    expect(thread.body.items[1]).toMatchObject({ direction: "out", providerMessageId: "300000020:2", text: "Olá 😊", replyTo: "300000020:1" });
    expect(JSON.parse(thread.body.items[1].request)).toEqual({ chat_id: 300000020, text: "Olá 😊", reply_parameters: { message_id: 1 } });
    const refusals = [
      await bot(tg, "sendMessage", { text: "no chat" }),
      await bot(tg, "sendMessage", { chat_id: 300000020, text: "  " }),
      await bot(tg, "sendMessage", { chat_id: 300000020, text: "x".repeat(4097) }),
      await bot(tg, "sendMessage", { chat_id: 300000020, text: "hi", reply_to_message_id: 99 }),
      await bot(tg, "sendPhoto", { chat_id: 300000020 }),
      await bot(tg, "sendPhoto", { chat_id: 300000020, photo: "file_123" }),
    ];
    expect(refusals.map((r) => [r.status, r.body.description])).toEqual([
      [400, "Bad Request: chat_id is empty"],
      [400, "Bad Request: message text is empty"],
      [400, "Bad Request: message is too long"],
      [400, "Bad Request: message to be replied not found"],
      [400, "Bad Request: there is no photo in the request"],
      [400, "Bad Request: wrong file identifier/HTTP URL specified"],
    ]);
    expect((await bot(tg, "sendMessage", { chat_id: 300000020, text: "x".repeat(4096) })).status).toBe(200);
    expect((await sim(`/dev/simulator/api/thread?inbox=${tg.inbox.id}&customer=300000020`)).body.items).toHaveLength(3);
  });

  it("takes uploads for sendPhoto, sendDocument and sendVoice (multipart), resends by file id, and serves them back through getFile", async () => {
    const { telegram: tg } = await sampleInboxes();
    const { send } = await writer(tg, "300000030");
    await send({ type: "text", text: "manda o recibo" });
    const upload = async (method: string, field: string, file: File, caption?: string) => {
      const form = new FormData();
      form.set("chat_id", "300000030");
      form.set(field, file);
      if (caption) form.set("caption", caption);
      return sim(`/dev/simulator/telegram/bot${tg.credentials.botToken}/${method}`, { method: "POST", body: form });
    };
    const photo = await upload("sendPhoto", "photo", new File([new Uint8Array([137, 80, 78, 71])], "a.png", { type: "image/png" }), "Seu recibo");
    expect(photo.status, photo.text).toBe(200);
    expect(photo.body.result).toMatchObject({ caption: "Seu recibo", photo: [{ width: 90 }, { width: 96, file_size: 4 }] });
    const doc = await upload("sendDocument", "document", new File(["%PDF-1.4"], "recibo.pdf", { type: "application/pdf" }));
    expect(doc.body.result.document).toMatchObject({ file_name: "recibo.pdf", mime_type: "application/pdf", file_size: 8 });
    const voice = await upload("sendVoice", "voice", new File([new Uint8Array(3)], "v.ogg", { type: "audio/ogg" }));
    expect(voice.body.result.voice).toMatchObject({ mime_type: "audio/ogg", file_size: 3, duration: 1 });
    const again = await bot(tg, "sendDocument", { chat_id: 300000030, document: doc.body.result.document.file_id });
    expect(again.body.result.document.file_id).toBe(doc.body.result.document.file_id);

    const path = (await bot(tg, "getFile", { file_id: doc.body.result.document.file_id })).body.result.file_path;
    expect(path).toMatch(/^documents\/file_\d+\.pdf$/);
    const file = await sim(`/dev/simulator/telegram/file/bot${tg.credentials.botToken}/${path}`);
    expect([file.status, file.text, file.headers.get("Content-Disposition"), file.headers.get("X-Content-Type-Options")]).toEqual([200, "%PDF-1.4", 'attachment; filename="recibo.pdf"', "nosniff"]);
    const items = (await sim(`/dev/simulator/api/thread?inbox=${tg.inbox.id}&customer=300000030`)).body.items;
    expect(items.slice(1).map((i: any) => [i.text, i.media?.contentType, i.media?.name])).toEqual([
      ["Seu recibo", "image/png", "a.png"],
      ["", "application/pdf", "recibo.pdf"],
      ["", "audio/ogg", "v.ogg"],
      ["", "application/pdf", "recibo.pdf"],
    ]);
    expect(JSON.parse(items[1].request)).toEqual({ chat_id: "300000030", photo: "<a.png, image/png, 4 bytes>", caption: "Seu recibo" });
    expect((await bot(tg, "getFile", { file_id: "file_1" })).body).toEqual({ ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
    expect((await sim(`/dev/simulator/telegram/file/bot7000000001:wrong/${path}`)).status).toBe(401);
  });

  it("answers 500, 429 with retry_after, or 403 blocked while the page says down, throttling or refusing", async () => {
    const { telegram: tg } = await sampleInboxes();
    const { send } = await writer(tg, "300000040");
    await send({ type: "text", text: "oi" });
    const mode = (m: string) => sim("/dev/simulator/api/provider-mode", { method: "POST", json: { inboxId: tg.inbox.id, mode: m } });
    await mode("down");
    expect((await bot(tg, "sendMessage", { chat_id: 300000040, text: "a" })).body).toEqual({ ok: false, error_code: 500, description: "Internal Server Error" });
    await mode("throttling");
    const throttled = await bot(tg, "sendMessage", { chat_id: 300000040, text: "a" });
    expect([throttled.status, throttled.body]).toEqual([429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 5", parameters: { retry_after: 5 } }]);
    await mode("refusing");
    expect((await bot(tg, "sendMessage", { chat_id: 300000040, text: "a" })).body).toEqual({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await mode("healthy");
    expect((await bot(tg, "sendMessage", { chat_id: 300000040, text: "a" })).status).toBe(200);
    const items = (await sim(`/dev/simulator/api/thread?inbox=${tg.inbox.id}&customer=300000040`)).body.items;
    expect(items.map((i: any) => i.direction)).toEqual(["in", "out"]);
  });
});
