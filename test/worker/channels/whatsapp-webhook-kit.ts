/**
 * What the WhatsApp webhook route tests share: a WhatsApp inbox of its own per test (its
 * own phone number id, so the fixtures are pointed at it and its sends go to a Graph path
 * no other test's room answers on), a fixture delivered to its webhook signed as Meta
 * signs, and reads of what the delivery stored (D1 rows, the room's events).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { InboxRow } from "../../../worker/db/inboxes";
import { eventually } from "../assertions";
import type { Client } from "../http-client";
import { conversationsOf, channelInbox, eventsOf, messagesIn, postMetaSigned } from "./channel-world";
import { ACCESS_TOKEN, APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, WABA_ID } from "./whatsapp-kit";

export { APP_SECRET, VERIFY_TOKEN };

let numbers = 0;

export interface WaInbox {
  inbox: InboxRow;
  phoneNumberId: string;
  path: string;
  /** `fixture` as Meta would send it to this inbox's number: the fixture's phone number
   * id replaced by the inbox's, then any further `[from, to]` replacements. */
  body: (fixture: string, replacements?: Array<[string, string]>) => string;
  /** Delivers `body` (already retargeted) signed with the inbox's app secret. */
  deliver: (body: string) => ReturnType<typeof postMetaSigned>;
  /** Retargets `fixture` and delivers it. */
  send: (fixture: string, replacements?: Array<[string, string]>) => ReturnType<typeof postMetaSigned>;
}

/** A WhatsApp inbox stored as the inbox API stores one, with the kit's credentials. */
export async function waInbox(): Promise<WaInbox> {
  const phoneNumberId = `${Date.now()}${++numbers}`;
  const inbox = await channelInbox(
    "whatsapp",
    { reopenWindowHours: 24, phoneNumberId, businessAccountId: WABA_ID, displayPhone: "+55 11 4000-0000" },
    { appSecret: APP_SECRET, accessToken: ACCESS_TOKEN, verifyToken: VERIFY_TOKEN },
  );
  const path = `/webhooks/whatsapp/${inbox.id}`;
  const body = (fixture: string, replacements: Array<[string, string]> = []) =>
    [[PHONE_NUMBER_ID, phoneNumberId] as [string, string], ...replacements].reduce((text, [from, to]) => text.replaceAll(from, to), fixture);
  const deliver = (raw: string) => postMetaSigned(path, raw, APP_SECRET);
  return { inbox, phoneNumberId, path, body, deliver, send: (fixture, replacements) => deliver(body(fixture, replacements)) };
}

/** The inbox's contacts (by their identities in it), oldest first. */
export async function contactsOf(inboxId: string): Promise<Array<{ contact_id: string; external_id: string; name: string | null; phone: string | null }>> {
  const { results } = await env.DB.prepare(
    "SELECT i.contact_id, i.external_id, c.name, c.phone FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE i.kind = ? ORDER BY i.created_at, i.id",
  )
    .bind(`whatsapp:${inboxId}`)
    .all<{ contact_id: string; external_id: string; name: string | null; phone: string | null }>();
  return results;
}

export interface MessageRow {
  seq: number;
  body: string | null;
  direction: string;
  sender_type: string;
  provider_message_id: string | null;
  delivery_status: string | null;
  event: string;
}

/** A conversation's rows in D1's messages table (the projection of its room), by seq. */
export async function messageRows(conversationId: string): Promise<MessageRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT seq, body, direction, sender_type, provider_message_id, delivery_status, event FROM messages WHERE conversation_id = ? AND kind <> 'event' ORDER BY seq",
  )
    .bind(conversationId)
    .all<MessageRow>();
  return results;
}

/** The inbox's one conversation (failing the test if it has none or several). */
export async function onlyConversation(inboxId: string): Promise<{ id: string; contact_id: string; status: string }> {
  const conversations = await conversationsOf(inboxId);
  expect(conversations, "exactly one conversation").toHaveLength(1);
  return conversations[0]!;
}

/** The messages of the inbox's one conversation, as an agent sees them. */
export async function messagesOfOnly(agent: Client, inboxId: string) {
  const conversation = await onlyConversation(inboxId);
  return messagesIn(await eventsOf(agent, conversation.id));
}

/** Waits until D1's messages rows of `conversationId` satisfy `check`. */
export function projectedRows(conversationId: string, check: (rows: MessageRow[]) => void): Promise<MessageRow[]> {
  return eventually(async () => {
    const rows = await messageRows(conversationId);
    check(rows);
    return rows;
  });
}
