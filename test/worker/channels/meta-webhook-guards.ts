/**
 * @module The route-level guard suite for a Meta webhook inbox (Messenger or Instagram),
 * run by messenger-webhook-guards.test.ts and instagram-webhook-guards.test.ts through
 * the real `/webhooks/meta/{inbox}` route: forged or unverifiable deliveries (401),
 * addresses that are not this kind's (404), malformed bodies (400, nothing half-written),
 * well-formed events we do not handle (200, ignored), the subscription handshake, and
 * redeliveries stored once, also after the room was evicted.
 */
import { evictDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectApiError, eventually } from "../assertions";
import { metaSignatureOf } from "../../../worker/channels/meta/signature";
import { MAX_WEBHOOK_BYTES } from "../../../worker/routes/channel-webhooks";
import { ORIGIN } from "../http-client";
import { channelInbox, post, postMetaSigned } from "./channel-world";
import { APP_SECRET, PAGE_TOKEN, VERIFY_TOKEN } from "./meta-kit";
import { metaWorld, mid, type MetaKind, type MetaWorld } from "./meta-webhook-kit";

/** Everything a refused delivery must leave as it was, for `w`. */
async function storedBy(w: MetaWorld) {
  const conversations = await w.conversations();
  const events = conversations.length === 1 ? await w.events() : [];
  return { contacts: await w.contacts(), conversations, events };
}

async function handshake(path: string, params: Record<string, string>) {
  const url = new URL(ORIGIN + path);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return exports.default.fetch(new Request(url));
}

export function guardSuite(kind: MetaKind, unhandled: Record<string, string>) {
  describe(`${kind} webhook: who may deliver`, () => {
    it("refuses a delivery signed with another secret: 401, no contact, conversation or event", async () => {
      const w = await metaWorld(kind);
      const res = await postMetaSigned(w.path, w.body([w.text(mid(), "forjada")]), "not the app secret");
      expectApiError(res, 401, "unauthenticated");
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });

    it("refuses an unsigned delivery and a body changed after signing, adding nothing to an existing conversation", async () => {
      const w = await metaWorld(kind);
      await w.send(w.text(mid(), "oi, tudo bem?"));
      const before = await storedBy(w);
      expectApiError(await post(w.path, w.body([w.text(mid(), "sem assinatura")])), 401, "unauthenticated");
      const body = w.body([w.text(mid(), "original")]);
      expect((await postMetaSigned(w.path, body, APP_SECRET)).status).toBe(200);
      // The signature of one body does not carry over to another (same length, one
      // character changed).
      const tampered = body.replace("original", "0riginal");
      const sig = await signatureOf(body);
      expectApiError(await post(w.path, tampered, { "X-Hub-Signature-256": sig }), 401, "unauthenticated");
      const after = await storedBy(w);
      expect(after.events.length).toBe(before.events.length + 1);
      expect(JSON.stringify(after.events)).not.toContain("0riginal");
      expect(JSON.stringify(after.events)).not.toContain("sem assinatura");
    });

    it("answers 401 for an inbox without credentials, even to a delivery signed with the old secret", async () => {
      const inbox = await channelInbox(kind, { pageId: "1", appId: "2", ...(kind === "instagram" ? { instagramAccountId: "3" } : {}) }, {});
      const body = JSON.stringify({ object: kind === "messenger" ? "page" : "instagram", entry: [] });
      expectApiError(await postMetaSigned(`/webhooks/meta/${inbox.id}`, body, APP_SECRET), 401, "unauthenticated");
    });

    it("answers 404 for an unknown inbox, an inbox of another kind, and this inbox on another provider's path", async () => {
      const w = await metaWorld(kind);
      const body = w.body([w.text(mid(), "oi")]);
      const whatsapp = await channelInbox("whatsapp", { phoneNumberId: "123456" }, { appSecret: APP_SECRET, accessToken: PAGE_TOKEN, verifyToken: VERIFY_TOKEN });
      for (const path of [`/webhooks/meta/${crypto.randomUUID()}`, `/webhooks/meta/${whatsapp.id}`, `/webhooks/whatsapp/${w.inbox.id}`]) {
        expectApiError(await postMetaSigned(path, body, APP_SECRET), 404, "inbox_not_found");
        expect((await handshake(path, { "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1" })).status).toBe(404);
      }
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });
  });

  describe(`${kind} webhook: what it takes`, () => {
    it("answers 400 with the reason for a body that is not JSON, or JSON of the wrong shape, storing nothing", async () => {
      const w = await metaWorld(kind);
      const bodies = [
        "{\"object\": \"page\", \"entry\": [",
        "[]",
        JSON.stringify({ object: "page" }),
        JSON.stringify({ object: "instagram", entry: "everything" }),
        // A kind we handle without its documented shape (a message with no mid).
        w.body([{ sender: { id: w.customer }, recipient: { id: w.businessId }, timestamp: Date.now(), message: { text: "sem mid" } }]),
      ];
      for (const body of bodies) {
        const res = await w.deliver(body);
        expectApiError(res, 400, "validation_failed");
        expect(res.body.error.issues.every((i: { message: string }) => typeof i.message === "string")).toBe(true);
      }
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });

    it("refuses a batch with one malformed item whole: nothing half-written", async () => {
      const w = await metaWorld(kind);
      const good = w.text(mid(), "eu sou válida");
      const bad = { sender: { id: w.customer }, recipient: { id: w.businessId }, message: { mid: mid(), text: "sem timestamp" } };
      const res = await w.deliver(w.body([good, bad]));
      expectApiError(res, 400, "validation_failed");
      expect(res.body.error.issues[0].path).toEqual(["entry", 0, "messaging", 1, "timestamp"]);
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });

    it("refuses a body over the webhook limit with 413 before reading it, storing nothing", async () => {
      const w = await metaWorld(kind);
      const text = "x".repeat(MAX_WEBHOOK_BYTES);
      expectApiError(await w.deliver(w.body([w.text(mid(), text)])), 413, "payload_too_large");
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });

    it.each(Object.entries(unhandled))("acknowledges a well-formed event it does not handle (%s) with 200, storing nothing", async (_, raw) => {
      const w = await metaWorld(kind);
      const res = await w.deliver(w.fixture(raw));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });

    it("acknowledges receipts, reactions and unsends from a customer who never wrote, creating nothing", async () => {
      const w = await metaWorld(kind);
      await w.send(w.delivered(Date.now(), [mid()]), w.read(Date.now()), w.seen(mid()), w.reaction(mid(), "👍"), w.unsend(mid()));
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });

    it("acknowledges and ignores the other product's object and another page's entries", async () => {
      const w = await metaWorld(kind);
      const otherObject = w.body([w.text(mid(), "oi")]).replace(`"object":"${kind === "messenger" ? "page" : "instagram"}"`, `"object":"${kind === "messenger" ? "instagram" : "page"}"`);
      const otherPage = w.body([w.text(mid(), "oi")]).replace(`"id":"${w.businessId}","time"`, `"id":"1234567","time"`);
      for (const body of [otherObject, otherPage]) expect((await w.deliver(body)).status).toBe(200);
      expect(await storedBy(w)).toEqual({ contacts: 0, conversations: [], events: [] });
    });
  });

  describe(`${kind} webhook: the subscription handshake`, () => {
    it("echoes the challenge as text for the inbox's verify token, and answers 403 to a wrong one", async () => {
      const w = await metaWorld(kind);
      const ok = await handshake(w.path, { "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444" });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("Content-Type")).toMatch(/^text\/plain/);
      expect(await ok.text()).toBe("1158201444");
      const wrong = await handshake(w.path, { "hub.mode": "subscribe", "hub.verify_token": "errado", "hub.challenge": "1158201444" });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ error: { code: "forbidden", message: "Wrong verify token." } });
    });
  });

  describe(`${kind} webhook: redeliveries`, () => {
    it("stores the same delivery twice as one message, and again after the room was evicted", async () => {
      const w = await metaWorld(kind);
      const body = w.body([w.text(mid(), "chegou duas vezes? 🤔")]);
      expect((await w.deliver(body)).status).toBe(200);
      expect((await w.deliver(body)).status).toBe(200);
      const id = await w.conversationId();
      await evictDurableObject(env.CONVERSATION_ROOM.getByName(id));
      expect((await w.deliver(body)).status).toBe(200);
      expect((await w.messages()).map((m) => m.body)).toEqual(["chegou duas vezes? 🤔"]);
      await eventually(async () => {
        const { results } = await env.DB.prepare("SELECT body FROM messages WHERE conversation_id = ? AND kind <> 'event'").bind(id).all();
        expect(results).toEqual([{ body: "chegou duas vezes? 🤔" }]);
      });
      expect(await w.conversations()).toHaveLength(1);
    });

    it("stores two concurrent copies of a new customer's first delivery as one conversation with one message", async () => {
      const w = await metaWorld(kind);
      const body = w.body([w.text(mid(), "primeira vez aqui")]);
      const answers = await Promise.all([w.deliver(body), w.deliver(body), w.deliver(body)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(await w.conversations()).toHaveLength(1);
      expect(await w.contacts()).toBe(1);
      expect((await w.messages()).map((m) => m.body)).toEqual(["primeira vez aqui"]);
    });
  });
}

async function signatureOf(body: string): Promise<string> {
  return `sha256=${await metaSignatureOf(new TextEncoder().encode(body), APP_SECRET)}`;
}
