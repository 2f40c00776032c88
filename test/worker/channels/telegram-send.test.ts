/**
 * Telegram sends, asserted at the fetch boundary (the Bot API stand-in of
 * provider-fake.ts): sendMessage's payload (reply, split past 4096 characters), files
 * uploaded from R2 as multipart to sendPhoto / sendDocument / sendVoice, and how the Bot
 * API's answers become SendResults (429 retry_after, 403 blocked final, 5xx and network
 * retried), with the token in no reason.
 */
import { describe, expect, it } from "vitest";
import { telegramAdapter } from "../../../worker/channels/telegram/adapter";
import { fakeProvider, networkFailure } from "../provider-fake";
import { BOT_API, BOT_TOKEN, botError, method, sentAnswer, telegramContext } from "./telegram-kit";
import { outbound, storedFile } from "./whatsapp-kit";

const CHAT = 5512345678;
const send = (overrides: Parameters<typeof outbound>[0] = {}) => telegramAdapter.send(outbound({ recipient: String(CHAT), ...overrides }), telegramContext());

describe("Telegram send: text", () => {
  it("sendMessage to the chat, the token in the path, answers `${chat}:${message_id}`", async () => {
    const fake = fakeProvider(BOT_API).on("POST", method("sendMessage"), [sentAnswer(CHAT, 501)]);
    expect(await send({ body: "Olá, Joana! Ação concluída ✅ 👍🏽" })).toEqual({ outcome: "sent", providerMessageId: `${CHAT}:501` });
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call!.url.pathname).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(call!.headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(call!.body)).toEqual({ chat_id: String(CHAT), text: "Olá, Joana! Ação concluída ✅ 👍🏽" });
  });

  it("a bot's options go as a one-time reply keyboard, one numbered button per row", async () => {
    const fake = fakeProvider(BOT_API).on("POST", method("sendMessage"), [sentAnswer(CHAT, 510)]);
    const options = { type: "options" as const, prompt: "Como posso ajudar?", options: [{ id: "1", title: "Financeiro" }, { id: "2", title: "Suporte" }] };
    expect(await send({ body: "Como posso ajudar?\n1. Financeiro\n2. Suporte", options })).toEqual({ outcome: "sent", providerMessageId: `${CHAT}:510` });
    expect(JSON.parse(fake.calls[0]!.body).reply_markup).toEqual({ keyboard: [[{ text: "1. Financeiro" }], [{ text: "2. Suporte" }]], one_time_keyboard: true, resize_keyboard: true });
  });

  it("a reply quotes the customer's message with reply_parameters (its id within the chat)", async () => {
    const fake = fakeProvider(BOT_API).on("POST", method("sendMessage"), [sentAnswer(CHAT, 502)]);
    await send({ replyTo: `${CHAT}:111` });
    expect(JSON.parse(fake.calls[0]!.body).reply_parameters).toEqual({ message_id: 111, allow_sending_without_reply: true });
  });

  it("a quoted id of another chat is not sent as a reply", async () => {
    const fake = fakeProvider(BOT_API).on("POST", method("sendMessage"), [sentAnswer(CHAT, 503)]);
    await send({ replyTo: "999:111" });
    expect(JSON.parse(fake.calls[0]!.body)).not.toHaveProperty("reply_parameters");
  });

  it("a text over 4096 characters goes as several messages, each ≤ 4096, only the first quoting, the first's id answered", async () => {
    const fake = fakeProvider(BOT_API).on("POST", method("sendMessage"), [sentAnswer(CHAT, 601), sentAnswer(CHAT, 602), sentAnswer(CHAT, 603)]);
    const body = `${"palavra ".repeat(600)}\n${"ação ".repeat(900)}`.trim();
    expect(body.length).toBeGreaterThan(4096 * 2);
    expect(await send({ body, replyTo: `${CHAT}:111` })).toEqual({ outcome: "sent", providerMessageId: `${CHAT}:601` });
    const texts = fake.calls.map((c) => JSON.parse(c.body));
    expect(texts.length).toBe(3);
    for (const t of texts) expect(t.text.length).toBeLessThanOrEqual(4096);
    expect(texts.map((t) => t.text).join(" ").replace(/\s+/g, " ")).toBe(body.replace(/\s+/g, " "));
    expect(texts[0].reply_parameters).toEqual({ message_id: 111, allow_sending_without_reply: true });
    expect(texts[1]).not.toHaveProperty("reply_parameters");
  });

  it("a failure after the first part went out is final, saying so (a retry would repeat it)", async () => {
    fakeProvider(BOT_API).on("POST", method("sendMessage"), [sentAnswer(CHAT, 701), botError(500, "Internal Server Error")]);
    const result = await send({ body: "x ".repeat(3000).trim() });
    expect(result).toEqual({ outcome: "failed", reason: "1 of 2 parts went out; then: Internal Server Error" });
  });
});

describe("Telegram send: files from R2", () => {
  it("a JPEG goes to sendPhoto as multipart with the file's exact bytes, the text as its caption", async () => {
    const fake = fakeProvider(BOT_API).on("POST", method("sendPhoto"), [sentAnswer(CHAT, 801)]);
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 250, 251]);
    const file = await storedFile("foto.jpg", "image/jpeg", bytes);
    expect(await send({ body: "a foto do pedido", attachments: [file], replyTo: `${CHAT}:7` })).toEqual({ outcome: "sent", providerMessageId: `${CHAT}:801` });
    const [call] = fake.calls;
    expect(call!.headers.get("Content-Type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Request("https://x.test", { method: "POST", headers: { "Content-Type": call!.headers.get("Content-Type")! }, body: call!.raw }).formData();
    expect(form.get("chat_id")).toBe(String(CHAT));
    expect(form.get("caption")).toBe("a foto do pedido");
    expect(JSON.parse(form.get("reply_parameters") as string)).toEqual({ message_id: 7, allow_sending_without_reply: true });
    const photo = form.get("photo") as File;
    expect(photo.name).toBe("foto.jpg");
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(bytes);
  });

  it("a PDF goes to sendDocument, an OGG voice note to sendVoice; a long text goes first, alone", async () => {
    const fake = fakeProvider(BOT_API)
      .on("POST", method("sendMessage"), [sentAnswer(CHAT, 900)])
      .on("POST", method("sendDocument"), [sentAnswer(CHAT, 901)])
      .on("POST", method("sendVoice"), [sentAnswer(CHAT, 902)]);
    const pdf = await storedFile("nota.pdf", "application/pdf", "%PDF-1.4 nota");
    const ogg = await storedFile("audio.ogg", "audio/ogg; codecs=opus", "OggS voice");
    const body = "b".repeat(1100);
    expect(await send({ body, attachments: [pdf, ogg] })).toEqual({ outcome: "sent", providerMessageId: `${CHAT}:900` });
    expect(fake.calls.map((c) => c.url.pathname.split("/").pop())).toEqual(["sendMessage", "sendDocument", "sendVoice"]);
    const doc = await new Request("https://x.test", { method: "POST", headers: { "Content-Type": fake.calls[1]!.headers.get("Content-Type")! }, body: fake.calls[1]!.raw }).formData();
    expect(await (doc.get("document") as File).text()).toBe("%PDF-1.4 nota");
    expect(doc.get("caption")).toBeNull();
  });

  it("a file no longer stored fails for good; one over 50 MB is refused before any call", async () => {
    const fake = fakeProvider(BOT_API).on("POST", /.*/, [], sentAnswer(CHAT, 1));
    const gone = { id: crypto.randomUUID(), name: "sumiu.pdf", contentType: "application/pdf", size: 10 };
    expect(await send({ attachments: [gone] })).toEqual({ outcome: "failed", reason: "sumiu.pdf is no longer stored" });
    const huge = { id: crypto.randomUUID(), name: "enorme.zip", contentType: "application/zip", size: 51 * 1024 * 1024 };
    expect(await send({ attachments: [huge] })).toMatchObject({ outcome: "failed", reason: expect.stringContaining("50 MB") });
    expect(fake.calls).toHaveLength(0);
  });
});

describe("Telegram send: answers", () => {
  it("429: retry after parameters.retry_after seconds (the body), not the header", async () => {
    fakeProvider(BOT_API).on("POST", method("sendMessage"), [botError(429, "Too Many Requests: retry after 17", { retry_after: 17 }, { "Retry-After": "3" })]);
    expect(await send()).toEqual({ outcome: "retry", reason: "Too Many Requests: retry after 17", retryAfterMs: 17_000 });
  });

  it("429 without retry_after: Retry-After", async () => {
    fakeProvider(BOT_API).on("POST", method("sendMessage"), [botError(429, "Too Many Requests", undefined, { "Retry-After": "5" })]);
    expect(await send()).toEqual({ outcome: "retry", reason: "Too Many Requests", retryAfterMs: 5_000 });
  });

  it("403 bot was blocked by the user: failed for good, with Telegram's reason", async () => {
    fakeProvider(BOT_API).on("POST", method("sendMessage"), [botError(403, "Forbidden: bot was blocked by the user")]);
    expect(await send()).toEqual({ outcome: "failed", reason: "Forbidden: bot was blocked by the user" });
  });

  it("500 and a network error: retry", async () => {
    fakeProvider(BOT_API).on("POST", method("sendMessage"), [botError(500, "Internal Server Error"), networkFailure()]);
    expect(await send()).toEqual({ outcome: "retry", reason: "Internal Server Error", retryAfterMs: null });
    expect(await send()).toMatchObject({ outcome: "retry", reason: expect.stringContaining("network error") });
  });

  it("a 502 page that is not JSON: retry with the status", async () => {
    fakeProvider(BOT_API).on("POST", method("sendMessage"), [new Response("<html>bad gateway</html>", { status: 502 })]);
    expect(await send()).toEqual({ outcome: "retry", reason: "HTTP 502", retryAfterMs: null });
  });

  it("the token never appears in a reason, even when Telegram quotes it", async () => {
    fakeProvider(BOT_API).on("POST", method("sendMessage"), [botError(400, `Bad Request: bot${BOT_TOKEN} is confused`)]);
    const result = await send();
    expect(result.outcome).toBe("failed");
    expect(JSON.stringify(result)).not.toContain(BOT_TOKEN);
    expect(JSON.stringify(result)).toContain("****");
  });
});
