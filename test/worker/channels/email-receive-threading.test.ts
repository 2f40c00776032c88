/**
 * The email() handler's threading: a reply lands in the conversation it answers — by
 * In-Reply-To, by References alone, by our reply token when the client stripped the
 * headers — and a mail with none of them starts a new one, never matched by subject.
 * The same mail twice (a redelivery, or sent to two of our addresses) is one message,
 * also after the room was evicted; a reply to a resolved conversation reopens it.
 */
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { conversationsOf, eventsOf, messagesIn } from "./channel-world";
import { deliver, emailInbox, mail, storedIn } from "./email-receive-kit";
import { owner, projected } from "../fixtures";
import { call } from "../http-client";
import { replyTokenAddress, threadMarkerId } from "../../../worker/channels/email/reply-token";

async function bodies(conversationId: string): Promise<string[]> {
  return messagesIn(await eventsOf(await owner(), conversationId)).map((m) => m.body);
}

describe("email() threading", () => {
  it("a reply by In-Reply-To joins the conversation of the mail it answers", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@thread1.test"] });
    const first = mail({ to: [{ address: "suporte@thread1.test", name: null }] });
    const conversationId = storedIn(await deliver(first));
    await projected(conversationId, 1);
    const reply = mail({ to: [{ address: "suporte@thread1.test", name: null }], subject: "outro assunto", inReplyTo: [first.messageId!], text: "Ainda esperando." });
    const d = await deliver(reply);
    expect(d.outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "in-reply-to", stored: 1 });
    expect(await bodies(conversationId)).toEqual(["Olá, meu pedido não chegou.", "Ainda esperando."]);
    expect((await conversationsOf(inbox.id)).length).toBe(1);
  });

  it("a reply with References only (no In-Reply-To) joins by its nearest known ancestor", async () => {
    await emailInbox({ addresses: ["suporte@thread2.test"] });
    const first = mail({ to: [{ address: "suporte@thread2.test", name: null }] });
    const conversationId = storedIn(await deliver(first));
    await projected(conversationId, 1);
    const reply = mail({ to: [{ address: "suporte@thread2.test", name: null }], references: ["unknown-root@elsewhere.test", first.messageId!, "never-stored@customer.test"] });
    expect((await deliver(reply)).outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "references" });
  });

  it("a reply to our reply address joins by the token even with every threading header stripped", async () => {
    await emailInbox({ addresses: ["suporte@thread3.test"] });
    const conversationId = storedIn(await deliver(mail({ to: [{ address: "suporte@thread3.test", name: null }] })));
    const token = replyTokenAddress("suporte@thread3.test", conversationId)!;
    const reply = mail({ to: [{ address: token, name: null }], subject: "sem Re:", inReplyTo: [], references: [] });
    expect((await deliver(reply, token)).outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "reply-token" });
  });

  it("a reply naming our Message-ID in In-Reply-To joins that conversation without asking D1", async () => {
    await emailInbox({ addresses: ["suporte@thread4.test"] });
    const conversationId = storedIn(await deliver(mail({ to: [{ address: "suporte@thread4.test", name: null }] })));
    const reply = mail({ to: [{ address: "suporte@thread4.test", name: null }], inReplyTo: [threadMarkerId(conversationId, 2, "suporte@thread4.test")] });
    expect((await deliver(reply)).outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "in-reply-to" });
    // Our Message-ID in References alone counts as the reply token.
    const later = mail({ to: [{ address: "suporte@thread4.test", name: null }], references: [threadMarkerId(conversationId, 3, "suporte@thread4.test")] });
    expect((await deliver(later)).outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "reply-token" });
  });

  it("a mail with no threading starts a new conversation, even with the same subject from the same customer", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@thread5.test"] });
    const a = storedIn(await deliver(mail({ to: [{ address: "suporte@thread5.test", name: null }] })));
    await projected(a, 1);
    const b = await deliver(mail({ to: [{ address: "suporte@thread5.test", name: null }] }));
    expect(b.outcome).toMatchObject({ result: "stored", threadedBy: "new" });
    expect(storedIn(b)).not.toBe(a);
    expect((await conversationsOf(inbox.id)).length).toBe(2);
  });

  it("a token or header naming another inbox's conversation does not cross inboxes", async () => {
    await emailInbox({ addresses: ["suporte@thread6a.test"] });
    const other = await emailInbox({ addresses: ["suporte@thread6b.test"] });
    const foreign = storedIn(await deliver(mail({ to: [{ address: "suporte@thread6a.test", name: null }] })));
    const d = await deliver(mail({ to: [{ address: "suporte@thread6b.test", name: null }], inReplyTo: [threadMarkerId(foreign, 2, "suporte@thread6a.test")] }));
    expect(d.outcome).toMatchObject({ result: "stored", threadedBy: "new" });
    expect((await conversationsOf(other.id)).map((c) => c.id)).toEqual([storedIn(d)]);
  });

  it("the same mail twice is one message, also after the room was evicted", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@dedup1.test"] });
    const m = mail({ to: [{ address: "suporte@dedup1.test", name: null }] });
    const conversationId = storedIn(await deliver(m));
    expect((await deliver(m)).outcome).toMatchObject({ result: "stored", conversationId, stored: 0, duplicates: 1 });
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(conversationId));
    expect((await deliver(m)).outcome).toMatchObject({ result: "stored", conversationId, stored: 0, duplicates: 1 });
    expect(await bodies(conversationId)).toEqual(["Olá, meu pedido não chegou."]);
    expect((await conversationsOf(inbox.id)).length).toBe(1);
  });

  it("a mail sent to two of the inbox's addresses (two envelope deliveries) is one message", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@dedup2.test", "vendas@dedup2.test"] });
    const m = mail({ to: [{ address: "suporte@dedup2.test", name: null }], cc: [{ address: "vendas@dedup2.test", name: null }] });
    const [a, b] = await Promise.all([deliver(m, "suporte@dedup2.test"), deliver(m, "vendas@dedup2.test")]);
    expect(storedIn(a)).toBe(storedIn(b));
    expect(await bodies(storedIn(a))).toEqual(["Olá, meu pedido não chegou."]);
    expect((await conversationsOf(inbox.id)).length).toBe(1);
  });

  it("the same mail to two inboxes' addresses is one message, in the conversation the first copy made", async () => {
    await emailInbox({ addresses: ["suporte@dedup4.test"] });
    const sales = await emailInbox({ addresses: ["vendas@dedup4b.test"] });
    const m = mail({ to: [{ address: "suporte@dedup4.test", name: null }], cc: [{ address: "vendas@dedup4b.test", name: null }] });
    const conversationId = storedIn(await deliver(m, "suporte@dedup4.test"));
    await projected(conversationId, 1);
    expect((await deliver(m, "vendas@dedup4b.test")).outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "message-id", duplicates: 1 });
    expect(await conversationsOf(sales.id)).toEqual([]);
  });

  it("a mail without Message-ID is deduplicated by a digest of what its sender wrote, not of relay headers", async () => {
    await emailInbox({ addresses: ["suporte@dedup3.test"] });
    const m = mail({ messageId: null, to: [{ address: "suporte@dedup3.test", name: null }] });
    const body = "From: Ana <ana@customer.test>\r\nSubject: x\r\n\r\nOlá, meu pedido não chegou.\r\n";
    const first = await deliver(m, undefined, { raw: `Received: from a.relay.test by mx.test; Mon, 1 Dec 2026 10:00:00 +0000\r\n${body}` });
    const again = await deliver(m, undefined, { raw: `Received: from b.relay.test by mx.test; Mon, 1 Dec 2026 10:05:00 +0000\r\n${body}` });
    expect(again.outcome).toMatchObject({ result: "stored", conversationId: storedIn(first), duplicates: 1 });
    const [message] = messagesIn(await eventsOf(await owner(), storedIn(first)));
    expect(message?.providerMessageId).toMatch(/^digest:[0-9a-f]{64}$/);
  });

  it("a customer's reply to a resolved conversation reopens it", async () => {
    await emailInbox({ addresses: ["suporte@reopen1.test"] });
    const boss = await owner();
    const first = mail({ to: [{ address: "suporte@reopen1.test", name: null }] });
    const conversationId = storedIn(await deliver(first));
    expect((await call(`/api/v1/conversations/${conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    await projected(conversationId, 2);
    const reply = mail({ to: [{ address: "suporte@reopen1.test", name: null }], inReplyTo: [first.messageId!], text: "Não resolveu." });
    expect((await deliver(reply)).outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "in-reply-to" });
    const statuses = (await eventsOf(boss, conversationId)).filter((e) => e.type === "status").map((e) => (e.type === "status" ? `${e.from}->${e.to}` : ""));
    expect(statuses).toEqual(["open->resolved", "resolved->open"]);
  });
});
