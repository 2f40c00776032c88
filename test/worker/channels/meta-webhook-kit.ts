/**
 * @module What the Messenger and Instagram webhook route tests share: a channel inbox of
 * either kind with ids of its own, webhook bodies for it (the shapes of Meta's
 * `messaging[]` items, https://developers.facebook.com/docs/messenger-platform/webhooks),
 * deliveries signed with its app secret over the exact bytes, and reads of what got
 * stored (the room's events through the API, the D1 `messages` rows).
 *
 * Each world gets a page, account and customer id of its own, so a room of an earlier
 * test that still retries a send on its alarm never takes this test's scripted answers,
 * and no two tests share a contact.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { InboxRow } from "../../../worker/db/inboxes";
import type { ConversationEvent } from "../../../worker/protocol";
import { eventually } from "../assertions";
import { owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { channelInbox, conversationsOf, eventsOf, messagesIn, postMetaSigned } from "./channel-world";
import { APP_ID, APP_SECRET, IG_ACCOUNT_ID, IG_PAGE_ID, PAGE_ID, PAGE_TOKEN, PSID, IGSID, VERIFY_TOKEN } from "./meta-kit";

export type MetaKind = "messenger" | "instagram";
export const META_KINDS: MetaKind[] = ["messenger", "instagram"];

type Item = Record<string, unknown>;

let counter = 0;

/** A Messenger or Instagram inbox as the inbox API stores one, with everything a test
 * needs to write to its webhook as Meta does and to read what it stored. */
export async function metaWorld(kind: MetaKind, settings: Record<string, unknown> = {}) {
  const n = `${Date.now()}${(++counter).toString().padStart(3, "0")}`;
  const pageId = `9${n}`;
  const accountId = `178${n}`;
  const customer = `6${n}`;
  const base = { pageId, appId: APP_ID, ...(kind === "instagram" ? { instagramAccountId: accountId } : {}) };
  const inbox: InboxRow = await channelInbox(kind, { ...base, ...settings }, { appSecret: APP_SECRET, pageAccessToken: PAGE_TOKEN, verifyToken: VERIFY_TOKEN });
  // Messenger files a page's events under the page id; Instagram under the account id.
  const businessId = kind === "messenger" ? pageId : accountId;
  const object = kind === "messenger" ? "page" : "instagram";
  const boss = await owner();
  const path = `/webhooks/meta/${inbox.id}`;
  const at = () => Date.now();

  const world = {
    kind,
    inbox,
    path,
    boss,
    businessId,
    customer,
    /** The Send API path of this inbox's page. */
    sendPath: new RegExp(`/${pageId}/messages$`),
    /** A webhook body of one entry holding `items`, as Meta sends one. */
    body: (items: Item[]) => JSON.stringify({ object, entry: [{ id: businessId, time: at(), messaging: items }] }),
    /** A fixture's exact text with its page/account and customer ids made this world's. */
    fixture: (raw: string) =>
      raw
        .replaceAll(kind === "messenger" ? PAGE_ID : IG_ACCOUNT_ID, businessId)
        .replaceAll(kind === "messenger" ? PSID : IGSID, customer)
        .replaceAll(IG_PAGE_ID, pageId),
    /** POSTs `body` signed with the inbox's app secret over its exact bytes. */
    deliver: (body: string) => postMetaSigned(path, body, APP_SECRET),
    /** Delivers `items` and expects Meta's 200. */
    async send(...items: Item[]) {
      const res = await world.deliver(world.body(items));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res;
    },

    // --- messaging[] items (…/messenger-platform/webhooks#event-notifications) ---
    text: (mid: string, text: string, timestamp = at()): Item => ({ sender: { id: customer }, recipient: { id: businessId }, timestamp, message: { mid, text } }),
    image: (mid: string, url: string): Item => ({ sender: { id: customer }, recipient: { id: businessId }, timestamp: at(), message: { mid, attachments: [{ type: "image", payload: { url } }] } }),
    echo: (mid: string, text: string, extra: Item = {}): Item => ({ sender: { id: businessId }, recipient: { id: customer }, timestamp: at(), message: { mid, is_echo: true, text, ...extra } }),
    delivered: (watermark: number, mids?: string[]): Item => ({ sender: { id: customer }, recipient: { id: businessId }, timestamp: at(), delivery: { watermark, ...(mids ? { mids } : {}) } }),
    read: (watermark: number): Item => ({ sender: { id: customer }, recipient: { id: businessId }, timestamp: at(), read: { watermark } }),
    /** Instagram's messaging_seen: the message seen, by mid. */
    seen: (mid: string, timestamp = at()): Item => ({ sender: { id: customer }, recipient: { id: businessId }, timestamp, read: { mid } }),
    reaction: (mid: string, emoji: string | null): Item => ({
      sender: { id: customer },
      recipient: { id: businessId },
      timestamp: at(),
      reaction: emoji ? { mid, action: "react", reaction: "love", emoji } : { mid, action: "unreact" },
    }),
    unsend: (mid: string): Item => ({ sender: { id: customer }, recipient: { id: businessId }, timestamp: at(), message: { mid, is_deleted: true } }),

    // --- reads ---
    async conversations() {
      return conversationsOf(inbox.id);
    },
    /** The inbox's one conversation (the test's customer wrote once or more). */
    async conversationId(): Promise<string> {
      const list = await conversationsOf(inbox.id);
      expect(list).toHaveLength(1);
      return list[0]!.id;
    },
    async events(): Promise<ConversationEvent[]> {
      return eventsOf(boss, await world.conversationId());
    },
    async messages() {
      return messagesIn(await world.events());
    },
    /** The contact rows known by this world's customer id. */
    async contacts(): Promise<number> {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM contact_identities WHERE external_id = ?").bind(customer).first<{ n: number }>();
      return row!.n;
    },
    /** An agent's reply through the REST API (the room stores it, then sends it). */
    async reply(body: string): Promise<number> {
      const res = await call(`/api/v1/conversations/${await world.conversationId()}/messages`, { method: "POST", json: { body, clientId: crypto.randomUUID() }, client: boss });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.seq as number;
    },
    /** Waits until message `seq` is `status` in the room's events. */
    async untilDelivery(seq: number, status: string) {
      return eventually(async () => {
        const m = (await world.messages()).find((x) => x.seq === seq);
        expect(m?.finalDelivery).toBe(status);
        return m!;
      });
    },
    /** Message `seq`'s D1 row, once the projection wrote it as `expected` says. */
    async row(seq: number, expected: Partial<MessageRow> = {}): Promise<MessageRow> {
      const id = await world.conversationId();
      return eventually(async () => {
        const row = await env.DB.prepare("SELECT seq, body, delivery_status, provider_message_id, event FROM messages WHERE conversation_id = ? AND seq = ?").bind(id, seq).first<MessageRow>();
        expect(row).toMatchObject(expected);
        return row!;
      });
    },
  };
  return world;
}

export type MetaWorld = Awaited<ReturnType<typeof metaWorld>>;

export interface MessageRow {
  seq: number;
  body: string | null;
  delivery_status: string | null;
  provider_message_id: string | null;
  event: string;
}

/** A message id in Meta's shape, unique to the test. */
export function mid(label = "m"): string {
  return `${label}_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** Events of `type` in `events`. */
export function ofType<T extends ConversationEvent["type"]>(events: ConversationEvent[], type: T) {
  return events.filter((e): e is Extract<ConversationEvent, { type: T }> => e.type === type);
}

export type { Client };
