/**
 * An agent's e-mail reply through the room: its envelope stored as the message's
 * EmailContent (from the address the customer wrote to, the agent's name via the
 * inbox's, Re: the subject, Cc as chosen or kept), then exactly one send at the
 * `send_email` binding through the delivery queue: retried on a temporary failure,
 * failed with the reason on a permanent one, never sent again after success (a second
 * drain, the alarm, eviction). The send's provider id is Email Service's Message-ID.
 */
import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { EmailContent } from "../../../worker/protocol";
import { eventually } from "../assertions";
import { agentReplies, deliveriesOf, deliveryOf, makeDueNow, messagesOf, queueRows } from "../channel-room-kit";
import { OWNER, owner } from "../fixtures";
import { openSocket } from "../socket-harness";
import { CUSTOMER, customerMail, customerMessageId, emailConversation, mailError, mailStandIn } from "./email-kit";

type Conversation = Awaited<ReturnType<typeof emailConversation>>;

async function reply(conversationId: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await agentReplies(await owner(), conversationId, body, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.seq as number;
}

async function settled(c: Conversation, seq: number, status: string) {
  return eventually(async () => {
    const events = await c.history();
    expect(deliveryOf(events, seq)).toBe(status);
    return events;
  });
}

function contentOf(events: Awaited<ReturnType<Conversation["history"]>>, seq: number): EmailContent {
  const content = messagesOf(events).find((m) => m.seq === seq)!.content;
  expect(content?.type).toBe("email");
  return content as EmailContent;
}

describe("an e-mail reply is stored with its envelope", () => {
  it("from the address the customer wrote to, under the agent's name via the inbox's, Re: the subject, the customer's Cc kept minus our own addresses", async () => {
    const c = await emailConversation();
    const mail = mailStandIn();
    await c.ingest([
      customerMail("Meu pedido não chegou.", {
        subject: "RE: Pedido 4521 não chegou",
        to: [{ address: "financeiro@loja.example.com.br", name: null }],
        cc: [
          { address: "joao@cliente.example.net", name: "João" },
          { address: "suporte@loja.example.com.br", name: null },
        ],
      }),
    ]);
    const seq = await reply(c.conversationId, "Olá Maria, já verificamos.");
    const events = await settled(c, seq, "sent");
    expect(contentOf(events, seq)).toEqual({
      type: "email",
      subject: "Re: Pedido 4521 não chegou",
      from: { address: "financeiro@loja.example.com.br", name: `${OWNER.name} via Loja Exemplo` },
      to: [{ address: CUSTOMER, name: "Maria Silva" }],
      cc: [{ address: "joao@cliente.example.net", name: "João" }],
      messageId: null,
      fullText: null,
      htmlFileId: null,
      rawFileId: null,
    });
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.from).toEqual({ email: "financeiro@loja.example.com.br", name: `${OWNER.name} via Loja Exemplo` });
    expect(mail.sent[0]!.cc).toEqual(["joao@cliente.example.net"]);
  });

  it("PostMessageBody.cc replaces the conversation's Cc, and an empty list sends none", async () => {
    const c = await emailConversation();
    const mail = mailStandIn([{ messageId: "<r1@loja.example.com.br>" }, { messageId: "<r2@loja.example.com.br>" }]);
    await c.ingest([customerMail("oi", { cc: [{ address: "joao@cliente.example.net", name: "João" }] })]);
    const chosen = await reply(c.conversationId, "Com cópia para a Ana.", { cc: ["ana@cliente.example.net", "SUPORTE@loja.example.com.br"] });
    await settled(c, chosen, "sent");
    const none = await reply(c.conversationId, "Sem cópia.", { cc: [] });
    const events = await settled(c, none, "sent");
    expect(contentOf(events, chosen).cc).toEqual([{ address: "ana@cliente.example.net", name: null }]);
    expect(contentOf(events, none).cc).toEqual([]);
    expect(mail.sent.map((m) => m.cc ?? null)).toEqual([["ana@cliente.example.net"], null]);
  });

  it("a reply sent by socket carries its Cc too", async () => {
    const c = await emailConversation();
    const mail = mailStandIn();
    await c.ingest([customerMail("oi")]);
    const socket = await openSocket(`/api/v1/conversations/${c.conversationId}/ws?after=0`, await owner());
    socket.send({ type: "send", clientId: "sock-1", body: "Pelo console.", cc: ["ana@cliente.example.net"] });
    await socket.until((frames) => frames.some((f) => f.type === "ack" && f.clientId === "sock-1"));
    const ack = socket.frames.find((f) => f.type === "ack" && f.clientId === "sock-1") as { seq: number };
    const events = await settled(c, ack.seq, "sent");
    expect(contentOf(events, ack.seq).cc).toEqual([{ address: "ana@cliente.example.net", name: null }]);
    expect(mail.sent[0]!.cc).toEqual(["ana@cliente.example.net"]);
    socket.ws.close();
  });
});

describe("an e-mail reply is sent exactly once through the delivery queue", () => {
  it("one send, threaded on the customer's latest mail; the provider id is Email Service's Message-ID; never again (drain, alarm, eviction)", async () => {
    const c = await emailConversation();
    const mail = mailStandIn([{ messageId: "<0100018f-first@loja.example.com.br>" }]);
    const first = customerMessageId();
    const second = customerMessageId();
    await c.ingest([customerMail("primeira", { messageId: first }), customerMail("segunda", { messageId: second, references: [first] })]);
    const seq = await reply(c.conversationId, "Respondendo às duas.");
    const events = await settled(c, seq, "sent");
    expect(deliveriesOf(events, seq)).toMatchObject([{ status: "sent", providerMessageId: "0100018f-first@loja.example.com.br", error: null }]);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.to).toEqual([CUSTOMER]);
    expect(mail.sent[0]!.headers!["In-Reply-To"]).toBe(`<${second}>`);
    expect(mail.sent[0]!.headers!.References!.split(" ").slice(1)).toEqual([`<${first}>`, `<${second}>`]);
    expect(mail.sent[0]!.replyTo).toBe(`suporte+sb-${c.conversationId}@loja.example.com.br`);
    expect(await queueRows(c.conversationId)).toEqual([]);

    await runDurableObjectAlarm(c.room);
    await evictDurableObject(c.room);
    await runDurableObjectAlarm(c.room);
    expect(mail.sent).toHaveLength(1);
  });

  it("the next reply's References carries our first reply's Message-ID", async () => {
    const c = await emailConversation();
    const mail = mailStandIn([{ messageId: "<out-1@loja.example.com.br>" }, { messageId: "<out-2@loja.example.com.br>" }]);
    const customer = customerMessageId();
    await c.ingest([customerMail("oi", { messageId: customer })]);
    await settled(c, await reply(c.conversationId, "um"), "sent");
    await settled(c, await reply(c.conversationId, "dois"), "sent");
    expect(mail.sent).toHaveLength(2);
    expect(mail.sent[1]!.headers!.References!.split(" ").slice(1)).toEqual([`<${customer}>`, "<out-1@loja.example.com.br>"]);
    expect(mail.sent[1]!.headers!["In-Reply-To"]).toBe(`<${customer}>`);
  });

  it("a temporary failure is retried, then sent once", async () => {
    const c = await emailConversation();
    const mail = mailStandIn([mailError("E_RATE_LIMIT_EXCEEDED", "slow down"), { messageId: "<after-retry@loja.example.com.br>" }]);
    await c.ingest([customerMail("oi")]);
    const seq = await reply(c.conversationId, "Tentando de novo.");
    const rows = await eventually(async () => {
      const r = await queueRows(c.conversationId);
      expect(r[0]?.attempts).toBe(1);
      return r;
    });
    expect(rows[0]!.last_error).toContain("E_RATE_LIMIT_EXCEEDED");
    expect(deliveryOf(await c.history(), seq)).toBe("pending");
    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    const events = await settled(c, seq, "sent");
    expect(deliveriesOf(events, seq)).toMatchObject([{ status: "sent", providerMessageId: "after-retry@loja.example.com.br" }]);
    expect(mail.sent).toHaveLength(2);
    await runDurableObjectAlarm(c.room);
    expect(mail.sent).toHaveLength(2);
  });

  it("a permanent failure fails the reply with the reason, and it is never tried again", async () => {
    const c = await emailConversation();
    const mail = mailStandIn([mailError("E_RECIPIENT_SUPPRESSED", "suppressed")]);
    await c.ingest([customerMail("oi")]);
    const seq = await reply(c.conversationId, "Não vai chegar.");
    const events = await settled(c, seq, "failed");
    expect(deliveriesOf(events, seq).at(-1)!.error).toBe(
      "the recipient's address is on Email Service's suppression list (it bounced or reported spam) (E_RECIPIENT_SUPPRESSED: suppressed)",
    );
    await makeDueNow(c.conversationId);
    await runDurableObjectAlarm(c.room);
    expect(mail.sent).toHaveLength(1);
    expect(await queueRows(c.conversationId)).toEqual([]);
  });

  it("a private note is never sent", async () => {
    const c = await emailConversation();
    const mail = mailStandIn();
    await c.ingest([customerMail("oi")]);
    const note = await reply(c.conversationId, "nota interna", { kind: "note" });
    const after = await reply(c.conversationId, "resposta");
    await settled(c, after, "sent");
    expect(mail.sent.map((m) => m.text)).toEqual([expect.stringMatching(/^resposta\n/)]);
    expect(messagesOf(await c.history()).find((m) => m.seq === note)!.content).toBeUndefined();
  });
});
