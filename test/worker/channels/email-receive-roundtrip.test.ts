/**
 * In and out together: a customer's mail comes in through the email() handler, an agent
 * replies through the real e-mail adapter (the `send_email` binding stood in for by
 * ./email-kit.ts `mailStandIn`, answering with Email Service's Message-ID), and then
 * what comes back about that reply: the customer's answer naming Email Service's
 * Message-ID in In-Reply-To lands in the same conversation, and a bounce of the reply
 * marks it failed with the report's reason.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { agentReplies } from "../channel-room-kit";
import { owner, projected } from "../fixtures";
import { conversationsOf, eventsOf, messagesIn } from "./channel-world";
import { mailStandIn } from "./email-kit";
import { deliver, emailInbox, mail, storedIn } from "./email-receive-kit";

const postmaster = { address: "mailer-daemon@mx.customer.test", name: "Mail Delivery System" };

/** The customer's mail in, and the agent's reply out, sent as `sentId` by Email Service. */
async function repliedConversation(domain: string, sentId: string) {
  const inbox = await emailInbox({ addresses: [`suporte@${domain}`] });
  const boss = await owner();
  const sender = mailStandIn([{ messageId: `<${sentId}>` }]);
  const first = mail({ to: [{ address: `suporte@${domain}`, name: null }] });
  const conversationId = storedIn(await deliver(first));
  const res = await agentReplies(boss, conversationId, "Seu pedido sai hoje.");
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const seq = res.body.seq as number;
  await eventually(async () => {
    const [reply] = messagesIn(await eventsOf(boss, conversationId)).filter((m) => m.seq === seq);
    expect(reply?.finalDelivery).toBe("sent");
  });
  expect(sender.sent).toHaveLength(1);
  return { inbox, boss, conversationId, seq, sender };
}

describe("email() with our replies", () => {
  it("the customer's answer to our reply (In-Reply-To: Email Service's Message-ID) joins the conversation", async () => {
    const { inbox, boss, conversationId, seq, sender } = await repliedConversation("round1.test", "0100019b-aaaa@round1.test");
    await projected(conversationId, seq + 1);
    // The customer's client copies our References too; leave them out to test In-Reply-To alone.
    const answer = mail({ to: [{ address: "suporte@round1.test", name: null }], inReplyTo: ["0100019b-aaaa@round1.test"], text: "Obrigada!" });
    expect((await deliver(answer)).outcome).toMatchObject({ result: "stored", conversationId, threadedBy: "in-reply-to" });
    expect(messagesIn(await eventsOf(boss, conversationId)).map((m) => m.body)).toEqual(["Olá, meu pedido não chegou.", "Seu pedido sai hoje.", "Obrigada!"]);
    expect((await conversationsOf(inbox.id)).length).toBe(1);
    // The reply carried our marks: the reply-to token and our marker in References.
    const sent = sender.sent[0]!;
    expect(JSON.stringify(sent)).toContain(`+sb-${conversationId}@round1.test`);
  });

  it("a bounce of our reply (the DSN names Email Service's Message-ID) marks the reply failed with the reason, and opens nothing", async () => {
    const { inbox, boss, conversationId, seq } = await repliedConversation("round2.test", "0100019b-bbbb@round2.test");
    await projected(conversationId, seq + 1);
    const dsn = mail({
      from: postmaster,
      to: [{ address: "suporte@round2.test", name: null }],
      automatic: "delivery-status",
      report: { originalMessageId: "0100019b-bbbb@round2.test", action: "failed", reason: "550 5.1.1 <ana@customer.test>: Recipient address rejected" },
    });
    expect((await deliver(dsn, "suporte@round2.test", { envelopeFrom: "" })).outcome).toEqual({ result: "status", conversationId });
    const [reply] = messagesIn(await eventsOf(boss, conversationId)).filter((m) => m.seq === seq);
    expect([reply?.finalDelivery, reply?.finalError]).toEqual(["failed", "550 5.1.1 <ana@customer.test>: Recipient address rejected"]);
    expect((await conversationsOf(inbox.id)).length).toBe(1);
  });
});
