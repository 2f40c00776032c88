/**
 * Telegram's Update → normalized inbound items, for every kind of message the inbox
 * takes (real teloxide payloads and ones written from the Bot API reference), the edit,
 * the customer blocking and unblocking the bot, and what is acknowledged and ignored
 * (groups, other update kinds) or refused as malformed.
 */
import { describe, expect, it } from "vitest";
import { parseTelegram } from "../../../worker/channels/telegram/parse";
import type { InboundItem } from "../../../worker/channels/types";
import { JOANA_CHAT, TG } from "./telegram-fixtures";
import { telegramConfig } from "./telegram-kit";

function items(raw: string): InboundItem[] {
  const parsed = parseTelegram(raw, telegramConfig());
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.issues)}`);
  return parsed.items;
}
const only = (raw: string) => {
  const all = items(raw);
  expect(all).toHaveLength(1);
  return all[0]! as any;
};

describe("messages", () => {
  it("teloxide's private text: the chat id as the customer, `${chat}:${message}` as the provider id, the date in ms", () => {
    expect(only(TG.teloxideText)).toEqual({
      type: "message",
      from: "contact",
      contact: { externalId: "218485655", name: "Waffle", phone: null },
      providerAt: 1569518342_000,
      providerMessageId: "218485655:6557",
      body: "hello there",
      media: [],
      replyTo: null,
    });
  });

  it("text with entities: the text whole, as typed (accents, emoji, the URL and hashtag)", () => {
    const item = only(TG.textEntities);
    expect(item.body).toBe("Olá! Meu pedido #4521 não chegou 📦 https://loja.example/p/4521");
    expect(item.contact).toEqual({ externalId: JOANA_CHAT, name: "Joana Araújo", phone: null });
    expect(item.providerMessageId).toBe(`${JOANA_CHAT}:101`);
  });

  it("photos: the largest size only, with the caption (teloxide, by file size)", () => {
    const item = only(TG.photoCaption);
    expect(item.body).toBe("www.example.com");
    expect(item.media).toEqual([{ kind: "image", ref: "AgACAgQAAxkBAAINhGKvijUVSn2i3980bQIIc1fqWGNCAAJpvDEbEmaBUfuA43fR-BnlAQADAgADeQADJAQ", contentType: "image/jpeg", name: null, size: 162061 }]);
    const cyrillic = only(TG.photoCyrillic);
    expect(cyrillic.contact.name).toBe("Андрей Власов");
    expect(cyrillic.media[0].ref).toBe("AgADAgAD36sxG-PX0UvQSXIn9rccdw-ACA4ABAEAAwIAA3kAAyTcBAABFgQ");
  });

  it.each([
    ["document", TG.document, { kind: "document", contentType: "application/pdf", name: "nota fiscal 4521.pdf", size: 48213 }, "segue a nota"],
    ["voice", TG.voice, { kind: "audio", contentType: "audio/ogg", name: null, size: 9120 }, ""],
    ["audio", TG.audio, { kind: "audio", contentType: "audio/mpeg", name: "cancao.mp3", size: 2960113 }, ""],
    ["video", TG.video, { kind: "video", contentType: "video/mp4", name: "caixa amassada.mp4", size: 3811204 }, "a caixa chegou assim"],
    ["video note", TG.videoNote, { kind: "video", contentType: "video/mp4", name: null, size: 512330 }, ""],
    ["sticker", TG.sticker, { kind: "sticker", contentType: "image/webp", name: null, size: 23650 }, ""],
  ])("%s: one file by its file id, its type and size, the caption as the body", (_, raw, media, body) => {
    const item = only(raw);
    expect(item.media).toHaveLength(1);
    expect(item.media[0]).toMatchObject(media);
    expect(item.media[0].ref).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(item.body).toBe(body);
    if (media.kind === "sticker") expect(item.content).toEqual({ type: "sticker" });
  });

  it("location and venue: structured content, the venue's name and address as the body", () => {
    expect(only(TG.location)).toMatchObject({ body: "", media: [], content: { type: "location", latitude: -23.561414, longitude: -46.655881, name: null, address: null } });
    expect(only(TG.venue)).toMatchObject({
      body: "Cristo Redentor — Parque Nacional da Tijuca, Rio de Janeiro",
      content: { type: "location", latitude: -22.951911, longitude: -43.210487, name: "Cristo Redentor", address: "Parque Nacional da Tijuca, Rio de Janeiro" },
    });
  });

  it("a shared contact: its name and phone", () => {
    expect(only(TG.contact)).toMatchObject({ body: "Carlos Pereira", content: { type: "contacts", contacts: [{ name: "Carlos Pereira", phones: ["+5511988887777"], emails: [] }] } });
  });

  it("a reply: replyTo is the quoted message's provider id in the same chat", () => {
    expect(only(TG.reply)).toMatchObject({ body: "e esse aqui também?", replyTo: `${JOANA_CHAT}:42`, providerMessageId: `${JOANA_CHAT}:111` });
  });

  it("a kind the inbox cannot show (a poll): stored as unsupported, not dropped", () => {
    expect(only(TG.poll)).toMatchObject({ type: "message", body: "", media: [], content: { type: "unsupported" } });
  });
});

describe("edits", () => {
  it("edited_message: an edit of the same provider id, at the edit's time", () => {
    expect(only(TG.edited)).toEqual({
      type: "edit",
      contact: { externalId: JOANA_CHAT, name: "Joana Araújo", phone: null },
      providerAt: 1796300060_000,
      providerMessageId: `${JOANA_CHAT}:101`,
      body: "Olá! Meu pedido #4522 não chegou 📦",
    });
  });

  it("an edit with no words (a live location moving): nothing", () => {
    const live = JSON.parse(TG.location);
    expect(items(JSON.stringify({ update_id: 1, edited_message: { ...live.message, edit_date: 1796300760 } }))).toEqual([]);
  });
});

describe("my_chat_member", () => {
  it("kicked: the customer blocked the bot → unreachable; member: back", () => {
    expect(only(TG.kicked)).toEqual({ type: "reachability", contact: { externalId: JOANA_CHAT, name: "Joana Araújo", phone: null }, providerAt: 1796301100_000, reachable: false, reason: "blocked" });
    expect(only(TG.member)).toMatchObject({ type: "reachability", reachable: true, reason: "blocked", providerAt: 1796301200_000 });
  });
});

describe("acknowledged and ignored", () => {
  it.each([
    ["a group message", TG.groupMessage],
    ["a callback query", TG.callbackQuery],
    ["an update with nothing we know", '{"update_id":5,"chosen_inline_result":{"result_id":"1","from":{"id":1,"first_name":"A"},"query":"x"}}'],
  ])("%s: no items", (_, raw) => {
    expect(items(raw)).toEqual([]);
  });
});

describe("malformed", () => {
  it.each([
    ["not JSON", "{update_id:"],
    ["no update_id", '{"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"x"}}'],
    ["a message without its chat", '{"update_id":1,"message":{"message_id":1,"date":1,"text":"x"}}'],
    ["a photo without sizes", '{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"photo":[]}}'],
    ["a string message id", '{"update_id":1,"message":{"message_id":"1","date":1,"chat":{"id":1,"type":"private"},"text":"x"}}'],
  ])("%s: refused with issues", (_, raw) => {
    const parsed = parseTelegram(raw, telegramConfig());
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.length).toBeGreaterThan(0);
  });
});
