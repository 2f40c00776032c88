/**
 * The Instagram adapter's parse: a verified `object: "instagram"` body → normalized
 * inbound items (text, files, story replies and mentions, unsends, reactions, seen
 * receipts, echoes, postbacks), in the provider's order.
 */
import { describe, expect, it } from "vitest";
import { instagramAdapter } from "../../../worker/channels/instagram/adapter";
import type { InboundItem } from "../../../worker/channels/types";
import { instagramBodies as IG, messengerBodies } from "./meta-fixtures";
import { IGSID, instagramConfig } from "./meta-kit";

function items(raw: string): InboundItem[] {
  const result = instagramAdapter.parse(raw, instagramConfig());
  if (!result.ok) throw new Error(`did not parse: ${JSON.stringify(result.issues)}`);
  return result.items;
}

const customer = { externalId: IGSID, name: null };

describe("Instagram parse: messages", () => {
  it("reads a text with emoji, its long mid kept whole", () => {
    const [item] = items(IG.textEmoji);
    expect(item).toEqual({
      type: "message",
      from: "contact",
      contact: customer,
      providerAt: 1767225701000,
      providerMessageId: JSON.parse(IG.textEmoji).entry[0].messaging[0].message.mid,
      body: "Oi! Vocês entregam em São Paulo? 🚚💨",
      media: [],
      replyTo: null,
      ourMessageId: null,
    });
    expect(item!.type === "message" && item!.providerMessageId.length).toBeGreaterThan(128);
  });

  it("reads an image as a file to fetch from the CDN", () => {
    expect(items(IG.image)[0]).toMatchObject({ body: "", media: [{ kind: "image", ref: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345678901234&signature=abc" }] });
  });

  it("reads a story reply: the text, and the story's URL (never downloaded: Meta forbids storing stories)", () => {
    expect(items(IG.storyReply)[0]).toMatchObject({
      body: "Amei esse look! 😍",
      media: [],
      content: { type: "story", mode: "reply", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18000000000000001&signature=s1" },
      replyTo: null,
    });
  });

  it("reads a story mention as content, not as a file", () => {
    expect(items(IG.storyMention)[0]).toMatchObject({
      providerMessageId: "ig_sm1",
      body: "",
      media: [],
      content: { type: "story", mode: "mention", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18000000000000002&signature=s2" },
    });
  });

  it("reads a shared reel as its title and link", () => {
    expect(items(IG.shareReel)[0]).toMatchObject({ body: "Receita de bolo 🎂 https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18000000000000003&signature=s3", media: [] });
  });

  it("reads what Instagram cannot pass on as unsupported content", () => {
    expect(items(IG.unsupported)[0]).toMatchObject({ providerMessageId: "ig_unsup1", body: "", content: { type: "unsupported" } });
  });

  it("reads an ice breaker (postback) as the customer's choice", () => {
    expect(items(IG.postbackIcebreaker)[0]).toMatchObject({
      type: "message",
      from: "contact",
      providerMessageId: "ig_pb1",
      body: "Qual o horário de funcionamento?",
      content: { type: "choice", id: "HOURS", title: "Qual o horário de funcionamento?" },
    });
  });

  it("reads a reply to one of our messages", () => {
    const body = JSON.parse(IG.textEmoji);
    body.entry[0].messaging[0].message.reply_to = { mid: "ig_ours1" };
    expect(items(JSON.stringify(body))[0]).toMatchObject({ replyTo: "ig_ours1" });
  });
});

describe("Instagram parse: unsend, reaction, seen", () => {
  it("reads is_deleted as an unsend of that message", () => {
    expect(items(IG.unsend)).toEqual([{ type: "unsend", contact: customer, providerAt: 1767225705000, providerMessageId: "ig_txt_to_delete" }]);
  });

  it("reads a reaction with its emoji", () => {
    expect(items(IG.reaction)).toEqual([{ type: "reaction", contact: customer, providerAt: 1767225706000, providerMessageId: "ig_ours1", emoji: "❤" }]);
  });

  it("reads messaging_seen (a mid, no watermark) as that message read, and everything before", () => {
    expect(items(IG.seen)).toEqual([
      { type: "status", contact: customer, providerAt: 1767225707000, providerMessageId: "ig_ours1", status: "read" },
      { type: "watermark", contact: customer, providerAt: 1767225707000, status: "read" },
    ]);
  });
});

describe("Instagram parse: echoes", () => {
  it("drops an echo of our own app's send (Instagram echoes no metadata; the room has the message)", () => {
    expect(items(IG.echoOurApp)).toEqual([]);
  });

  it("keeps what the business wrote from the Instagram app as its message to the customer", () => {
    expect(items(IG.echoPhone)).toEqual([
      {
        type: "message",
        from: "business",
        contact: customer,
        providerAt: 1767225709000,
        providerMessageId: "ig_echo_phone",
        body: "Respondi pelo app do Instagram 📲",
        media: [],
        replyTo: null,
        ourMessageId: null,
      },
    ]);
  });
});

describe("Instagram parse: scope", () => {
  it("acknowledges referrals with no items, and skips Messenger bodies and other accounts' entries", () => {
    expect(items(IG.referralUnhandled)).toEqual([]);
    expect(items(messengerBodies.vlixText)).toEqual([]);
    const body = JSON.parse(IG.textEmoji);
    body.entry[0].id = "17841400000000000";
    expect(items(JSON.stringify(body))).toEqual([]);
  });

  it("keeps several messaging items of one entry in order", () => {
    const body = JSON.parse(IG.textEmoji);
    const [first] = body.entry[0].messaging;
    body.entry[0].messaging = [first, JSON.parse(IG.unsend).entry[0].messaging[0], JSON.parse(IG.reaction).entry[0].messaging[0]];
    expect(items(JSON.stringify(body)).map((i) => i.type)).toEqual(["message", "unsend", "reaction"]);
  });
});
