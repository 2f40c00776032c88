/**
 * The Messenger adapter's parse: a verified `object: "page"` body → normalized inbound
 * items, in the provider's order; malformed bodies → issues; events we do not handle →
 * no items (acknowledged).
 */
import { describe, expect, it } from "vitest";
import { messengerAdapter } from "../../../worker/channels/messenger/adapter";
import type { InboundItem } from "../../../worker/channels/types";
import { instagramBodies, messengerBodies as M } from "./meta-fixtures";
import { APP_ID, messengerConfig, PAGE_ID, PSID } from "./meta-kit";

function items(raw: string): InboundItem[] {
  const result = messengerAdapter.parse(raw, messengerConfig());
  if (!result.ok) throw new Error(`did not parse: ${JSON.stringify(result.issues)}`);
  return result.items;
}

const customer = { externalId: PSID, name: null };

describe("Messenger parse: messages", () => {
  it("reads Vlix's real text callback", () => {
    expect(items(M.vlixText)).toEqual([
      {
        type: "message",
        from: "contact",
        contact: customer,
        providerAt: 1518439590791,
        providerMessageId: "mid.$cAAEIQkYwD5bNu1Kzh1hgg1r2bI_K",
        body: "This is a text message",
        media: [],
        replyTo: null,
        ourMessageId: null,
      },
    ]);
  });

  it("reads Vlix's real image callback: the CDN URL is the file to fetch", () => {
    const [item] = items(M.vlixImage);
    expect(item).toMatchObject({ type: "message", from: "contact", providerMessageId: "mid.$cAAFSuiOlE3doibGxAFiWxoQ_dosX", providerAt: 1521927088604, body: "" });
    expect(item!.type === "message" && item!.media).toEqual([
      {
        kind: "image",
        ref: "https://scontent-ort2-2.xx.fbcdn.net/v/t34.0-12/29138552_211240296290531_291369741_n.jpg?_nc_cat=0&_nc_ad=z-m&_nc_cid=0&oh=65d9fcb6baefd7481f5dc477a76571c3&oe=5AB85055",
      },
    ]);
  });

  it("keeps accents, flags and skin-toned emoji, raw or \\u-escaped", () => {
    const [quick] = items(M.quickReplyUnicode);
    expect(quick).toMatchObject({ body: "Sí, quero agendar às 15h ✅🇧🇷", content: { type: "choice", id: "BOOK_15H", title: "Sí, quero agendar às 15h ✅🇧🇷" } });
    const [escaped] = items(M.textEscapedUnicode);
    expect(M.textEscapedUnicode).toContain("\\u00e7");
    expect(escaped).toMatchObject({ body: "Olá, ação rápida! 👍🏽 café ☕ 你好" });
  });

  it("reads a postback as the customer's choice: what they saw, what the business defined", () => {
    expect(items(M.postback)).toEqual([
      {
        type: "message",
        from: "contact",
        contact: customer,
        providerAt: 1767225603000,
        providerMessageId: "m_pb1",
        body: "Falar com atendente",
        media: [],
        content: { type: "choice", id: "TALK_TO_AGENT", title: "Falar com atendente" },
        replyTo: null,
        ourMessageId: null,
      },
    ]);
  });

  it("names a postback without mid by sender and time, the same on every redelivery", () => {
    const body = JSON.parse(M.postback);
    delete body.entry[0].messaging[0].postback.mid;
    const once = items(JSON.stringify(body));
    expect(once[0]).toMatchObject({ providerMessageId: `postback:${PSID}:1767225603000` });
    expect(items(JSON.stringify(body))).toEqual(once);
  });

  it("reads reply_to.mid as the message quoted", () => {
    expect(items(M.replyTo)[0]).toMatchObject({ providerMessageId: "m_reply1", replyTo: "m_earlier", body: "Essa aqui ↑" });
  });

  it("reads video, audio and file as files to fetch, a fallback link into the text", () => {
    const [item] = items(M.attachmentsMixed);
    expect(item).toMatchObject({ type: "message", body: "Nosso cardápio https://example.com/cardapio" });
    expect(item!.type === "message" && item!.media.map((m) => m.kind)).toEqual(["video", "audio", "file"]);
  });

  it("reads a sticker sent as both `sticker` and `image` (Meta's transition) as one sticker", () => {
    const [item] = items(M.stickerTransition);
    expect(item).toMatchObject({ content: { type: "sticker" } });
    expect(item!.type === "message" && item!.media).toEqual([{ kind: "sticker", ref: "https://scontent.xx.fbcdn.net/v/t39.1997-6/39178562_1505197616293642_5411344281094848512_n.png" }]);
  });

  it("says so when a message carries nothing readable", () => {
    const body = JSON.parse(M.vlixText);
    body.entry[0].messaging[0].message = { mid: "m_empty", attachments: [{ type: "fallback" }] };
    expect(items(JSON.stringify(body))[0]).toMatchObject({ body: "", media: [], content: { type: "unsupported" } });
  });
});

describe("Messenger parse: echoes", () => {
  it("marks an echo from our app as ours (its metadata), the customer being the recipient", () => {
    expect(items(M.echoOurApp)).toEqual([
      {
        type: "message",
        from: "business",
        contact: customer,
        providerAt: 1767225608000,
        providerMessageId: "m_echo_ours",
        body: "Olá! Como posso ajudar?",
        media: [],
        replyTo: null,
        ourMessageId: "0e4cbb0b-5e0e-4a0e-9d8c-2f0b9f3f7a11",
      },
    ]);
  });

  it("keeps an echo from the Page inbox (another app) as the business's message, ignoring its metadata", () => {
    expect(items(M.echoPageInbox)).toEqual([
      expect.objectContaining({ type: "message", from: "business", contact: customer, providerMessageId: "m_echo_inbox", body: "Respondido pelo celular 📱", ourMessageId: null }),
    ]);
  });

  it("drops an echo of our app without metadata: the room stored that send before making it", () => {
    const body = JSON.parse(M.echoOurApp);
    delete body.entry[0].messaging[0].message.metadata;
    expect(items(JSON.stringify(body))).toEqual([]);
    expect(String(body.entry[0].messaging[0].message.app_id)).toBe(APP_ID);
  });
});

describe("Messenger parse: changes to messages", () => {
  it("reads a reaction and its removal", () => {
    expect(items(M.reactionReact)).toEqual([{ type: "reaction", contact: customer, providerAt: 1767225605000, providerMessageId: "m_ours1", emoji: "❤️" }]);
    expect(items(M.reactionUnreact)).toEqual([{ type: "reaction", contact: customer, providerAt: 1767225606000, providerMessageId: "m_ours1", emoji: null }]);
  });

  it("reads an edit with its new text", () => {
    expect(items(M.messageEdit)).toEqual([{ type: "edit", contact: customer, providerAt: 1767225607000, providerMessageId: "m_edit1", body: "Corrigido: às 16h 🙂" }]);
  });

  it("reads an unsend (is_deleted), should Messenger send one", () => {
    const body = JSON.parse(M.vlixText);
    body.entry[0].messaging[0].message = { mid: "m_gone", is_deleted: true };
    expect(items(JSON.stringify(body))).toEqual([{ type: "unsend", contact: customer, providerAt: 1518439590791, providerMessageId: "m_gone" }]);
  });
});

describe("Messenger parse: receipts", () => {
  it("reads a delivery as per-message receipts, then the watermark at its own time", () => {
    expect(items(M.deliveryWithMids)).toEqual([
      { type: "status", contact: customer, providerAt: 1767225610500, providerMessageId: "m_ours1", status: "delivered" },
      { type: "status", contact: customer, providerAt: 1767225610500, providerMessageId: "m_ours2", status: "delivered" },
      { type: "watermark", contact: customer, providerAt: 1767225610000, status: "delivered" },
    ]);
  });

  it("reads Vlix's real delivery callback", () => {
    expect(items(M.vlixDelivery)).toEqual([
      { type: "status", contact: customer, providerAt: 1488128564944, providerMessageId: "mid.1488128564673:5e67fce3a6", status: "delivered" },
      { type: "watermark", contact: customer, providerAt: 1488128564613, status: "delivered" },
    ]);
  });

  it("reads a read receipt as a read watermark", () => {
    expect(items(M.read)).toEqual([{ type: "watermark", contact: customer, providerAt: 1767225611000, status: "read" }]);
  });
});

describe("Messenger parse: order and scope", () => {
  it("keeps a batch of three across two entries in the provider's order", () => {
    const batch = items(M.batchThree);
    expect(batch.map((i) => i.type === "message" && [i.providerMessageId, i.body])).toEqual([
      ["m_b1", "primeira"],
      ["m_b2", "segunda"],
      ["m_b3", "terceira"],
    ]);
  });

  it("acknowledges events it does not handle with no items: optins, standby", () => {
    expect(items(M.optinUnhandled)).toEqual([]);
    expect(items(M.standbyUnhandled)).toEqual([]);
  });

  it("skips another page's entries (one app's webhooks go to one URL) and Instagram bodies", () => {
    const body = JSON.parse(M.batchThree);
    body.entry[1].id = "999999999999";
    expect(items(JSON.stringify(body)).map((i) => i.type === "message" && i.providerMessageId)).toEqual(["m_b1", "m_b2"]);
    expect(items(instagramBodies.textEmoji)).toEqual([]);
  });

  it("skips people known only by a plugin's user_ref (no scoped id to file them under)", () => {
    const body = JSON.parse(M.postback);
    body.entry[0].messaging[0].sender = { user_ref: "USER-REF-ID" };
    expect(items(JSON.stringify(body))).toEqual([]);
  });

  it("never makes the page its own customer", () => {
    const body = JSON.parse(M.reactionReact);
    body.entry[0].messaging[0].sender.id = PAGE_ID;
    expect(items(JSON.stringify(body))).toEqual([]);
  });

  it("reads timestamps given as strings, in seconds as in the postback reference", () => {
    const body = JSON.parse(M.postback);
    body.entry[0].messaging[0].timestamp = "1527459824";
    expect(items(JSON.stringify(body))[0]).toMatchObject({ providerAt: 1527459824000 });
  });
});

describe("Messenger parse: malformed", () => {
  const issuesOf = (raw: string) => {
    const result = messengerAdapter.parse(raw, messengerConfig());
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.issues.map((i) => i.path.join("."));
  };
  const mutated = (raw: string, change: (body: any) => void) => {
    const body = JSON.parse(raw);
    change(body);
    return JSON.stringify(body);
  };

  it("refuses what is not JSON, or has no entries", () => {
    expect(issuesOf("{not json")).toEqual([""]);
    expect(issuesOf('{"object":"page"}')).toEqual(["entry"]);
  });

  it("refuses a message without mid, a handled event without sender or time, a bad reaction", () => {
    expect(issuesOf(mutated(M.vlixText, (b) => delete b.entry[0].messaging[0].message.mid))).toEqual(["entry.0.messaging.0.message.mid"]);
    expect(issuesOf(mutated(M.vlixText, (b) => delete b.entry[0].messaging[0].sender))).toEqual(["entry.0.messaging.0.sender.id"]);
    expect(issuesOf(mutated(M.vlixText, (b) => delete b.entry[0].messaging[0].timestamp))).toEqual(["entry.0.messaging.0.timestamp"]);
    expect(issuesOf(mutated(M.reactionReact, (b) => (b.entry[0].messaging[0].reaction.action = "smash")))).toEqual(["entry.0.messaging.0.reaction.action"]);
    expect(issuesOf(mutated(M.read, (b) => (b.entry[0].messaging[0].read = {})))).toEqual(["entry.0.messaging.0.read"]);
  });
});
