/**
 * @module Instagram story replies and mentions through the webhook route: stored with
 * their content (the story's link while Meta's CDN keeps it), and the story itself never
 * downloaded, as Meta requires ("You must not store/cache the media content on your
 * server", https://developers.facebook.com/docs/messenger-platform/instagram/features/story-mention).
 */
import { describe, expect, it } from "vitest";
import { fakeProvider } from "../provider-fake";
import { instagramBodies } from "./meta-fixtures";
import { metaWorld } from "./meta-webhook-kit";

const LOOKASIDE = "https://lookaside.fbsbx.com";

describe("instagram webhook: stories", () => {
  it("stores a story reply with the customer's words and the story it answers", async () => {
    const w = await metaWorld("instagram");
    const cdn = fakeProvider(LOOKASIDE);
    expect((await w.deliver(w.fixture(instagramBodies.storyReply))).status).toBe(200);
    expect(await w.messages()).toMatchObject([
      {
        actor: { type: "contact" },
        body: "Amei esse look! 😍",
        providerMessageId: "ig_sr1",
        providerAt: 1767225703000,
        content: { type: "story", mode: "reply", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18000000000000001&signature=s1" },
      },
    ]);
    expect(cdn.calls).toEqual([]);
  });

  it("stores a story mention as the mention, without a file, once", async () => {
    const w = await metaWorld("instagram");
    const cdn = fakeProvider(LOOKASIDE);
    const body = w.fixture(instagramBodies.storyMention);
    expect((await w.deliver(body)).status).toBe(200);
    expect((await w.deliver(body)).status).toBe(200);
    const messages = await w.messages();
    expect(messages).toMatchObject([
      { body: "", providerMessageId: "ig_sm1", content: { type: "story", mode: "mention", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18000000000000002&signature=s2" } },
    ]);
    expect(messages[0]!.attachments ?? []).toEqual([]);
    expect(cdn.calls).toEqual([]);
  });
});
