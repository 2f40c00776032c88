/**
 * What the channel room tests share: a WhatsApp conversation as the webhook route makes
 * one (an inbox with sealed credentials, a contact known by its wa_id, the conversation's
 * D1 row and its room), inbound items as adapters normalize them, and the room's queue
 * rows read from its storage.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sealCredentials } from "../../worker/channels/credentials";
import type { RoomInboundItem } from "../../worker/channels/types";
import { seedOf } from "../../worker/conversation/commands";
import { database } from "../../worker/db/client";
import { createContactWithConversation, findConversation } from "../../worker/db/conversations";
import { insertInbox } from "../../worker/db/inboxes";
import type { ConversationEvent, DeliveryStatus } from "../../worker/protocol";
import { call, type Client } from "./http-client";

export const GRAPH = env.WHATSAPP_API_URL!;

let numberCounter = 0;

/** A WhatsApp inbox, a customer and their conversation, as the webhook route creates them.
 * Each inbox has its own phone number id, so its sends go to a path of their own: rooms
 * of earlier tests in a file that still retry on their alarms never take this test's
 * scripted answers. */
export async function whatsappConversation(externalId = `55119${Math.floor(Math.random() * 1e8)}`) {
  const db = database(env.DB);
  const now = Date.now();
  const inboxId = crypto.randomUUID();
  const phoneNumberId = `${Date.now()}${++numberCounter}`;
  const credentials = await sealCredentials(env, inboxId, { appSecret: "app-secret", accessToken: "EAA-test-token", verifyToken: "verify" });
  await insertInbox(db, { id: inboxId, kind: "whatsapp", name: "WhatsApp", settings: { phoneNumberId }, credentials, createdAt: now });
  const ids = { contactId: crypto.randomUUID(), identityId: crypto.randomUUID(), conversationId: crypto.randomUUID() };
  await createContactWithConversation(db, ids, { kind: "whatsapp", externalId }, { id: inboxId, teamId: null, priority: 0 }, now);
  const conversation = (await findConversation(db, ids.conversationId))!;
  const room = env.CONVERSATION_ROOM.getByName(ids.conversationId);
  const seed = seedOf(conversation);
  const contact = { externalId, name: "Maria Silva" };
  return {
    inboxId,
    conversationId: ids.conversationId,
    contactId: ids.contactId,
    seed,
    room,
    contact,
    /** The Cloud API's messages endpoint of this inbox's number. */
    sendPath: new RegExp(`/${phoneNumberId}/messages$`),
    /** The webhook route's call for this conversation. */
    ingest: (items: RoomInboundItem[]) => room.ingest(seed, contact, items),
    /** Every event, as agents see them. */
    history: async () => (await room.history(seed, 0, 500, "agent")).events,
  };
}

let wamidCounter = 0;
/** A provider message id in WhatsApp's shape. */
export function wamid(): string {
  return `wamid.HBgM${Date.now().toString(36)}${(++wamidCounter).toString(36).padStart(4, "0")}`;
}

/** A customer's text message as adapters normalize it. */
export function customerText(body: string, providerMessageId = wamid(), extra: Partial<Extract<RoomInboundItem, { type: "message" }>> = {}): RoomInboundItem {
  return { type: "message", from: "contact", providerMessageId, body, attachments: [], senderName: "Maria Silva", providerAt: Date.now(), ...extra };
}

export function statusOf(providerMessageId: string, status: Exclude<DeliveryStatus, "pending">, extra: { error?: string; ourMessageId?: string } = {}): RoomInboundItem {
  return { type: "status", providerMessageId, status, providerAt: Date.now(), ...extra };
}

/** An agent's reply through the REST API. */
export async function agentReplies(client: Client, conversationId: string, body: string, extra: Record<string, unknown> = {}) {
  return call(`/api/v1/conversations/${conversationId}/messages`, { method: "POST", json: { body, clientId: crypto.randomUUID(), ...extra }, client });
}

export function messagesOf(events: ConversationEvent[]) {
  return events.filter((e): e is Extract<ConversationEvent, { type: "message" }> => e.type === "message");
}

export function deliveriesOf(events: ConversationEvent[], messageSeq?: number) {
  return events.filter((e): e is Extract<ConversationEvent, { type: "delivery" }> => e.type === "delivery" && (messageSeq === undefined || e.messageSeq === messageSeq));
}

/** A message's delivery state as the console folds it: the last delivery event's. */
export function deliveryOf(events: ConversationEvent[], messageSeq: number): DeliveryStatus | null {
  const message = events.find((e) => e.seq === messageSeq);
  const last = deliveriesOf(events, messageSeq).at(-1);
  return last ? last.status : message?.type === "message" ? message.delivery : null;
}

export type QueueRowView = {
  seq: number;
  attempts: number;
  next_at: number;
  first_at: number;
  last_error: string | null;
};

/** The room's delivery queue rows, as stored. */
export async function queueRows(conversationId: string): Promise<QueueRowView[]> {
  return runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (_r, state) =>
    state.storage.sql.exec<QueueRowView>("SELECT seq, attempts, next_at, first_at, last_error FROM deliveries ORDER BY seq").toArray(),
  );
}

/** Makes the head of the queue due now (instead of sleeping through its backoff). */
export async function makeDueNow(conversationId: string): Promise<void> {
  await runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (_r, state) => {
    state.storage.sql.exec("UPDATE deliveries SET next_at = 0");
  });
}

/** Ages the queue's rows as if written `ms` ago (the give-up horizon). */
export async function ageQueue(conversationId: string, ms: number): Promise<void> {
  await runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (_r, state) => {
    state.storage.sql.exec("UPDATE deliveries SET first_at = first_at - ?, next_at = 0", ms);
  });
}
