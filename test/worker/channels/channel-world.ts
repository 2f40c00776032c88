/**
 * What the channel tests share: a provider inbox with sealed credentials (as the inbox
 * API stores them), a signed delivery to its webhook, and reads of what got stored —
 * the conversations of an inbox in D1 and a conversation's events from its room.
 */
import { env, exports } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { insertInbox, type InboxRow } from "../../../worker/db/inboxes";
import { credentialHints, sealCredentials } from "../../../worker/channels/credentials";
import { metaSignatureOf } from "../../../worker/channels/meta/signature";
import type { ConversationEvent } from "../../../worker/protocol";
import { call, ORIGIN, type Client } from "../http-client";

export const db = database(env.DB);

/** A channel inbox of `kind`, stored as the inbox API stores one. */
export async function channelInbox(kind: InboxRow["kind"], settings: Record<string, unknown>, credentials: Record<string, string>): Promise<InboxRow> {
  const id = crypto.randomUUID();
  return insertInbox(db, {
    id,
    kind,
    name: `${kind} ${id.slice(0, 6)}`,
    teamId: null,
    priority: 50,
    settings,
    credentials: await sealCredentials(env, id, credentials),
    credentialHints: credentialHints(credentials),
    createdAt: Date.now(),
  });
}

/** POSTs `body` to `path` signed as Meta signs (X-Hub-Signature-256 with `appSecret`). */
export async function postMetaSigned(path: string, body: string, appSecret: string, headers: Record<string, string> = {}) {
  const signature = `sha256=${await metaSignatureOf(new TextEncoder().encode(body), appSecret)}`;
  return post(path, body, { "X-Hub-Signature-256": signature, ...headers });
}

/** POSTs raw `body` to `path` as a provider does (no cookie, no Origin). */
export async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await exports.default.fetch(new Request(ORIGIN + path, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } }));
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

/** The inbox's conversations in D1, oldest first. */
export async function conversationsOf(inboxId: string): Promise<Array<{ id: string; contact_id: string; status: string }>> {
  const { results } = await env.DB.prepare("SELECT id, contact_id, status FROM conversations WHERE inbox_id = ? ORDER BY created_at, id").bind(inboxId).all<{ id: string; contact_id: string; status: string }>();
  return results;
}

/** Every event of a conversation, as an agent sees them (from its room, via the API). */
export async function eventsOf(agent: Client, conversationId: string): Promise<ConversationEvent[]> {
  const events: ConversationEvent[] = [];
  for (let after = 0; ; ) {
    const res = await call(`/api/v1/conversations/${conversationId}/messages?after=${after}`, { client: agent });
    if (res.status !== 200) throw new Error(`history failed: ${res.status} ${JSON.stringify(res.body)}`);
    events.push(...res.body.events);
    if (!res.body.more) return events;
    after = events[events.length - 1]!.seq;
  }
}

/** The messages among `events`, with the latest delivery state folded in. */
export function messagesIn(events: ConversationEvent[]) {
  const messages = events.filter((e) => e.type === "message");
  const delivery = new Map<number, { status: string; error: string | null }>();
  for (const e of events) if (e.type === "delivery") delivery.set(e.messageSeq, { status: e.status, error: e.error });
  return messages.map((m) => ({ ...m, finalDelivery: delivery.get(m.seq)?.status ?? m.delivery, finalError: delivery.get(m.seq)?.error ?? m.deliveryError ?? null }));
}
