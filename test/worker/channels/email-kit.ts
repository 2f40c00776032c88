/**
 * What the e-mail reply tests share: an e-mail inbox (addresses, display name,
 * signature) with a customer's conversation as the email() handler makes one, customer
 * mail as the room stores it (EmailContent), and a stand-in for the `send_email` binding.
 *
 * The stand-in: wrangler.toml binds EMAIL (`[[send_email]]`), and in the vitest pool the
 * Durable Objects get the very env object the test holds (checked: `env.EMAIL` inside a
 * room is `===` the test's), so `vi.spyOn(env.EMAIL, "send")` replaces the binding's
 * send for the room's delivery queue too; each call's builder is recorded, each answer
 * scripted (a messageId, or an Error with Email Service's `code`).
 */
import { env } from "cloudflare:workers";
import { afterEach, vi } from "vitest";
import type { RoomInboundItem } from "../../../worker/channels/types";
import { seedOf } from "../../../worker/conversation/commands";
import { database } from "../../../worker/db/client";
import { createContactWithConversation, findConversation } from "../../../worker/db/conversations";
import { insertInbox } from "../../../worker/db/inboxes";
import type { EmailContent, EmailSettings } from "../../../worker/protocol";

export const INBOX_SETTINGS: EmailSettings = {
  reopenWindowHours: 168,
  addresses: ["suporte@loja.example.com.br", "financeiro@loja.example.com.br"],
  catchAllDomain: "",
  displayName: "Loja Exemplo",
  signature: "Equipe Loja Exemplo\nhttps://loja.example.com.br",
  listMailIsAutomatic: true,
  addressTeams: {},
} as EmailSettings;

export const CUSTOMER = "maria.silva@cliente.example.net";

/** An e-mail inbox and a customer's conversation in it, as the email() handler makes them. */
export async function emailConversation(settings: Partial<EmailSettings> = {}) {
  const db = database(env.DB);
  const now = Date.now();
  const inboxId = crypto.randomUUID();
  await insertInbox(db, { id: inboxId, kind: "email", name: "E-mail da loja", settings: { ...INBOX_SETTINGS, ...settings }, credentials: null, createdAt: now });
  const ids = { contactId: crypto.randomUUID(), identityId: crypto.randomUUID(), conversationId: crypto.randomUUID() };
  await createContactWithConversation(db, ids, { kind: `email:${inboxId}`, externalId: CUSTOMER }, { id: inboxId, teamId: null, priority: 0 }, now);
  const conversation = (await findConversation(db, ids.conversationId))!;
  const room = env.CONVERSATION_ROOM.getByName(ids.conversationId);
  const seed = seedOf(conversation);
  const contact = { externalId: CUSTOMER, name: "Maria Silva" };
  return {
    inboxId,
    conversationId: ids.conversationId,
    seed,
    room,
    ingest: (items: RoomInboundItem[]) => room.ingest(seed, contact, items),
    history: async () => (await room.history(seed, 0, 500, "agent")).events,
  };
}

let mailCounter = 0;
/** A Message-ID as a customer's mail client makes one (without angle brackets). */
export function customerMessageId(): string {
  return `CAF${Date.now().toString(36)}${(++mailCounter).toString(36)}.x7@mail.cliente.example.net`;
}

/** A customer's mail as the email() handler stores it. */
export function customerMail(body: string, content: Partial<EmailContent> = {}): RoomInboundItem {
  const messageId = content.messageId ?? customerMessageId();
  return {
    type: "message",
    from: "contact",
    providerMessageId: messageId,
    body,
    attachments: [],
    senderName: "Maria Silva",
    providerAt: Date.now(),
    content: {
      type: "email",
      subject: "Pedido 4521 não chegou",
      from: { address: CUSTOMER, name: "Maria Silva" },
      to: [{ address: "suporte@loja.example.com.br", name: "Suporte" }],
      cc: [],
      messageId,
      fullText: null,
      htmlFileId: null,
      rawFileId: null,
      ...content,
    },
  };
}

/** What a stand-in send is answered with: the binding's result, or what it throws. */
export type MailAnswer = { messageId: string } | Error;

/** An Error as the binding throws it: Email Service's `code` on it. */
export function mailError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Replaces the EMAIL binding's send: records every builder, answers from `answers` in
 * order (the last one repeats), restored after each test. */
export function mailStandIn(answers: MailAnswer[] = [{ messageId: "<cf-1@loja.example.com.br>" }]) {
  const sent: EmailMessageBuilder[] = [];
  let i = 0;
  const spy = vi.spyOn(env.EMAIL!, "send").mockImplementation(async (message: EmailMessage | EmailMessageBuilder) => {
    sent.push(message as EmailMessageBuilder);
    const answer = answers[Math.min(i++, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { sent, spy };
}

afterEach(() => {
  vi.restoreAllMocks();
});
