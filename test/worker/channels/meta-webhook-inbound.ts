/**
 * @module The route-level inbound suite for a Meta webhook inbox, run by
 * messenger-webhook-inbound.test.ts and instagram-webhook-inbound.test.ts: a batch is
 * stored in the provider's order with the provider's timestamps beside ours, and a
 * customer's image is copied from Meta's CDN (a stand-in at the fetch boundary) into R2
 * and served by our /files route; a CDN failure answers 503 with nothing stored, and
 * Meta's redelivery after it recovers stores the message once, with its file.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { call, ORIGIN } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { eventsOf, messagesIn } from "./channel-world";
import { metaWorld, mid, type MetaKind, type MetaWorld } from "./meta-webhook-kit";

const CDN = "https://scontent.xx.fbcdn.net";
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const jpeg = () => new Response(JPEG, { headers: { "Content-Type": "image/jpeg", "Content-Length": String(JPEG.byteLength) } });

/** D1's messages of `conversationId` (not status rows), in seq order. */
async function d1Messages(conversationId: string) {
  const { results } = await env.DB.prepare("SELECT seq, body FROM messages WHERE conversation_id = ? AND kind <> 'event' ORDER BY seq").bind(conversationId).all<{ seq: number; body: string }>();
  return results;
}

/** The ids of the inbox's conversations the console lists. */
async function listed(w: MetaWorld): Promise<string[]> {
  const res = await call(`/api/v1/conversations?view=all&inbox=${w.inbox.id}`, { client: w.boss });
  expect(res.status).toBe(200);
  return res.body.conversations.map((c: { id: string }) => c.id);
}

/** The ids of the files R2 holds for `conversationId`. */
async function filesOf(conversationId: string): Promise<string[]> {
  const { objects } = await env.FILES.list({ prefix: "files/", include: ["customMetadata"] });
  return objects.filter((o) => o.customMetadata?.conversationId === conversationId).map((o) => o.key.slice("files/".length));
}

export function inboundSuite(kind: MetaKind, batchThree: string | null) {
  describe(`${kind} webhook: a batch`, () => {
    it("stores three messages over two entries in the provider's order, keeping its timestamps beside ours", async () => {
      const w = await metaWorld(kind);
      const t0 = Date.now() - 60_000;
      // The provider's order is the body's, even where its clocks disagree (the third
      // says it was sent before the second).
      const body = batchThree
        ? w.fixture(batchThree)
        : JSON.stringify({
            object: "instagram",
            entry: [
              { id: w.businessId, time: t0, messaging: [w.text("m_b1", "primeira", t0), w.text("m_b2", "segunda", t0 + 2000)] },
              { id: w.businessId, time: t0 + 3000, messaging: [w.text("m_b3", "terceira", t0 + 1000)] },
            ],
          });
      const before = Date.now();
      expect((await w.deliver(body)).status).toBe(200);
      const messages = await w.messages();
      expect(messages.map((m) => m.body)).toEqual(["primeira", "segunda", "terceira"]);
      expect(messages.map((m) => m.providerMessageId)).toEqual(["m_b1", "m_b2", "m_b3"]);
      const seqs = messages.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const sent = JSON.parse(body).entry.flatMap((e: { messaging: Array<{ timestamp: number }> }) => e.messaging.map((m) => m.timestamp));
      expect(messages.map((m) => m.providerAt)).toEqual(sent);
      for (const m of messages) expect(m.at).toBeGreaterThanOrEqual(before);
      const conversationId = await w.conversationId();
      await eventually(async () => expect(await d1Messages(conversationId)).toEqual(messages.map((m) => ({ seq: m.seq, body: m.body }))));
      // The same batch again adds nothing.
      expect((await w.deliver(body)).status).toBe(200);
      expect((await w.messages()).map((m) => m.body)).toEqual(["primeira", "segunda", "terceira"]);
    });
  });

  describe(`${kind} webhook: two customers in one delivery`, () => {
    it("files each customer's messages in their own conversation, each in the provider's order", async () => {
      const w = await metaWorld(kind);
      const other = `${w.customer}7`;
      const fromOther = (m: string, text: string) => ({ ...w.text(m, text), sender: { id: other } });
      await w.send(w.text("m_a1", "A1"), fromOther("m_b1", "B1"), w.text("m_a2", "A2"), fromOther("m_b2", "B2"));
      const conversations = await w.conversations();
      expect(conversations).toHaveLength(2);
      const bodies = await Promise.all(conversations.map(async (c) => messagesIn(await eventsOf(w.boss, c.id)).map((m) => m.body)));
      expect(bodies.sort()).toEqual([
        ["A1", "A2"],
        ["B1", "B2"],
      ]);
    });
  });

  describe(`${kind} webhook: a customer's image`, () => {
    it("is copied from the CDN into R2 and served by our /files route, never as the CDN's URL", async () => {
      const w = await metaWorld(kind);
      const cdn = fakeProvider(CDN).on("GET", /\/photo_n\.jpg$/, [jpeg()]);
      const url = `${CDN}/v/t34.0-12/photo_n.jpg?oh=abc&oe=5AB85055`;
      await w.send(w.image(mid(), url));
      expect(cdn.calls).toHaveLength(1);
      const [message] = await w.messages();
      expect(message!.attachments).toEqual([{ id: expect.any(String), name: "photo_n.jpg", contentType: "image/jpeg", size: JPEG.byteLength }]);
      expect(JSON.stringify(await w.events())).not.toContain("fbcdn");
      const file = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/files/${message!.attachments![0]!.id}`, { headers: { Cookie: w.boss.cookie! } }));
      expect(file.status).toBe(200);
      expect(file.headers.get("Content-Type")).toBe("image/jpeg");
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(JPEG);
    });

    it("answers 503 with no message stored while the CDN fails, then stores the redelivery once, with its file", async () => {
      const w = await metaWorld(kind);
      const cdn = fakeProvider(CDN).on("GET", /\/photo_n\.jpg$/, [new Response("oops", { status: 500 })], jpeg());
      const body = w.body([w.text(mid(), "segue a foto"), w.image(mid(), `${CDN}/v/t34.0-12/photo_n.jpg?oh=abc`)]);
      const failed = await w.deliver(body);
      expect(failed.status).toBe(503);
      expect(failed.body.error.code).toBe("unavailable");
      // Nothing of the delivery is stored: not the text before the image either. (The
      // customer's thread may exist already, empty: find-or-create runs first, and the
      // console lists only conversations with a message, so agents see nothing.)
      const conversations = await w.conversations();
      for (const c of conversations) expect(await d1Messages(c.id)).toEqual([]);
      if (conversations.length === 1) expect(await w.messages()).toEqual([]);
      expect(await listed(w)).toEqual([]);

      expect((await w.deliver(body)).status).toBe(200);
      expect((await w.deliver(body)).status).toBe(200);
      const messages = await w.messages();
      expect(messages.map((m) => [m.body, m.attachments?.length ?? 0])).toEqual([
        ["segue a foto", 0],
        ["", 1],
      ]);
      await eventually(async () => expect(await listed(w)).toEqual([await w.conversationId()]));
      // The redelivery of what is already stored downloads nothing again, and leaves no
      // unreferenced copy in R2.
      expect(cdn.calls).toHaveLength(2);
      expect(await filesOf(await w.conversationId())).toEqual([messages[1]!.attachments![0]!.id]);
    });
  });
}
