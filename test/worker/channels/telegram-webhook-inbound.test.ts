/**
 * Telegram deliveries through the real webhook route: the secret checked before anything
 * (wrong → 401, nothing stored), malformed → 400, the same update once however often
 * Telegram redelivers it (room evicted or not), an edit shown on the one message with its
 * history kept, a reply linked to our stored message, a photo fetched into R2, and what
 * is acknowledged and ignored (groups, other update kinds).
 */
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { agentReplies } from "../channel-room-kit";
import { owner } from "../fixtures";
import type { Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { conversationsOf, eventsOf, messagesIn, post } from "./channel-world";
import { JOANA_CHAT, TG } from "./telegram-fixtures";
import { BOT_API, FILE_PATH, sentAnswer, WEBHOOK_SECRET } from "./telegram-kit";
import { messagesOfOnly, now, onlyConversation, tgInbox } from "./telegram-webhook-kit";
import { waInbox } from "./whatsapp-webhook-kit";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

describe("guards", () => {
  it("a wrong, missing or other inbox's secret: 401 in the error shape, nothing stored", async () => {
    const tg = await tgInbox();
    for (const secret of ["wrong", "", "tg-webhook-secret_0123456789-abcdefghijklmnopQ"]) {
      const res = await tg.deliver(TG.textEntities, secret);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
    expect(await conversationsOf(tg.inbox.id)).toEqual([]);
  });

  it("malformed with the right secret: 400 with the issues, nothing stored", async () => {
    const tg = await tgInbox();
    for (const body of ["{not json", '{"message":{}}', '{"update_id":1,"message":{"message_id":"x","date":1,"chat":{"id":1,"type":"private"}}}']) {
      const res = await tg.deliver(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    expect(await conversationsOf(tg.inbox.id)).toEqual([]);
  });

  it("an unknown inbox, or another kind's inbox on Telegram's path: 404, nothing stored", async () => {
    const unknown = await post(`/webhooks/telegram/${crypto.randomUUID()}`, TG.textEntities, { "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET });
    expect(unknown.status).toBe(404);
    const wa = await waInbox();
    expect((await post(`/webhooks/telegram/${wa.inbox.id}`, TG.textEntities, { "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET })).status).toBe(404);
    expect(await conversationsOf(wa.inbox.id)).toEqual([]);
  });

  it("a group message, a callback query, a membership change in a group: 200 acknowledged, nothing stored", async () => {
    const tg = await tgInbox();
    expect(await tg.deliver(TG.groupMessage)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await tg.deliver(TG.callbackQuery)).toMatchObject({ status: 200, body: { ok: true } });
    const inGroup = JSON.parse(TG.kicked);
    inGroup.my_chat_member.chat = { id: -1001234567890, title: "Clientes", type: "supergroup" };
    expect((await tg.deliver(JSON.stringify(inGroup))).status).toBe(200);
    expect(await conversationsOf(tg.inbox.id)).toEqual([]);
  });
});

describe("redelivery", () => {
  it("the same update twice: one message, the chat id as the customer", async () => {
    const tg = await tgInbox();
    const update = now(TG.textEntities);
    expect(await tg.deliver(update)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await tg.deliver(update)).toMatchObject({ status: 200, body: { ok: true } });
    const messages = await messagesOfOnly(boss, tg.inbox.id);
    expect(messages.map((m) => [m.body, m.providerMessageId, m.actor.type])).toEqual([["Olá! Meu pedido #4521 não chegou 📦 https://loja.example/p/4521", `${JOANA_CHAT}:101`, "contact"]]);
    const identity = await env.DB.prepare("SELECT external_id FROM contact_identities WHERE kind = ?").bind(`telegram:${tg.inbox.id}`).all();
    expect(identity.results).toEqual([{ external_id: JOANA_CHAT }]);
  });

  it("again after the room was evicted, and with another update_id for the same message: still one", async () => {
    const tg = await tgInbox();
    const update = now(TG.textEntities);
    expect((await tg.deliver(update)).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(conversation.id));
    expect((await tg.deliver(update)).status).toBe(200);
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(conversation.id));
    const renumbered = JSON.parse(update);
    renumbered.update_id += 1000;
    expect((await tg.deliver(JSON.stringify(renumbered))).status).toBe(200);
    const messages = await messagesOfOnly(boss, tg.inbox.id);
    expect(messages.map((m) => m.providerMessageId)).toEqual([`${JOANA_CHAT}:101`]);
  });
});

describe("edits", () => {
  it("an edit: one message, shown with its new text, the edit kept as history; redelivered: once", async () => {
    const tg = await tgInbox();
    expect((await tg.deliver(now(TG.textEntities))).status).toBe(200);
    expect((await tg.deliver(TG.edited)).status).toBe(200);
    expect((await tg.deliver(TG.edited)).status).toBe(200);
    const events = await eventsOf(boss, (await onlyConversation(tg.inbox.id)).id);
    const messages = messagesIn(events);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toBe("Olá! Meu pedido #4521 não chegou 📦 https://loja.example/p/4521");
    const edits = events.filter((e) => e.type === "edit");
    expect(edits).toMatchObject([{ messageSeq: messages[0]!.seq, body: "Olá! Meu pedido #4522 não chegou 📦" }]);
  });
});

describe("replies and files", () => {
  it("a customer's reply to our message links to it (replyTo seq)", async () => {
    const tg = await tgInbox();
    expect((await tg.deliver(now(TG.textEntities))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    fakeProvider(BOT_API).on("POST", tg.method("sendMessage"), [sentAnswer(Number(JOANA_CHAT), 42)]);
    const reply = await agentReplies(boss, conversation.id, "Seu pedido saiu para entrega.");
    expect(reply.status).toBe(201);
    await eventually(async () => expect(messagesIn(await eventsOf(boss, conversation.id)).find((m) => m.seq === reply.body.seq)?.finalDelivery).toBe("sent"));
    expect((await tg.deliver(now(TG.reply))).status).toBe(200);
    const customerReply = messagesIn(await eventsOf(boss, conversation.id)).find((m) => m.providerMessageId === `${JOANA_CHAT}:111`)!;
    expect(customerReply.replyTo).toEqual({ seq: reply.body.seq, providerMessageId: `${JOANA_CHAT}:42` });
  });

  it("a photo: getFile, the largest size downloaded into R2, the caption as the body", async () => {
    const tg = await tgInbox();
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    const bot = fakeProvider(BOT_API)
      .on("POST", tg.method("getFile"), [Response.json({ ok: true, result: { file_id: "x", file_size: 9, file_path: "photos/file_7.jpg" } })])
      .on("GET", FILE_PATH, [new Response(jpeg, { headers: { "Content-Length": "9" } })]);
    expect((await tg.deliver(TG.photoCaption)).status).toBe(200);
    expect(JSON.parse(bot.calls[0]!.body).file_id).toBe("AgACAgQAAxkBAAINhGKvijUVSn2i3980bQIIc1fqWGNCAAJpvDEbEmaBUfuA43fR-BnlAQADAgADeQADJAQ");
    const [message] = await messagesOfOnly(boss, tg.inbox.id);
    expect(message!.body).toBe("www.example.com");
    expect(message!.attachments).toMatchObject([{ contentType: "image/jpeg", size: 9 }]);
    const stored = await env.FILES.get(`files/${message!.attachments![0]!.id}`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(jpeg);
  });
});
