/**
 * @module A lighter kit than ./meta-webhook-kit.ts for the failure-path suites (human-agent,
 * ingest-failure, unsend-keep): an inbox of its own (fresh
 * page and account ids, so its sends and webhooks never meet another test's), webhook
 * bodies in Meta's documented shape
 * (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages,
 * …/instagram-platform/webhooks), signed and posted to POST /webhooks/meta/{inbox}.
 */
import type { InboxRow } from "../../../worker/db/inboxes";
import { channelInbox, conversationsOf, postMetaSigned } from "./channel-world";

export const APP_SECRET = "segredo de teste do app — não é real";
export const PAGE_TOKEN = "EAAtest-page-token-e2e";
const APP_ID = "1517776481860111";

let counter = 0;
function numericId(): string {
  return `${Date.now()}${(++counter).toString().padStart(4, "0")}`;
}

export interface MetaInbox {
  inbox: InboxRow;
  kind: "messenger" | "instagram";
  /** entry[].id of this inbox's deliveries: the page (Messenger) or Instagram account. */
  businessId: string;
  /** The Send API path of its sends (always through the page). */
  sendPath: RegExp;
  /** A customer of this inbox (PSID or IGSID). */
  customer: string;
}

/** A Messenger or Instagram inbox with `settings` on top of fresh ids and sealed credentials. */
export async function metaInbox(kind: "messenger" | "instagram", settings: Record<string, unknown> = {}): Promise<MetaInbox> {
  const pageId = numericId();
  const accountId = numericId();
  const base = { pageId, appId: APP_ID, ...(kind === "instagram" ? { instagramAccountId: accountId } : {}) };
  const inbox = await channelInbox(kind, { ...base, ...settings }, { appSecret: APP_SECRET, pageAccessToken: PAGE_TOKEN, verifyToken: "verifica" });
  return { inbox, kind, businessId: kind === "instagram" ? accountId : pageId, sendPath: new RegExp(`/${pageId}/messages$`), customer: numericId() };
}

/** One `messaging[]` item from the customer. */
type Messaging = Record<string, unknown>;

/** A customer's text message (the message event); another customer than the inbox's own by `customer`. */
export function textFrom(m: MetaInbox, mid: string, text: string, timestamp = Date.now(), customer = m.customer): Messaging {
  return { sender: { id: customer }, recipient: { id: m.businessId }, timestamp, message: { mid, text } };
}

/** A fresh customer id (PSID or IGSID shaped). */
export function anotherCustomer(): string {
  return numericId();
}

/** The customer unsent message `mid` (Instagram's and Messenger's message with is_deleted). */
export function unsendFrom(m: MetaInbox, mid: string, timestamp = Date.now()): Messaging {
  return { sender: { id: m.customer }, recipient: { id: m.businessId }, timestamp, message: { mid, is_deleted: true } };
}

/** The webhook body for `items`, one entry of this inbox's page or account. */
export function deliveryBody(m: MetaInbox, items: Messaging[]): string {
  return JSON.stringify({ object: m.kind === "instagram" ? "instagram" : "page", entry: [{ id: m.businessId, time: Date.now(), messaging: items }] });
}

/** Posts `items` to the inbox's webhook, signed with its app secret. */
export function deliver(m: MetaInbox, items: Messaging[]) {
  return postMetaSigned(`/webhooks/meta/${m.inbox.id}`, deliveryBody(m, items), APP_SECRET);
}

/** The inbox's only conversation (fails when there is not exactly one). */
export async function onlyConversation(m: MetaInbox): Promise<string> {
  const rows = await conversationsOf(m.inbox.id);
  if (rows.length !== 1) throw new Error(`expected one conversation, found ${rows.length}`);
  return rows[0]!.id;
}

let midCounter = 0;
/** A message id in Meta's shape. */
export function mid(): string {
  return `m_${Date.now().toString(36)}${(++midCounter).toString(36)}AbCdEf`;
}
