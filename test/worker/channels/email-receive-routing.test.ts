/**
 * The email() handler's routing: by envelope recipient, then To/Cc/Delivered-To, to the
 * inbox owning the address or its catch-all domain, with the routed address's team;
 * unknown addresses and oversized mail refused with a reason; our own mail ignored.
 */
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { conversationsOf } from "./channel-world";
import { db, deliver, deliverToWorker, emailInbox, emailMessage, mail, storedIn } from "./email-receive-kit";
import { findConversation } from "../../../worker/db/conversations";
import { MAX_EMAIL_BYTES } from "../../../worker/channels/email/inbound-limits";

async function team(name: string): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)").bind(id, name, Date.now()).run();
  return id;
}

describe("email() routing", () => {
  it("routes by the envelope recipient to the inbox that owns the address, as the customer's contact", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@route1.test", "ajuda@route1.test"] });
    const d = await deliver(mail({ to: [{ address: "someone-else@elsewhere.test", name: null }] }), "Ajuda@Route1.test");
    expect(d.rejected).toBeNull();
    const conversationId = storedIn(d);
    const [row] = await conversationsOf(inbox.id);
    expect(row?.id).toBe(conversationId);
    const identity = await env.DB.prepare("SELECT kind, external_id FROM contact_identities WHERE contact_id = ?").bind(row!.contact_id).first();
    expect(identity).toEqual({ kind: `email:${inbox.id}`, external_id: "ana@customer.test" });
  });

  it("falls back to To, Cc and Delivered-To when the envelope recipient is not ours", async () => {
    const inbox = await emailInbox({ addresses: ["vendas@route2.test"] });
    const d = await deliver(mail({ to: [{ address: "list@lists.test", name: null }], cc: [], deliveredTo: ["vendas@route2.test"] }), "forwarder@elsewhere.test");
    expect((await conversationsOf(inbox.id)).map((c) => c.id)).toEqual([storedIn(d)]);
  });

  it("takes mail to any address of a catch-all domain", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@route3.test"], catchAllDomain: "route3.test" });
    const d = await deliver(mail({ to: [{ address: "qualquer@route3.test", name: null }] }), "qualquer@route3.test");
    expect((await conversationsOf(inbox.id)).map((c) => c.id)).toEqual([storedIn(d)]);
  });

  it("rejects mail for an address no inbox owns, with a reason, and stores nothing", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@route4.test"] });
    const d = await deliver(mail({ to: [{ address: "ghost@route4.test", name: null }] }), "ghost@route4.test");
    expect(d.outcome).toEqual({ result: "rejected", reason: "No mailbox here for ghost@route4.test." });
    expect(d.rejected).toBe("No mailbox here for ghost@route4.test.");
    expect(await conversationsOf(inbox.id)).toEqual([]);
  });

  it("starts the conversation in the routed address's team, else the inbox's", async () => {
    const finance = await team(`Financeiro ${crypto.randomUUID().slice(0, 6)}`);
    const general = await team(`Geral ${crypto.randomUUID().slice(0, 6)}`);
    await emailInbox({ addresses: ["suporte@route5.test", "financeiro@route5.test"], addressTeams: { "financeiro@route5.test": finance } }, general);
    const toFinance = storedIn(await deliver(mail({ to: [{ address: "financeiro@route5.test", name: null }] })));
    const toSupport = storedIn(await deliver(mail({ to: [{ address: "suporte@route5.test", name: null }] })));
    expect((await findConversation(db, toFinance))?.teamId).toBe(finance);
    expect((await findConversation(db, toSupport))?.teamId).toBe(general);
  });

  it("ignores our own mail coming back (from one of our addresses, or with our Message-ID): no reject, nothing stored", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@route6.test", "vendas@route6.test"] });
    const fromUs = await deliver(mail({ from: { address: "vendas@route6.test", name: "Vendas" }, to: [{ address: "suporte@route6.test", name: null }] }));
    expect(fromUs).toEqual({ outcome: { result: "ignored", reason: "from one of our inbox addresses" }, rejected: null });
    const ourId = await deliver(mail({ messageId: `sb-${crypto.randomUUID()}-4.abc123@route6.test`, to: [{ address: "suporte@route6.test", name: null }] }));
    expect(ourId).toEqual({ outcome: { result: "ignored", reason: "carries our own Message-ID" }, rejected: null });
    expect(await conversationsOf(inbox.id)).toEqual([]);
  });

  it("keeps a colleague's mail whose client made its Message-ID at the company's domain", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@route7.test"] });
    const d = await deliver(mail({ messageId: `${crypto.randomUUID()}@route7.test`, from: { address: "bia@route7.test", name: "Bia" }, to: [{ address: "suporte@route7.test", name: null }] }));
    expect((await conversationsOf(inbox.id)).map((c) => c.id)).toEqual([storedIn(d)]);
  });

  it("the Worker's email() export refuses a message over Email Routing's 25 MiB before reading it", async () => {
    await emailInbox({ addresses: ["suporte@route8.test"] });
    const { message, state } = emailMessage("Subject: big\r\n\r\nx", { from: "ana@customer.test", to: "suporte@route8.test" }, MAX_EMAIL_BYTES + 1);
    await deliverToWorker(message);
    expect(state.rejected).toBe("Message too large: this help desk takes messages up to 25 MiB.");
  });

  it("refuses a stream longer than its declared size once it passes the limit", async () => {
    await emailInbox({ addresses: ["suporte@route9.test"] });
    const { message, state } = emailMessage(new Uint8Array(MAX_EMAIL_BYTES + 10), { from: "ana@customer.test", to: "suporte@route9.test" }, 1000);
    await deliverToWorker(message);
    expect(state.rejected).toBe("Message too large: this help desk takes messages up to 25 MiB.");
  });
});
