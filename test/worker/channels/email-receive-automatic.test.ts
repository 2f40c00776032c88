/**
 * Automatic mail (auto-replies, bounces, list mail where the inbox says so) never opens
 * or reopens a conversation: it is dropped outside one, stored quietly inside one. A
 * bounce (DSN) of one of our replies marks that reply failed with the report's reason.
 */
import { describe, expect, it } from "vitest";
import { conversationsOf, eventsOf, messagesIn } from "./channel-world";
import { db, deliver, emailInbox, mail, storedIn } from "./email-receive-kit";
import { owner, projected } from "../fixtures";
import { call } from "../http-client";
import { findConversation } from "../../../worker/db/conversations";
import { roomOf } from "../../../worker/conversation/room-client";
import { threadMarkerId } from "../../../worker/channels/email/reply-token";
import { env } from "cloudflare:workers";

const postmaster = { address: "mailer-daemon@mx.customer.test", name: "Mail Delivery System" };

/** Our reply in `conversationId`, as the room holds one the send delivered: an outbound
 * message known by its Message-ID. Stored as an echo of the business so this test does
 * not depend on the sending adapter. */
async function ourReply(conversationId: string, domain: string): Promise<string> {
  const conversation = (await findConversation(db, conversationId))!;
  const messageId = threadMarkerId(conversationId, 2, `suporte@${domain}`);
  await roomOf(env, conversation).ingest({ externalId: "ana@customer.test", name: "Ana Souza" }, [
    { type: "message", from: "business", providerMessageId: messageId, body: "Seu pedido sai hoje.", attachments: [], senderName: "Suporte", providerAt: Date.now() },
  ]);
  return messageId;
}

describe("email() automatic mail", () => {
  it("an auto-reply outside any conversation opens nothing and is not refused", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@auto1.test"] });
    const d = await deliver(mail({ to: [{ address: "suporte@auto1.test", name: null }], automatic: "auto-submitted", text: "Estou de férias." }));
    expect(d).toEqual({ outcome: { result: "dropped", reason: "automatic mail (auto-submitted) opens no conversation" }, rejected: null });
    expect(await conversationsOf(inbox.id)).toEqual([]);
  });

  it("a DSN that is not about our mail opens nothing", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@auto2.test"] });
    const d = await deliver(
      mail({ from: postmaster, to: [{ address: "suporte@auto2.test", name: null }], automatic: "delivery-status", report: { originalMessageId: "someone@else.test", action: "failed", reason: "550 5.1.1 user unknown" } }),
    );
    expect(d.outcome).toEqual({ result: "dropped", reason: "automatic mail (delivery-status) opens no conversation" });
    expect(await conversationsOf(inbox.id)).toEqual([]);
  });

  it("an auto-reply in a resolved conversation is stored there without reopening it", async () => {
    await emailInbox({ addresses: ["suporte@auto3.test"] });
    const boss = await owner();
    const first = mail({ to: [{ address: "suporte@auto3.test", name: null }] });
    const conversationId = storedIn(await deliver(first));
    expect((await call(`/api/v1/conversations/${conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    await projected(conversationId, 2);
    const ooo = mail({ to: [{ address: "suporte@auto3.test", name: null }], inReplyTo: [first.messageId!], automatic: "autoreply-header", text: "Fora do escritório." });
    expect((await deliver(ooo)).outcome).toMatchObject({ result: "stored", conversationId, stored: 1 });
    const events = await eventsOf(boss, conversationId);
    expect(messagesIn(events).map((m) => m.body)).toEqual(["Olá, meu pedido não chegou.", "Fora do escritório."]);
    expect(events.filter((e) => e.type === "status").map((e) => (e.type === "status" ? e.to : ""))).toEqual(["resolved"]);
  });

  it("list mail is automatic only where the inbox says so", async () => {
    const quiet = await emailInbox({ addresses: ["suporte@list1.test"], listMailIsAutomatic: true });
    const open = await emailInbox({ addresses: ["suporte@list2.test"], listMailIsAutomatic: false });
    const a = await deliver(mail({ to: [{ address: "suporte@list1.test", name: null }], automatic: "mailing-list" }));
    const b = await deliver(mail({ to: [{ address: "suporte@list2.test", name: null }], automatic: "mailing-list" }));
    expect(a.outcome.result).toBe("dropped");
    expect(b.outcome).toMatchObject({ result: "stored", threadedBy: "new" });
    expect((await conversationsOf(quiet.id)).length).toBe(0);
    expect((await conversationsOf(open.id)).length).toBe(1);
  });

  it("a DSN for one of our replies marks that reply failed with the report's reason, and opens nothing", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@dsn1.test"] });
    const boss = await owner();
    const conversationId = storedIn(await deliver(mail({ to: [{ address: "suporte@dsn1.test", name: null }] })));
    const ours = await ourReply(conversationId, "dsn1.test");
    const dsn = mail({ from: postmaster, to: [{ address: "suporte@dsn1.test", name: null }], automatic: "delivery-status", report: { originalMessageId: ours, action: "failed", reason: "550 5.1.1 <ana@customer.test>: user unknown" } });
    const d = await deliver(dsn, "suporte@dsn1.test", { envelopeFrom: "" });
    expect(d).toEqual({ outcome: { result: "status", conversationId }, rejected: null });
    const replies = messagesIn(await eventsOf(boss, conversationId)).filter((m) => m.actor.type === "agent");
    expect(replies.map((m) => [m.body, m.finalDelivery, m.finalError])).toEqual([["Seu pedido sai hoje.", "failed", "550 5.1.1 <ana@customer.test>: user unknown"]]);
    expect((await conversationsOf(inbox.id)).length).toBe(1);
    // The same bounce again changes nothing: failed is final, one delivery event.
    expect((await deliver(dsn, "suporte@dsn1.test", { envelopeFrom: "" })).outcome).toEqual({ result: "status", conversationId });
    expect((await eventsOf(boss, conversationId)).filter((e) => e.type === "delivery").length).toBe(1);
  });

  it("a delayed-delivery report marks nothing", async () => {
    await emailInbox({ addresses: ["suporte@dsn2.test"] });
    const conversationId = storedIn(await deliver(mail({ to: [{ address: "suporte@dsn2.test", name: null }] })));
    const ours = await ourReply(conversationId, "dsn2.test");
    const d = await deliver(mail({ from: postmaster, to: [{ address: "suporte@dsn2.test", name: null }], automatic: "delivery-status", report: { originalMessageId: ours, action: "delayed", reason: "451 4.4.1 try again" } }));
    expect(d.outcome).toEqual({ result: "dropped", reason: "delivery report (delayed) for our reply" });
    const replies = messagesIn(await eventsOf(await owner(), conversationId)).filter((m) => m.actor.type === "agent");
    expect(replies.map((m) => m.finalDelivery)).toEqual(["sent"]);
  });
});
